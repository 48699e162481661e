"""The per-report build cache: an unchanged report is not extracted again.

A report's graph depends on its text, its metadata, the base IRI, the extraction and
build code and the curated lexicon, so the cache key hashes all of them: change any and
the report is extracted afresh. Entries are written to a temporary file and renamed, so
a build that stops half-way never leaves a truncated entry behind.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import kg

CODE_ROOT = Path(kg.__file__).resolve().parent
LEXICON_ROOT = CODE_ROOT.parents[1] / "data" / "lexicon"


@dataclass(frozen=True)
class ReportPart:
    """What the build keeps of one report: its graph as sorted N-Triples and its log."""

    slug: str
    ntriples: str
    figures: int
    observations: list[Any]
    problems: list[Any]
    review: list[Any]


@cache
def code_version() -> str:
    """Hash of every module of the package and every lexicon file (read once per run)."""
    digest = hashlib.sha256()
    for root in (CODE_ROOT, LEXICON_ROOT):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if path.suffix in (".py", ".yaml", ".csv", ".txt", ".md"):
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def report_key(text_path: Path, metadata_path: Path, base_iri: str) -> str:
    digest = hashlib.sha256()
    for part in (text_path.read_bytes(), metadata_path.read_bytes(), base_iri.encode()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(code_version().encode())
    return digest.hexdigest()


def read_part(cache_dir: Path, key: str) -> ReportPart | None:
    path = cache_dir / f"{key}.pickle"
    try:
        part = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # missing or unreadable: extract again
    return part if isinstance(part, ReportPart) else None


def write_part(cache_dir: Path, key: str, part: ReportPart) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cache_dir, suffix=".tmp", delete=False) as handle:
        handle.write(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
    Path(handle.name).replace(cache_dir / f"{key}.pickle")
