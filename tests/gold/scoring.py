"""Gold figures of a report and the scorer that compares an extraction with them.

Used by `tests/test_extraction_quality.py`; kept apart so the test module reads as the
list of checks and this one as the rules (they are described in `README.md` here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from kg.extract.records import Figure

GOLD_DIR = Path(__file__).resolve().parent
ROOT = GOLD_DIR.parents[1]
REPORT_PATH = ROOT / "data" / "sources" / "cao-bang-1468-bc-ubnd-2023-06-14.txt"
MEASURE_KINDS = frozenset(
    {
        "actual",
        "plan-target",
        "percent-of-plan",
        "percent-of-same-period",
        "growth-rate",
        "percentage-point-change",
        "share",
        "rank",
        "score",
        "ratio",
        "change",
    }
)
PERIOD_PATTERN = re.compile(
    r"^\d{4}(-H[12]|-Q[1-4]|-\d{2}(-\d{2})?)?(/\d{4}(-\d{2})?)?$"  # keys of docs/model.md
)


@dataclass(frozen=True)
class GoldFigure:
    """One hand-annotated number, located in the text by its quote."""

    part: str
    index: int
    value: Decimal  # as printed (decreases negative)
    values: frozenset[Decimal]  # the value and any accepted alternative
    units: frozenset[str]
    measure_kinds: frozenset[str]
    periods: frozenset[str]
    start: int  # offsets of the number itself in the report text
    end: int
    number_text: str
    indicator: str
    estimate: bool = False
    comparison_period: str | None = None


@dataclass(frozen=True)
class GoldPart:
    key: str
    title: str
    ranges: tuple[tuple[int, int], ...]
    figures: tuple[GoldFigure, ...]
    ignored: tuple[tuple[int, int, frozenset[Decimal]], ...] = ()  # numbers not scored
    text: str = field(default="", repr=False, compare=False)

    def holds(self, fig: Figure) -> bool:
        """The figure's span overlaps the part and, when it says so, its number is inside.

        A sentence interrupted by a page break can run across footnotes; the number as
        written (`value_text`) decides on which side of the part boundary it was read.
        """
        for start, end in self.ranges:
            lo, hi = max(start, fig.span.start), min(end, fig.span.end)
            if lo < hi and (not fig.value_text or fig.value_text in self.text[lo:hi]):
                return True
        return False


@dataclass
class PartScore:
    part: str
    gold: int
    extracted: int
    matched: int
    missed: list[GoldFigure] = field(default_factory=list)
    spurious: list[Figure] = field(default_factory=list)
    pairs: list[tuple[GoldFigure, Figure]] = field(default_factory=list)

    @property
    def disagreements(self) -> list[tuple[str, GoldFigure, Figure]]:
        """Matched figures whose unscored attributes (estimate, comparison) differ."""
        out = []
        for g, f in self.pairs:
            if g.estimate != f.estimate:
                out.append(("estimate", g, f))
            if g.comparison_period and g.comparison_period != f.comparison_period:
                out.append(("comparison", g, f))
        return out

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0


# --- loading the gold -------------------------------------------------------------------


def parse_number(text: str) -> set[Decimal]:
    """Readings of a number as printed: Vietnamese style (1.234,5) or table style (44.5).

    A dot followed by exactly three digits is ambiguous in the appendix tables (2.838 is
    2838 but 8.00 is 8), so both readings are returned and the gold value must be one.
    """
    compact = text.replace(" ", "").lstrip("+-")
    readings = set()
    if "," in compact:
        readings.add(compact.replace(".", "").replace(",", "."))
    else:
        readings.add(compact.replace(".", ""))
        if compact.count(".") == 1:
            readings.add(compact)
    try:
        return {Decimal(r) for r in readings}
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def _find_range(text: str, start_anchor: str, end_anchor: str, where: str) -> tuple[int, int]:
    if text.count(start_anchor) != 1:
        raise ValueError(f"{where}: start anchor found {text.count(start_anchor)} times")
    start = text.index(start_anchor)
    end = text.find(end_anchor, start)
    if end < 0:
        raise ValueError(f"{where}: end anchor not found after the start anchor")
    return start, end + len(end_anchor)


def _locate(text: str, quote: str, ranges: Sequence[tuple[int, int]], cursor: int, where: str):
    """Offsets of the [[number]] marked in `quote`, searching from `cursor` in text order."""
    if quote.count("[[") != 1 or quote.count("]]") != 1:
        raise ValueError(f"{where}: quote must mark exactly one [[number]]")
    before, rest = quote.split("[[")
    number, after = rest.split("]]")
    plain = before + number + after
    for start, end in ranges:
        pos = text.find(plain, max(cursor, start), end)
        if pos >= 0:
            return pos, pos + len(before), pos + len(before) + len(number), number
    raise ValueError(f"{where}: quote {plain!r} not found in text order within the part")


def _keyset(entry: dict[str, Any], name: str) -> frozenset[str]:
    return frozenset([str(entry[name]), *(str(x) for x in entry.get(f"alt_{name}s", []))])


def _optional_str(value: Any) -> str | None:
    """YAML reads 2022-06-01 as a date and 2021 as an int; period keys are strings."""
    return None if value is None else str(value)


def load_gold_part(path: Path, text: str) -> GoldPart:
    """Read one gold file and resolve its anchors and quotes to offsets in `text`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ranges = tuple(
        _find_range(text, r["start"], r["end"], f"{path.name} range {i}")
        for i, r in enumerate(data["ranges"])
    )
    figures, cursor = [], 0
    for i, entry in enumerate(data["figures"]):
        where = f"{path.name} figure {i} ({entry.get('indicator')})"
        qpos, nstart, nend, number = _locate(text, entry["quote"], ranges, cursor, where)
        cursor = qpos
        value = Decimal(str(entry["value"]))
        values = frozenset([value, *(Decimal(str(v)) for v in entry.get("alt_values", []))])
        figures.append(
            GoldFigure(
                part=data["part"],
                index=i,
                value=value,
                values=values,
                units=_keyset(entry, "unit"),
                measure_kinds=_keyset(entry, "measure_kind"),
                periods=_keyset(entry, "period"),
                start=nstart,
                end=nend,
                number_text=number,
                indicator=str(entry["indicator"]),
                estimate=bool(entry.get("estimate", False)),
                comparison_period=_optional_str(entry.get("comparison_period")),
            )
        )
    ignored = []
    for i, entry in enumerate(data.get("ignore") or []):
        _, nstart, nend, number = _locate(text, entry["quote"], ranges, 0, f"ignore {i}")
        ignored.append((nstart, nend, frozenset(parse_number(number))))
    return GoldPart(data["part"], data["title"], ranges, tuple(figures), tuple(ignored), text=text)


