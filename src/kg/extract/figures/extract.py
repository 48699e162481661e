"""Figures of one report: sentence rules over the body and footnotes, table rules over
the appendices."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kg.extract.figures.annual import dated_indices
from kg.extract.figures.clauses import SentenceLike, read_sentence
from kg.extract.figures.estimates import ESTIMATE, LEAD_ESTIMATE
from kg.extract.figures.flow import Context
from kg.extract.figures.lexicon import Lexicon, load_lexicon
from kg.extract.figures.periods import find_periods, period_key, year_of
from kg.extract.figures.reading import INDEX_UNITS, Settings
from kg.extract.figures.tables import read_table
from kg.extract.figures.tasks import as_tasks, task_parts
from kg.extract.figures.words import lower
from kg.extract.records import Figure, ReviewItem, Segment
from kg.sources.report import ReportMetadata


def settings_for(meta: ReportMetadata) -> Settings:
    """Default period and area from the report's metadata, never from a constant."""
    rp = meta.reporting_period
    return Settings(period_key(rp.start, rp.end), meta.area.gso_code)


def extract_figures(
    text: str,
    sentences: Sequence[SentenceLike],
    segments: Sequence[Segment],
    meta: ReportMetadata,
    lex: Lexicon | None = None,
) -> tuple[list[Figure], list[ReviewItem]]:
    lex = lex or load_lexicon()
    cfg = settings_for(meta)
    tables = [s for s in segments if s.kind == "table" and s.parent is None]
    figures: list[Figure] = []
    review: list[ReviewItem] = []
    notes = footnote_contexts(lex, sentences, segments, cfg)
    tasks = task_parts(lex, segments, meta.reporting_period.end)
    ctx, segment = Context(), None
    index_years: dict[str, str] = {}  # section -> year of its last index score or rank
    for sent in sentences:
        if "/row/" in sent.segment or "/header" in sent.segment:
            continue  # table rows are read by the table rules
        if sent.segment != segment:
            ctx, segment = (replace(ctx, headed=False) if ctx.intro else Context()), sent.segment
        base = notes.get("/".join(sent.segment.split("/")[:2]))
        if base is not None and ctx.period is None:
            ctx = replace(ctx, period=base.period, estimate=ctx.estimate or base.estimate)
        section = sent.segment.split("/")[0]
        ctx = replace(ctx, index_year=index_years.get(section))
        f, r, ctx = read_sentence(lex, sent, cfg, ctx)
        f = as_tasks(dated_indices(lex, f), sent.start, tasks, cfg.period)
        for x in f:
            if _annual_index(lex, x):
                index_years[section] = x.period
        figures.extend(f)
        review.extend(r)
    for table in tables:
        f, r = read_table(lex, text, table, list(segments), cfg.period, cfg.area)
        figures.extend(f)
        review.extend(r)
    return figures, review


def _annual_index(lex: Lexicon, fig: Figure) -> bool:
    return (
        lex.units[fig.unit].kind in INDEX_UNITS and re.fullmatch(r"\d{4}", fig.period) is not None
    )


def _governs(low: str) -> bool:
    """An "ước" holds for a footnote when it leads the holding sentence ("Ước 6 tháng …,
    tổng thu … 44%22") or stands in the clause of the marker, not when it qualifies another
    clause ("… cây trồng ước đạt năng suất cao hơn cùng kỳ, … tăng so với năm trước2")."""
    clause = re.split(r"[,;]", low)[-1]
    return bool(LEAD_ESTIMATE.match(low) or ESTIMATE.search(clause))


def footnote_contexts(
    lex: Lexicon, sentences: Sequence[SentenceLike], segments: Sequence[Segment], cfg: Settings
) -> dict[str, Context]:
    """A footnote details the sentence holding its marker ("… đạt 254 triệu USD14"), so
    its figures take that sentence's period (and "ước") unless they state their own."""
    out: dict[str, Context] = {}
    for seg in segments:
        if seg.kind != "footnote" or seg.marker_offset is None:
            continue
        holder = next(
            (s for s in sentences if s.start <= seg.marker_offset < s.end and s.segment != seg.key),
            None,
        )
        if holder is None:
            continue
        low = lower(getattr(holder, "masked", holder.text))[: seg.marker_offset - holder.start]
        hits = find_periods(lex, low, year_of(cfg.period))
        out[seg.key] = Context(period=hits[-1].key if hits else None, estimate=_governs(low))
    return out
