"""What every reader returns: the normalised article text plus its maps and metadata.

Readers normalise (tnxh_extract.normalize.normalize) the pieces they assemble, so every
offset below indexes `Text.text` exactly, and the pipeline never normalises again.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Section(BaseModel):
    """A heading and the stretch of text it governs (up to the next heading of its level)."""

    heading: str
    level: int = Field(ge=1, description="1 for 'I.'/'Phần', 2 for '1.', 3 for '1.1.'/'a)'")
    start: int
    end: int
    heading_end: int


class Cell(BaseModel):
    text: str
    start: int
    end: int


class Table(BaseModel):
    """A table as laid into the text: header rows, then body rows, with cell offsets."""

    page: int | None = None
    pages: list[int] = Field(default_factory=list, description="all pages it spans (continued tables)")
    start: int
    end: int
    header: list[list[Cell]] = Field(default_factory=list)
    rows: list[list[Cell]] = Field(default_factory=list)
    columns: list[str] = Field(
        default_factory=list, description="per column, its header rows joined ('Cai nghiện ma túy Tự nguyện')"
    )


class Text(BaseModel):
    source: str
    format: Literal["text", "html", "pdf"]
    text: str
    title: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    author: str | None = None
    url: str | None = None
    pages: list[tuple[int, int]] = Field(
        default_factory=list, description="[start, end) of page i+1 in `text`"
    )
    sections: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ReadError(Exception):
    """The input cannot be read as an article; the message says why, for the error record."""
