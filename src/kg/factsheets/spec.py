"""Fact-sheet specifications: YAML files in `queries/factsheets/`, read into typed records.

A sheet is data, not code: a title, parameters and sections, each naming a canned query
and how to present its rows. Everything a YAML file says is checked at load time — field
names against the columns the query really projects, parameters against the query's
header — so a typo is a `KgError` naming the file and the field, not an empty page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kg.errors import KgError

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
PRESENTATIONS = ("figures", "table", "chart", "entities")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """Words a person reads, always in both languages."""

    vi: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


# A field names a query column; `x` also matches `x_vi` / `x_en` in the reader's language.
# A list gives alternatives: the first one with a value in the row wins.
Fields = Annotated[list[str], Field(min_length=1)]
# Observation IRIs a figure cites: the same columns always, or per field alternative used
# ({percent_of_plan_stated: [percent_obs], percent_of_plan_computed: [actual_obs, plan_obs]}).
Cites = list[str] | dict[str, list[str]]
CellFormat = Literal[
    "text",
    "number",
    "percent",
    "change",
    "same-period",
    "rank-change",
    "period",
    "date",
    "yes-no",
    "iri",
]


class SheetParameter(_Strict):
    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text
    default: str | None = None
    example: str | None = None


class Column(_Strict):
    field: Fields
    label: Text
    format: CellFormat = "text"
    cite: Cites = []  # columns holding the IRIs of the observations this cell comes from
    link: str | None = None  # column holding an IRI the cell links to


class Headline(_Strict):
    """One card per row: value and unit, % of plan, change on the same period."""

    label: Fields
    value: str
    unit: Fields | None = None
    unit_text: Text | None = None  # a fixed unit when the query has no unit column ("%")
    period: Fields | None = None
    area: Fields | None = None  # shown beside the period: sheets may mix reports of provinces
    cite: list[str] = []
    percent_of_plan: Fields | None = None
    percent_of_plan_cite: Cites = []
    same_period: str | None = None  # "bằng x% cùng kỳ": change is x - 100
    same_period_cite: list[str] = []
    growth: str | None = None  # "tăng x%": change is x
    growth_cite: list[str] = []


class Series(_Strict):
    field: str
    label: Text
    cite: list[str] = []


class Chart(_Strict):
    type: Literal["bar", "line"] = "bar"
    category: Fields
    category_label: Text
    series: Annotated[list[Series], Field(min_length=1)]
    axis: Text  # what the value axis measures


class Entities(_Strict):
    label: Fields
    link: str
    details: list[Column] = []
    cite: list[str] = []


class Section(_Strict):
    title: Text
    note: Text | None = None
    query: str
    params: dict[str, str] = {}  # "$name" stands for the sheet parameter of that name
    where: dict[str, str] = {}  # keep rows whose column equals the value
    require: list[str] = []  # keep rows where these columns have a value
    limit: Annotated[int | None, Field(ge=1)] = None
    present: Literal["figures", "table", "chart", "entities"]
    figures: Headline | None = None
    table: list[Column] | None = None
    chart: Chart | None = None
    entities: Entities | None = None

    @model_validator(mode="after")
    def _one_presentation(self) -> Section:
        given = [p for p in PRESENTATIONS if getattr(self, p) is not None]
        if given != [self.present]:
            raise ValueError(
                f"present is {self.present!r}: give exactly the key {self.present!r} "
                f"(found {', '.join(given) or 'none'})"
            )
        return self


class SheetSpec(_Strict):
    name: str = ""
    path: Path = Path()
    title: Text
    description: Text
    parameters: list[SheetParameter] = []
    sections: Annotated[list[Section], Field(min_length=1)]

    def parameter(self, name: str) -> SheetParameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def cite_columns(cites: Cites) -> list[str]:
    """Every column a citation spec reads (for checks)."""
    if isinstance(cites, dict):
        return [*cites, *(c for cols in cites.values() for c in cols)]
    return list(cites)


def load_sheet(path: Path) -> SheetSpec:
    """Parse one YAML file; any problem is a `KgError` naming the file and the field."""
    if not _NAME.match(path.stem):
        raise KgError(f"{path}: fact-sheet file names are lower-case words joined by '-'")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KgError(f"{path}: cannot read fact sheet ({exc})") from exc
    if not isinstance(data, dict):
        raise KgError(f"{path}: a fact sheet is a mapping (title, description, sections)")
    try:
        spec = SheetSpec.model_validate({**data, "name": path.stem, "path": path})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise KgError(f"{path}: {field_path(first['loc'])}: {first['msg']}") from exc
    return spec


def field_path(loc: tuple[int | str, ...]) -> str:
    """`('sections', 1, 'title', 'en')` -> `sections[1].title.en`, as a reader looks for it."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"
