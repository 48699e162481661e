"""Entities and relations a report names: units, programmes, projects, documents, bodies,
places, composite indices (issue #3). Rules over the folded text and curated lexicons in
`data/lexicon/entities/`; nothing here is specific to one report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.extract.entities import admin, documents, places, plans, projects, terms
from kg.extract.entities.context import Collector, Doc
from kg.extract.entities.gazetteer import Gazetteer, load_gazetteer
from kg.extract.entities.lexicon import load_lexicon
from kg.extract.records import Entity, Relation, Segment

__all__ = ["extract_entities"]


def extract_entities(
    text: str,
    segments: Sequence[Segment] = (),
    sentences: Sequence[Any] = (),
    *,
    area_code: str | None = None,
    data_dir: Path | None = None,
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """All entities and relations of one report text, sorted (same text → same output).

    `area_code` is the GSO code of the province the report is about (its metadata); without
    it the province is the one the text names most often as "tỉnh X"."""
    data_dir = data_dir or _default_data_dir()
    lexicon = load_lexicon(data_dir / "lexicon" / "entities")
    gaz = load_gazetteer(data_dir / "vocab")
    doc = Doc(text, tuple(segments), tuple(sentences))
    doc.foreign_areas = lexicon.get("foreign-areas", "areas")
    raw = admin.find_mentions(doc, gaz, lexicon)
    home = _province(area_code, gaz) or admin.home_province(raw, gaz)
    if home:
        doc.province, doc.province_code = gaz.units[home].short, home
    units = admin.resolve(doc, gaz, raw, home)
    collector = Collector()
    admin.add_admin(collector, doc, gaz, units)
    programmes = terms.add_programmes(collector, doc, lexicon)
    organisations = terms.add_organisations(collector, doc, lexicon)
    terms.add_companies(collector, doc)
    indices = terms.add_indices(collector, doc, lexicon)
    terms.add_foreign_areas(collector, doc, lexicon)
    documents.add_documents(collector, doc, lexicon, organisations)
    plans.add_plans(collector, doc, programmes, indices)
    plans.add_master_plans(collector, doc)
    projects.add_projects(collector, doc, lexicon, units, programmes)
    places.add_places(collector, doc, lexicon, units)
    return collector.result()


def _province(area_code: str | None, gaz: Gazetteer) -> str:
    """The province holding the report's area (a province, district or commune code)."""
    if not area_code or area_code not in gaz.units:
        return ""
    return gaz.province_of(area_code)


def _default_data_dir() -> Path:
    """The project's `data/` folder (lexicons and GSO lists), as the figure extractor does."""
    return Path(__file__).resolve().parents[4] / "data"
