"""Precision and recall of the figure extractor against hand-annotated gold parts.

The gold files (`tests/gold/*.yaml`, rules in `tests/gold/README.md`) were written by a
person reading the report, never by running the extractor, so this test measures the
extractor instead of echoing it. Each gold figure is tied to the exact position of its
number in the text: an extracted figure only counts as a match when its span covers that
number and it agrees on value, unit, measure kind and period.
"""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from gold.scoring import (
    GOLD_DIR,
    MEASURE_KINDS,
    PERIOD_PATTERN,
    REPORT_PATH,
    GoldFigure,
    GoldPart,
    gold_paths,
    load_gold_part,
    load_unit_aliases,
    parse_number,
    render_table,
    score_part,
    total,
)

from kg.extract.records import Figure, Span
from kg.sources import Report, load_report

MIN_RECALL = 0.95
MIN_PRECISION = 0.98


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
        "h-trade-xnk-tourism",
        "i-education-health",
        "j-irrigation-ntm-industry",
        "k-sport-labour-social",
        "l-security-crime-traffic",
        "m-ict-ethnic-home-justice",
        "n-planning-land-science",
        "o-ict-defence-targets",
    ]
    # Part n covers sections that are mostly prose (13 figures); every other part has 30+.
    smaller = {"n-planning-land-science": 10}
    sizes = [len(p.figures) for p in gold_parts]
    assert all(len(p.figures) >= smaller.get(p.key, 30) for p in gold_parts), sizes


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
        assert all(PERIOD_PATTERN.match(p) for p in g.periods), where
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


# Parts annotated blind after the extractor was last tuned (tests/gold/README.md, "Which
# parts the extractor was tuned on"). They are scored on their own: the tuned parts guard
# against regressions, the held-out parts say how the extractor does on text it was not
# tuned against. (h) and (i) were held out until 2026-11-28 (first score 0.783 / 0.706),
# (j), (k) and (l) until later that day (first score 0.817 / 0.806), (m) until branch
# `extract3` (0.692 at its merge, 0.846 / 0.846 after the `extract2` tuning it was not
# shown), (n) and (o) until branch `extract4` (first scores 0.250 / 0.231 and
# 0.805 / 0.787); each round was then tuned on and moved to the tuned set. A new blind
# part goes here, by its key, with its first score recorded in README.md before anyone
# tunes on it; while the tuple is empty the held-out test skips.
HELD_OUT: tuple[str, ...] = ()


def _scores(report: Report, parts: list[GoldPart]) -> tuple[str, Any, list[Any]]:
    from kg.extract.pipeline import extract_report

    figures = extract_report(report).figures
    scores = [score_part(p, figures, load_unit_aliases()) for p in parts]
    table = render_table(scores)
    print("\n" + table)
    return table, total(scores), scores


def test_extraction_precision_and_recall(report: Report, gold_parts: list[GoldPart]) -> None:
    """Target on the parts the extractor was tuned on (a regression guard)."""
    if _extractor_missing():
        pytest.skip("the figure extractor (kg.extract.figures) is not on this branch yet")
    tuned = [p for p in gold_parts if p.key not in HELD_OUT]
    table, overall, scores = _scores(report, tuned)
    assert overall.recall >= MIN_RECALL and overall.precision >= MIN_PRECISION, table
    low = [s.part for s in scores if s.recall < MIN_RECALL or s.precision < MIN_PRECISION]
    assert not low, f"parts below the target: {low}\n{table}"


def test_extraction_precision_and_recall_held_out(
    report: Report, gold_parts: list[GoldPart]
) -> None:
    """Target on the parts annotated blind after the last tuning, when there are any."""
    if _extractor_missing():
        pytest.skip("the figure extractor (kg.extract.figures) is not on this branch yet")
    if not HELD_OUT:
        pytest.skip(
            "no held-out gold part at present: every part in tests/gold/ was tuned on "
            "(tests/gold/README.md); a new blind part goes into HELD_OUT by its key"
        )
    held_out = [p for p in gold_parts if p.key in HELD_OUT]
    assert len(held_out) == len(HELD_OUT)
    table, overall, _ = _scores(report, held_out)
    assert overall.recall >= MIN_RECALL and overall.precision >= MIN_PRECISION, table
