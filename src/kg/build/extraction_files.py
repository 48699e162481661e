"""What the build reports about extraction: `review.tsv`, `inconsistencies.tsv` and the
counts that go into `summary.json` and the `kg build` table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.build.observations import Inconsistency, Observation
from kg.extract.figures.lexicon import UNCLASSIFIED, Lexicon, load_lexicon
from kg.extract.records import ReviewItem, Span

REVIEW_TSV = "review.tsv"
INCONSISTENCIES_TSV = "inconsistencies.tsv"


@dataclass
class ExtractionLog:
    """Everything one build extracted, across reports, for the files and the summary."""

    review: list[tuple[str, ReviewItem]] = field(default_factory=list)
    inconsistencies: list[tuple[str, Inconsistency]] = field(default_factory=list)
    observations: list[tuple[str, Observation]] = field(default_factory=list)
    figures: int = 0

    def add(
        self,
        slug: str,
        figures: int,
        obs: Sequence[Observation],
        problems: Sequence[Inconsistency],
        review: Sequence[ReviewItem],
    ) -> None:
        self.figures += figures
        self.observations.extend((slug, o) for o in obs)
        self.inconsistencies.extend((slug, p) for p in problems)
        self.review.extend((slug, r) for r in review)

    def summary(self, lex: Lexicon | None = None) -> dict[str, object]:
        lex = lex or load_lexicon()
        kinds = Counter(o.key[2] for _, o in self.observations)
        sectors = Counter(lex.everything[o.key[0]].sector for _, o in self.observations)
        reasons = Counter(r.reason for _, r in self.review)
        return {
            "figures": self.figures,
            "observations": len(self.observations),
            "observations_unclassified": sum(
                1 for _, o in self.observations if o.key[0].startswith(UNCLASSIFIED)
            ),
            "observations_by_measure_kind": dict(sorted(kinds.items())),
            "observations_by_sector": dict(sorted(sectors.items())),
            "review_items": len(self.review),
            "review_by_reason": dict(sorted(reasons.items())),
            "inconsistencies": len(self.inconsistencies),
        }

    def files(self) -> dict[str, str]:
        return {REVIEW_TSV: self._review_tsv(), INCONSISTENCIES_TSV: self._inconsistency_tsv()}

    def _review_tsv(self) -> str:
        rows = ["report\tstart\tend\tsegment\tnumber\treason\tquote"]
        for slug, r in sorted(self.review, key=lambda p: (p[0], p[1].span.start, p[1].number_text)):
            rows.append(
                "\t".join(
                    [slug, *_pos(r.span), _cell(r.number_text), r.reason, _cell(r.span.quote)]
                )
            )
        return "\n".join(rows) + "\n"

    def _inconsistency_tsv(self) -> str:
        head = (
            "report\tindicator\tperiod\tmeasure_kind\tarea\tsuffix\tvalue_1\tstart_1\tend_1"
            "\tsegment_1\tquote_1\tvalue_2\tstart_2\tend_2\tsegment_2\tquote_2"
        )
        rows = [head]
        for slug, p in self.inconsistencies:
            rows.append(
                "\t".join(
                    [
                        slug,
                        *p.key,
                        p.suffix,
                        format(p.first.value, "f"),
                        *_pos(p.first.span),
                        _cell(p.first.span.quote),
                        format(p.other.value, "f"),
                        *_pos(p.other.span),
                        _cell(p.other.span.quote),
                    ]
                )
            )
        return "\n".join(rows) + "\n"


def _pos(span: Span) -> list[str]:
    return [str(span.start), str(span.end), span.segment]


def _cell(text: str) -> str:
    """TSV-safe quote: whitespace runs become one space (positions give the exact text)."""
    return " ".join(text.split())
