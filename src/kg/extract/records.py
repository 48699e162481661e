"""The typed records the extract stage hands to the build stage.

Every record carries the `Span` it came from: character offsets into the report text
exactly as stored in `data/sources/` (Python `str` indices, i.e. Unicode code points),
so `report.text[span.start:span.end] == span.quote` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    quote: str  # report.text[start:end], unchanged (OCR errors included)
    segment: str  # key of the innermost Segment holding it, e.g. "I.1.1/p3" or "fn/2"


@dataclass(frozen=True)
class Segment:
    """A part, section, paragraph, footnote or table row of the document."""

    key: str  # stable within a report: "I", "I.1", "I.1.2", "I.1.2/p3", "fn/2", "annex-1/row/14"
    kind: str  # part | section | subsection | paragraph | footnote | table | table-row
    start: int
    end: int
    title: str | None = None  # heading text, when it has one
    parent: str | None = None  # key of the enclosing segment
    number: str | None = None  # footnote number, section number as printed
    marker_offset: int | None = None  # footnotes: where the marker stands in the body text


@dataclass(frozen=True)
class Figure:
    """One number that measures something: becomes one qb:Observation."""

    indicator: str  # indicator key from data/lexicon/indicators (e.g. "grdp-growth")
    value: Decimal
    unit: str  # unit key from data/lexicon/units (e.g. "ha", "percent", "billion-vnd")
    measure_kind: str  # actual | plan-target | percent-of-plan | percent-of-same-period |
    #                   growth-rate | percentage-point-change | share | rank | score |
    #                   ratio | change
    period: str  # period key: "2023-H1", "2023", "2022-H1", "2023-05-31", "2019-H1", ...
    span: Span  # the sentence or clause it was read from
    area: str = "04"  # GSO code of the reference area (list version of the report)
    estimate: bool = False  # the text says "ước"
    qualifier: str | None = None  # approximately | more-than | less-than | at-least
    comparison_period: str | None = None  # for changes, % of same period, pp changes
    denominator: Decimal | None = None  # ratios such as "17/139 xã"
    subject: str | None = None  # entity key the figure is about (a project, a crop...), if any
    value_text: str = ""  # the number as written, for review


@dataclass(frozen=True)
class Entity:
    """Something the report names: unit, programme, project, document, organisation, place."""

    key: str  # stable slug within its kind
    kind: str  # admin-unit | foreign-area | programme | plan | scheme | project | document |
    #           organisation | place | composite-index | index-component | heritage-item
    label: str  # as normalised for display (Vietnamese)
    spans: tuple[Span, ...]
    label_en: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)  # e.g. number, date, doc-type


@dataclass(frozen=True)
class Relation:
    """A link the text states between two entities (or a figure and an entity)."""

    subject: str  # "kind:key"
    predicate: str  # location | obstacle | programme | issuer | component-of | in-commune |
    #                 in-district | cites
    object: str  # "kind:key"
    span: Span


@dataclass(frozen=True)
class ReviewItem:
    """A number found in the text that did not become a figure, with the reason."""

    span: Span
    number_text: str
    reason: str


@dataclass(frozen=True)
class Extraction:
    segments: tuple[Segment, ...]
    figures: tuple[Figure, ...]
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    review: tuple[ReviewItem, ...] = ()
