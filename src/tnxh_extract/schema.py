"""The JSON Schema of the Document record, as committed in docs/schema.json."""

from __future__ import annotations

import json

from .models import Document


def schema_json() -> str:
    return json.dumps(Document.model_json_schema(by_alias=True), ensure_ascii=False, indent=2) + "\n"
