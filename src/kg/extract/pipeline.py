"""Run every extractor over one report and gather their records."""

from __future__ import annotations

from kg.extract.entities import extract_entities
from kg.extract.figures import extract_figures
from kg.extract.records import Extraction
from kg.extract.text.segment import segment
from kg.extract.text.sentences import sentences
from kg.sources import Report


def extract_report(report: Report) -> Extraction:
    """All records of one report. Extractors are pure functions of the report text."""
    segments = segment(report.text)
    sents = sentences(report.text, segments, clauses=False)
    figures, review = extract_figures(report.text, sents, segments, report.metadata)
    entities, relations = extract_entities(
        report.text, segments, sents, area_code=report.metadata.area.gso_code
    )
    return Extraction(
        segments=tuple(segments),
        figures=tuple(figures),
        entities=entities,
        relations=relations,
        review=tuple(review),
    )
