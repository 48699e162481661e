"""What every matcher shares: the text, its folded copy, segments, and the collector.

The collector merges repeated mentions of one entity into one `Entity` with several
spans and keeps the first span of a repeated relation, so the output does not depend on
the order in which matchers run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.extract.entities.fold import fold, squash
from kg.extract.records import Entity, Relation, Segment, Span

_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÀ-Ỹ\d-])|\n\s*\n|;")
_CLAUSE_END = re.compile(r"[.;!?]|\n\s*\n")


@dataclass
class Doc:
    """One report text, ready for matching."""

    text: str
    segments: Sequence[Segment] = ()
    sentences: Sequence[Any] = ()  # objects with .start and .end (kg.extract.text.Sentence)
    folded: str = ""
    province: str = ""  # display name of the report's own province, e.g. "Cao Bằng"
    province_code: str = ""
    foreign_areas: Sequence[dict[str, Any]] = ()  # lexicon entries, for bracketed areas

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.segments = tuple(sorted(self.segments, key=lambda s: (s.start, -s.end, s.key)))
        self._by_size = sorted(self.segments, key=lambda s: (s.end - s.start, s.start, s.key))

    def span(self, start: int, end: int) -> Span:
        """A span with surrounding white space trimmed, in its innermost segment."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start, end, self.text[start:end], self.segment_key(start, end))

    def segment_key(self, start: int, end: int) -> str:
        for seg in self._by_size:
            if seg.start <= start and end <= seg.end:
                return seg.key
        for seg in self._by_size:  # a span that crosses a boundary: where it starts
            if seg.start <= start < seg.end:
                return seg.key
        return "text"

    def segment_end(self, pos: int) -> int:
        """End of the innermost segment holding `pos`, or the start of a footnote printed
        inside it: a title never runs into a footnote."""
        end = next((s.end for s in self._by_size if s.start <= pos < s.end), len(self.text))
        notes = [s.start for s in self.segments if s.kind == "footnote" and pos < s.start < end]
        return min([end, *notes])

    def segment(self, key: str) -> Segment | None:
        return next((s for s in self.segments if s.key == key), None)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset`: the text helper's sentences, else a simple split."""
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent.start, sent.end
        return self.bounds(offset, _SENTENCE_END)

    def clause_bounds(self, offset: int) -> tuple[int, int]:
        """The clause holding `offset`: up to the nearest '.', ';' or blank line."""
        return self.bounds(offset, _CLAUSE_END)

    def bounds(self, offset: int, pattern: re.Pattern[str]) -> tuple[int, int]:
        start = 0
        for m in pattern.finditer(self.text, 0, offset):
            start = m.end()
        m = pattern.search(self.text, offset)
        return start, (m.start() if m else len(self.text))

    def display(self, start: int, end: int) -> str:
        return squash(self.text[start:end])


@dataclass
class Collector:
    """Entities by (kind, key) and relations by (subject, predicate, object)."""

    entities: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Span] = field(default_factory=dict)

    def add(
        self,
        kind: str,
        key: str,
        label: str,
        span: Span,
        label_en: str | None = None,
        attributes: dict[str, str] | None = None,
    ) -> str:
        """Record one mention; return the entity reference "kind:key"."""
        item = self.entities.setdefault(
            (kind, key), {"label": label, "label_en": label_en, "spans": set(), "attrs": {}}
        )
        item["spans"].add(span)
        item["label_en"] = item["label_en"] or label_en
        for name, value in (attributes or {}).items():
            item["attrs"].setdefault(name, value)
        return f"{kind}:{key}"

    def relate(self, subject: str, predicate: str, obj: str, span: Span) -> None:
        if subject == obj:
            return
        key = (subject, predicate, obj)
        if key not in self.relations or span < self.relations[key]:
            self.relations[key] = span

    def has(self, ref: str) -> bool:
        kind, _, key = ref.partition(":")
        return (kind, key) in self.entities

    def result(self) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
        entities = tuple(
            Entity(
                key=key,
                kind=kind,
                label=item["label"],
                spans=tuple(sorted(item["spans"])),
                label_en=item["label_en"],
                attributes=dict(sorted(item["attrs"].items())),
            )
            for (kind, key), item in sorted(self.entities.items())
        )
        relations = tuple(
            Relation(subject=s, predicate=p, object=o, span=span)
            for (s, p, o), span in sorted(self.relations.items())
            if self.has(s) and self.has(o)
        )
        return entities, relations
