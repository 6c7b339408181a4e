"""The committed JSON Schema is the contract: it must not drift from the models."""

from pathlib import Path

from tnxh_extract.models import Document
from tnxh_extract.schema import schema_json

ROOT = Path(__file__).parent.parent
CONTRACT = {
    "Document": ["schema_version", "source", "title", "published", "places", "decisions", "indicators", "warnings", "error", "text_sha256", "text"],
    "Place": ["text", "start", "end", "name", "level", "code", "current"],
    "Decision": ["text", "start", "end", "code", "doc_type", "number", "issuer_code", "date", "issuer", "summary"],
    "Indicator": ["id", "text", "start", "end", "value", "unit", "target", "percent", "subject", "concept", "place",
                  "period", "qualifier", "change", "parent", "sentence"],
}


def test_committed_schema_matches_models():
    committed = (ROOT / "docs" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "docs/schema.json is stale: run `tnxh-extract schema > docs/schema.json`"


def test_contract_fields_exist():
    schema = Document.model_json_schema(by_alias=True)
    defs = schema["$defs"]
    for model, fields in CONTRACT.items():
        props = schema["properties"] if model == "Document" else defs[model]["properties"]
        missing = [f for f in fields if f not in props]
        assert not missing, f"{model} lacks {missing}"
    assert set(defs["Change"]["properties"]) >= {"delta", "direction", "reference_year", "from"}
    assert set(defs["Period"]["properties"]) >= {"text", "start", "end", "start_date", "end_date"}


def test_change_serialises_from_by_its_contract_name():
    from tnxh_extract.models import Change

    dumped = Change(from_=35, direction="increase").model_dump(mode="json")
    assert dumped["from"] == 35 and "from_" not in dumped
