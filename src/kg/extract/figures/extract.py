"""Figures of one report: sentence rules over the body and footnotes, table rules over
the appendices."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.figures.clauses import Context, SentenceLike, Settings, read_sentence
from kg.extract.figures.lexicon import Lexicon, load_lexicon
from kg.extract.figures.periods import period_key
from kg.extract.figures.tables import read_table
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
    ctx, segment = Context(), None
    for sent in sentences:
        if "/row/" in sent.segment or "/header" in sent.segment:
            continue  # table rows are read by the table rules
        if sent.segment != segment:
            ctx, segment = (ctx if ctx.intro else Context()), sent.segment
        f, r, ctx = read_sentence(lex, sent, cfg, ctx)
        figures.extend(f)
        review.extend(r)
    for table in tables:
        f, r = read_table(lex, text, table, list(segments), cfg.period, cfg.area)
        figures.extend(f)
        review.extend(r)
    return figures, review
