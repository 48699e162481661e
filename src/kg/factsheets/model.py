"""A computed sheet: what the renderers print, already in the reader's language.

Renderers only lay these records out; every number in them was computed from the graph by
`kg.factsheets.compute`, and every printed figure keeps the observation IRIs it came from
(`obs`) and its footnote numbers (`notes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kg.factsheets.citations import Citation


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False
    value: Decimal | None = None  # the number behind `text`, for checks
    obs: tuple[str, ...] = ()  # observations the figure was read or computed from
    notes: tuple[int, ...] = ()  # footnote numbers
    link: str | None = None
    direct: bool = False  # `value` is exactly the value of the single cited observation


@dataclass(frozen=True)
class Card:
    """A headline figure: label, value with unit, % of plan and change on the same period."""

    label: str
    value: Cell
    unit: str
    period: str
    plan: Cell | None = None
    change: Cell | None = None


@dataclass(frozen=True)
class ChartData:
    type: str  # bar | line
    axis: str
    categories: tuple[str, ...]
    series: tuple[str, ...]
    points: tuple[tuple[str, str, Decimal], ...]  # (category, series, value)
    lang: str = "vi"  # numbers on the axis are written as the reader writes them


@dataclass(frozen=True)
class Item:
    """An entity in a list: its name, the IRI it links to, details and citation."""

    label: str
    link: str
    details: tuple[tuple[str, Cell], ...]
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class SectionResult:
    title: str
    kind: str  # figures | table | chart | entities
    query: str
    note: str = ""
    cards: tuple[Card, ...] = ()
    headers: tuple[str, ...] = ()
    numeric_columns: tuple[bool, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    chart: ChartData | None = None
    items: tuple[Item, ...] = ()
    total: int = 0  # rows of the query the section kept, before its limit
    kept: int = 0  # rows after the limit: fewer than `total` when the sheet summarises
    params: tuple[tuple[str, str], ...] = ()  # the query's parameters, to link the full list

    @property
    def empty(self) -> bool:
        return not (self.cards or self.rows or self.items)

    @property
    def cut(self) -> bool:
        """The section prints only the first rows of its query (a `limit`)."""
        return self.total > self.kept


@dataclass(frozen=True)
class Sheet:
    name: str
    lang: str
    title: str
    description: str
    params: dict[str, str]
    sections: tuple[SectionResult, ...]
    footnotes: tuple[Citation, ...] = field(default_factory=tuple)

    def cells(self) -> list[Cell]:
        """Every printed figure, for checks: table cells, cards, entity details."""
        out: list[Cell] = []
        for section in self.sections:
            for row in section.rows:
                out.extend(row)
            for card in section.cards:
                out.extend(c for c in (card.value, card.plan, card.change) if c is not None)
            for item in section.items:
                out.extend(cell for _, cell in item.details)
        return out
