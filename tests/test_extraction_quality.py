"""Precision and recall of the figure extractor against hand-annotated gold parts.

The gold files (`tests/gold/*.yaml`, rules in `tests/gold/README.md`) were written by a
person reading the report, never by running the extractor, so this test measures the
extractor instead of echoing it. Each gold figure is tied to the exact position of its
number in the text: an extracted figure only counts as a match when its span covers that
number and it agrees on value, unit, measure kind and period.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.extract.records import Figure, Span
from kg.sources import Report, load_report

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).resolve().parent / "gold"
REPORT_PATH = ROOT / "data" / "sources" / "cao-bang-1468-bc-ubnd-2023-06-14.txt"
MIN_RECALL = 0.95
MIN_PRECISION = 0.98
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
PERIOD_PATTERN = (
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


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(REPORT_PATH)


@pytest.fixture(scope="module")
def gold_parts(report: Report) -> list[GoldPart]:
    return [load_gold_part(p, report.text) for p in gold_paths()]


def _extractor_missing() -> bool:
    return importlib.util.find_spec("kg.extract.figures") is None


# --- the gold itself --------------------------------------------------------------------


def test_gold_covers_the_parts(gold_parts: list[GoldPart]) -> None:
    keys = [p.key for p in gold_parts]
    assert keys == [
        "a-crop-footnote",
        "b-grdp",
        "c-investment-budget",
        "d-annex-1",
        "e-annex-2",
        "f-pci-enterprises",
        "g-livestock-forestry",
    ]
    assert all(len(p.figures) >= 30 for p in gold_parts), [len(p.figures) for p in gold_parts]


@pytest.mark.parametrize("path", gold_paths(), ids=lambda p: p.stem)
def test_gold_file_is_consistent(path: Path, report: Report) -> None:
    """Every quote is in the text in order, and each value is its number as printed."""
    part = load_gold_part(path, report.text)
    units = set(yaml.safe_load((GOLD_DIR / "keys.yaml").read_text(encoding="utf-8"))["units"])
    previous = -1
    for g in part.figures:
        where = f"{path.name} figure {g.index} ({g.indicator})"
        assert g.start > previous, f"{where}: figures must be listed in text order"
        previous = g.start
        assert report.text[g.start : g.end] == g.number_text
        assert abs(g.value) in parse_number(g.number_text), where
        assert g.units <= units, f"{where}: unit not listed in keys.yaml"
        assert g.measure_kinds <= MEASURE_KINDS, where
        assert all(re.match(PERIOD_PATTERN, p) for p in g.periods), where
        assert any(s <= g.start and g.end <= e for s, e in part.ranges), where


def test_parse_number_reads_both_styles() -> None:
    assert parse_number("3.680,4") == {Decimal("3680.4")}
    assert parse_number("2.838") == {Decimal("2838"), Decimal("2.838")}
    assert parse_number("8.00") == {Decimal("800"), Decimal("8.00")}
    assert parse_number("10 6,47") == {Decimal("106.47")}
    assert parse_number("-5,47") == {Decimal("5.47")}


# --- the scorer, on deliberately right and wrong extractions ----------------------------


def _as_figure(g: GoldFigure, text: str, **changes: Any) -> Figure:
    """A figure an extractor could have produced for gold figure `g` (span = the number)."""
    fields: dict[str, Any] = {
        "indicator": "x",
        "value": g.value,
        "unit": sorted(g.units)[0],
        "measure_kind": sorted(g.measure_kinds)[0],
        "period": sorted(g.periods)[0],
        "span": Span(g.start, g.end, text[g.start : g.end], "s"),
    }
    fields.update(changes)
    return Figure(**fields)


def test_scorer_gives_full_marks_to_the_gold_itself(gold_parts, report) -> None:
    for part in gold_parts:
        score = score_part(part, [_as_figure(g, report.text) for g in part.figures], {})
        assert (score.precision, score.recall) == (1.0, 1.0), part.key


def test_scorer_counts_wrong_figures_as_both_misses_and_false_positives(gold_parts, report):
    part = gold_parts[0]
    text = report.text
    wrong = [
        _as_figure(part.figures[0], text, value=Decimal("3680.5")),  # value off by 0.1
        _as_figure(part.figures[1], text, period="2022"),  # wrong period
        _as_figure(part.figures[2], text, measure_kind="share"),  # wrong measure kind
        _as_figure(part.figures[4], text, unit="tonne"),  # wrong unit
        _as_figure(part.figures[6], text, span=Span(0, 5, text[0:5], "s")),  # wrong place
    ]
    right = [_as_figure(g, text) for g in part.figures[7:]]
    outside = _as_figure(part.figures[8], text, span=Span(0, 5, text[0:5], "s"))
    duplicate = _as_figure(part.figures[9], text)  # the same figure twice: one is spurious
    score = score_part(part, [*wrong, *right, outside, duplicate], {})
    assert score.matched == len(part.figures) - 7
    assert score.gold - score.matched == 7  # five wrong, two (index 3 and 5) not extracted
    assert score.extracted == score.matched + 5  # four wrong ones inside the part + duplicate
    assert score.recall < 0.96 and score.precision < 0.97
    assert {g.index for g in score.missed} == {0, 1, 2, 3, 4, 5, 6}


def test_scorer_matches_one_to_one(gold_parts, report) -> None:
    part = gold_parts[4]  # PCI: many equal values (63, 6.5 ...) in one table
    figs = [_as_figure(g, report.text) for g in part.figures]
    wide = [
        Figure(
            **{
                **f.__dict__,
                "span": Span(*part.ranges[0], report.text[slice(*part.ranges[0])], "t"),
            }
        )
        for f in figs
    ]
    score = score_part(part, wide, {})
    assert score.matched == len(part.figures) and not score.spurious


def test_scorer_maps_unit_aliases_and_skips_ignored_numbers(gold_parts, report) -> None:
    part = next(p for p in gold_parts if p.key == "e-annex-2")
    ranks = [g for g in part.figures if "rank" in g.units]
    figs = [_as_figure(g, report.text, unit="rank-place") for g in ranks]
    assert score_part(part, figs, {}).matched == 0
    assert score_part(part, figs, {"rank-place": "rank"}).matched == len(ranks)
    budget = next(p for p in gold_parts if p.key == "c-investment-budget")
    start, end, _ = budget.ignored[0]
    six = Figure("x", Decimal(6), "month", "actual", "2023-H1", Span(start, end, "6", "s"))
    assert score_part(budget, [six], {}).extracted == 0
    pci = next(p for p in gold_parts if p.key == "f-pci-enterprises")
    five = next(g for g in pci.figures if g.value == 5)  # "tăng 5 bậc", beside "Có 5 chỉ số"
    start = pci.ignored[0][0]
    wrong = _as_figure(five, report.text, period="2023-H1")
    wrong = Figure(**{**wrong.__dict__, "span": Span(start, five.end, "…", "s")})
    assert score_part(pci, [wrong], {}).spurious == [wrong]


def test_part_membership_goes_by_where_the_number_is(gold_parts, report) -> None:
    """A span crossing into a part does not make a figure of the part; its number does."""
    part = next(p for p in gold_parts if p.key == "c-investment-budget")
    start = part.ranges[-1][0]  # footnotes 21-23, printed inside a section-1.7 sentence
    after = report.text.index("cho 07 đơn vị")
    span = Span(start - 10, after + 20, report.text[start - 10 : after + 20], "s")
    outside = Figure("x", Decimal(7), "organisation", "actual", "2023-H1", span, value_text="07")
    inside = Figure("x", Decimal(165), "billion-vnd", "actual", "2023-H1", span, value_text="165")
    assert not part.holds(outside) and part.holds(inside)
    assert part.holds(Figure("x", Decimal(7), "organisation", "actual", "2023-H1", span))


def test_scorer_reports_unscored_disagreements(gold_parts, report) -> None:
    part = next(p for p in gold_parts if p.key == "b-grdp")
    first = part.figures[0]  # GRDP growth: "ước", compared with 2022-H1
    figs = [
        _as_figure(g, report.text, estimate=g.estimate, comparison_period=g.comparison_period)
        for g in part.figures
    ]
    assert score_part(part, figs, {}).disagreements == []
    figs[0] = _as_figure(first, report.text, estimate=False, comparison_period=None)
    score = score_part(part, figs, {})
    assert [kind for kind, _, _ in score.disagreements] == ["estimate", "comparison"]
    assert score.recall == 1.0  # reported, not scored


# --- the extractor ----------------------------------------------------------------------


def test_extraction_precision_and_recall(report: Report, gold_parts: list[GoldPart]) -> None:
    if _extractor_missing():
        pytest.skip("the figure extractor (kg.extract.figures) is not on this branch yet")
    from kg.extract.pipeline import extract_report

    figures = extract_report(report).figures
    scores = [score_part(p, figures, load_unit_aliases()) for p in gold_parts]
    table = render_table(scores)
    print("\n" + table)
    overall = total(scores)
    assert overall.recall >= MIN_RECALL and overall.precision >= MIN_PRECISION, table