def load_unit_aliases() -> dict[str, str]:
    """Extractor unit key -> gold unit key, for keys that name the same unit differently."""
    data = yaml.safe_load((GOLD_DIR / "keys.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in (data.get("aliases") or {}).items()}


def gold_paths() -> list[Path]:
    return sorted(GOLD_DIR.glob("cb1468-*.yaml"))


# --- scoring ----------------------------------------------------------------------------


def is_match(gold: GoldFigure, fig: Figure, aliases: dict[str, str]) -> bool:
    """The four fields that must agree, and the span must cover the number in the text."""
    return (
        fig.span.start <= gold.start
        and gold.end <= fig.span.end
        and any(fig.value == v for v in gold.values)
        and aliases.get(fig.unit, fig.unit) in gold.units
        and fig.measure_kind in gold.measure_kinds
        and fig.period in gold.periods
    )


def _preference(gold: GoldFigure, fig: Figure) -> tuple[int, int]:
    """Among equally valid candidates try the one agreeing on the unscored fields first.

    Sentence-long spans can cover two numbers with the same value (100,46% twice in one
    sentence); this keeps the reported estimate/comparison disagreements meaningful.
    """
    differs = (gold.estimate != fig.estimate) + (
        gold.comparison_period is not None and gold.comparison_period != fig.comparison_period
    )
    return differs, fig.span.end - fig.span.start


def _augment(g: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    for f in edges[g]:
        if f in seen:
            continue
        seen.add(f)
        if f not in owner or _augment(owner[f], edges, owner, seen):
            owner[f] = g
            return True
    return False


def match_one_to_one(
    gold: Sequence[GoldFigure], extracted: Sequence[Figure], aliases: dict[str, str]
) -> dict[int, int]:
    """Maximum one-to-one matching (extracted index -> gold index), Kuhn's algorithm."""
    edges = [
        sorted(
            (j for j, f in enumerate(extracted) if is_match(g, f, aliases)),
            key=lambda j, g=g: _preference(g, extracted[j]),
        )
        for g in gold
    ]
    owner: dict[int, int] = {}
    for g in range(len(gold)):
        _augment(g, edges, owner, set())
    return owner


def score_part(part: GoldPart, figures: Iterable[Figure], aliases: dict[str, str]) -> PartScore:
    """Compare the extracted figures whose span overlaps the part with its gold figures.

    Unmatched figures read from a number the gold deliberately leaves out (`ignore`) are
    neither rewarded nor counted as errors.
    """
    mine = [f for f in figures if part.holds(f)]
    owner = match_one_to_one(part.figures, mine, aliases)
    matched_gold = set(owner.values())
    spurious = [f for j, f in enumerate(mine) if j not in owner and not _ignored(part, f)]
    return PartScore(
        part=part.key,
        gold=len(part.figures),
        extracted=len(owner) + len(spurious),
        matched=len(owner),
        missed=[g for i, g in enumerate(part.figures) if i not in matched_gold],
        spurious=spurious,
        pairs=[(part.figures[gi], mine[fj]) for fj, gi in sorted(owner.items())],
    )


def _ignored(part: GoldPart, fig: Figure) -> bool:
    """A figure read from a number the gold deliberately leaves out (see its `ignore`).

    Only when no gold figure with that value lies inside the same span: a sentence-long
    span holding both "Có 5 chỉ số" (ignored) and "tăng 5 bậc" (gold) proves nothing.
    """
    covered = [g for g in part.figures if fig.span.start <= g.start and g.end <= fig.span.end]
    return any(
        fig.span.start <= start
        and end <= fig.span.end
        and abs(fig.value) in values
        and not any(abs(v) in values for g in covered for v in g.values)
        for start, end, values in part.ignored
    )


def total(scores: Sequence[PartScore]) -> PartScore:
    return PartScore(
        part="overall",
        gold=sum(s.gold for s in scores),
        extracted=sum(s.extracted for s in scores),
        matched=sum(s.matched for s in scores),
        pairs=[pair for s in scores for pair in s.pairs],
    )


def render_table(scores: Sequence[PartScore], detail: int = 12) -> str:
    """A plain-text table, plus the first missed and spurious figures of each part."""
    head = f"{'part':<22}{'gold':>6}{'extr':>6}{'match':>7}{'P':>8}{'R':>8}"
    rows = [head + "  (unscored: estimate / comparison differ)"]
    for s in [*scores, total(scores)]:
        kinds = [kind for kind, _, _ in s.disagreements]
        rows.append(
            f"{s.part:<22}{s.gold:>6}{s.extracted:>6}{s.matched:>7}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}"
            + (f"  {kinds.count('estimate')} / {kinds.count('comparison')}" if s.pairs else "")
        )
    for s in scores:
        for g in s.missed[:detail]:
            rows.append(
                f"  missed   {s.part}: {g.number_text!r} {g.value} "
                f"{'|'.join(sorted(g.measure_kinds))} {'|'.join(sorted(g.periods))} "
                f"{'|'.join(sorted(g.units))} ({g.indicator})"
            )
        for f in s.spurious[:detail]:
            rows.append(
                f"  spurious {s.part}: {f.value} {f.measure_kind} {f.period} {f.unit} "
                f"{f.indicator} @{f.span.start} {f.span.quote[:60]!r}"
            )
        for kind, g, f in s.disagreements[:detail]:
            rows.append(
                f"  {kind:<8} {s.part}: {g.number_text!r} ({g.indicator}) gold "
                f"{g.estimate if kind == 'estimate' else g.comparison_period} extracted "
                f"{f.estimate if kind == 'estimate' else f.comparison_period}"
            )
    return "\n".join(rows)
