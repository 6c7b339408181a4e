"""The records tnxh_extract emits: the public JSON contract (see docs/schema.json).

Every field of shared/OUTPUT-CONTRACT.md is here under the same name; extra fields are
additions, never renames. Bump SCHEMA_VERSION on any breaking change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Level = Literal["country", "province", "district", "commune", "foreign"]
Qualifier = Literal["more_than", "less_than", "about", "expected"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Record):
    """A stretch of the normalised text: `text == doc.text[start:end]`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class UnitRef(_Record):
    """A reference to an administrative unit (or country) without a mention."""

    name: str
    level: Level
    code: str | None = None


class Place(Span):
    """A place mention: the name as written, resolved to a unit of the gazetteer."""

    name: str
    level: Level
    code: str | None = Field(None, description="official statistical code (GSO) of the unit")
    province: UnitRef | None = Field(None, description="the province the unit lay in (pre-merger)")
    current: UnitRef | None = Field(None, description="the unit it belongs to since 1 July 2025")
    ambiguous: bool = Field(False, description="the name fits several units and none was preferred")


class Decision(Span):
    """A numbered legal or administrative document reference."""

    code: str = Field(description="number and symbol as written, no spaces")
    doc_type: str
    number: str
    issuer_code: str | None = None
    date: str | None = Field(None, description="YYYY-MM-DD")
    issuer: str | None = Field(None, description="issuing body as written")
    issuer_resolved: str | None = Field(None, description="issuing body read from the code")
    summary: str | None = None


class Period(Span):
    """The time a figure refers to, with ISO dates where the text makes them definite."""

    start_date: str | None = Field(None, description="YYYY-MM-DD")
    end_date: str | None = Field(None, description="YYYY-MM-DD")
    year: int | None = None


class Change(_Record):
    """A stated change against an earlier value (never computed)."""

    delta: float | None = Field(None, ge=0)
    direction: Literal["increase", "decrease"] | None = None
    reference_year: int | None = None
    from_: float | None = Field(None, alias="from")
    delta_unit: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class Indicator(Span):
    """One statistical figure with its attributes."""

    id: str
    value: float
    value_max: float | None = Field(None, description="upper bound of a range ('15-20 người')")
    unit: str
    target: float | None = None
    percent: float | None = None
    subject: str | None = None
    concept: str | None = None
    place: UnitRef | None = None
    period: Period | None = None
    year: int | None = None
    qualifier: Qualifier | None = None
    change: Change | None = None
    parent: str | None = None
    sentence: str
    section: list[str] = Field(default_factory=list, description="headings the figure stands under")
    page: int | None = Field(None, description="1-based PDF page, when read from a PDF")


class Document(_Record):
    """One input document and everything extracted from it."""

    schema_version: str = SCHEMA_VERSION
    source: str
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    author: str | None = None
    url: str | None = None
    text_sha256: str | None = None
    text: str | None = Field(None, description="the normalised text all offsets index")
    places: list[Place] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None
