"""What the build reports about extraction: `review.tsv`, `inconsistencies.tsv` and the
counts that go into `summary.json` and the `kg build` table."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.build.observations import Inconsistency, Observation
from kg.extract.figures.lexicon import UNCLASSIFIED, Lexicon, load_lexicon
from kg.extract.records import ReviewItem, Span

REVIEW_TSV = "review.tsv"
INCONSISTENCIES_TSV = "inconsistencies.tsv"
_FRAGMENTS = ".review"  # one file of review rows per report, merged by `write()`


class ExtractionLog:
    """Everything one build extracted, across reports, for the files and the summary.

    It keeps counts, not records: each report's review rows go to a file of their own
    and its inconsistency rows are appended to `inconsistencies.tsv` as the report
    arrives, so a build of many reports holds one report's records at a time."""

    def __init__(self, folder: Path, lex: Lexicon | None = None) -> None:
        self.folder = folder
        self.lex = lex or load_lexicon()
        self.counts: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.sectors: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.fragments: dict[str, Path] = {}
        (folder / _FRAGMENTS).mkdir(exist_ok=True)
        head = (
            "report\tindicator\tperiod\tmeasure_kind\tarea\tsuffix\tvalue_1\tstart_1\tend_1"
            "\tsegment_1\tquote_1\tvalue_2\tstart_2\tend_2\tsegment_2\tquote_2\n"
        )
        (folder / INCONSISTENCIES_TSV).write_text(head, encoding="utf-8")

    def add(
        self,
        slug: str,
        figures: int,
        obs: Sequence[Observation],
        problems: Sequence[Inconsistency],
        review: Sequence[ReviewItem],
    ) -> None:
        self.counts.update(
            figures=figures,
            observations=len(obs),
            unclassified=sum(1 for o in obs if o.key[0].startswith(UNCLASSIFIED)),
            review=len(review),
            inconsistencies=len(problems),
        )
        self.kinds.update(o.key[2] for o in obs)
        self.sectors.update(self.lex.everything[o.key[0]].sector for o in obs)
        self.reasons.update(r.reason for r in review)
        with (self.folder / INCONSISTENCIES_TSV).open("a", encoding="utf-8") as handle:
            handle.writelines(_inconsistency_row(slug, p) + "\n" for p in problems)
        fragment = self.folder / _FRAGMENTS / f"{len(self.fragments)}.tsv"
        fragment.write_text("".join(_review_rows(slug, review)), encoding="utf-8")
        self.fragments[slug] = fragment

    def summary(self) -> dict[str, object]:
        return {
            "figures": self.counts["figures"],
            "observations": self.counts["observations"],
            "observations_unclassified": self.counts["unclassified"],
            "observations_by_measure_kind": dict(sorted(self.kinds.items())),
            "observations_by_sector": dict(sorted(self.sectors.items())),
            "review_items": self.counts["review"],
            "review_by_reason": dict(sorted(self.reasons.items())),
            "inconsistencies": self.counts["inconsistencies"],
        }

    def write(self) -> None:
        """`review.tsv`: the reports' rows in slug order (then position, number)."""
        with (self.folder / REVIEW_TSV).open("w", encoding="utf-8") as out:
            out.write("report\tstart\tend\tsegment\tnumber\treason\tquote\n")
            for slug in sorted(self.fragments):
                out.write(self.fragments[slug].read_text(encoding="utf-8"))
        shutil.rmtree(self.folder / _FRAGMENTS)


def _review_rows(slug: str, review: Sequence[ReviewItem]) -> Iterator[str]:
    for r in sorted(review, key=lambda r: (r.span.start, r.number_text)):
        cells = [slug, *_pos(r.span), _cell(r.number_text), r.reason, _cell(r.span.quote)]
        yield "\t".join(cells) + "\n"


def _inconsistency_row(slug: str, p: Inconsistency) -> str:
    return "\t".join(
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


def _pos(span: Span) -> list[str]:
    return [str(span.start), str(span.end), span.segment]


def _cell(text: str) -> str:
    """TSV-safe quote: whitespace runs become one space (positions give the exact text)."""
    return " ".join(text.split())
