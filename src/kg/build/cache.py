"""The per-report build cache: an unchanged report is not extracted again.

A report's graph depends on its text, its metadata, the base IRI, the extraction and
build code, the curated lexicon and the GSO lists the extractor matches unit names
against, so the cache key hashes all of them (the modules of `GRAPH_PACKAGES`, the
package's top-level modules, `data/lexicon` and `data/vocab`): change any and the report
is extracted afresh; editing the service or the fact sheets does not.

An entry is two files: `<key>.nt`, the report graph as sorted N-Triples lines (the writer
copies it into the dataset without parsing it), and `<key>.pickle`, the extraction log.
Each is written to a temporary file and renamed, the graph first, so a build that stops
half-way never leaves a truncated entry behind.
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
GAZETTEER_ROOT = CODE_ROOT.parents[1] / "data" / "vocab"  # unit names the extractor matches


@dataclass(frozen=True)
class ReportPart:
    """What the build keeps in memory of one report: its log (the graph stays on disk)."""

    slug: str
    figures: int
    observations: list[Any]
    problems: list[Any]
    review: list[Any]


# The packages a report graph is made by; editing the service, the store, validation or
# the fact sheets must not make every report be extracted again.
GRAPH_PACKAGES = ("sources", "extract", "vocab", "build")


def _code_files() -> list[tuple[Path, Path]]:
    files = [(CODE_ROOT, p) for p in CODE_ROOT.glob("*.py")]
    for package in GRAPH_PACKAGES:
        files += [(CODE_ROOT, p) for p in (CODE_ROOT / package).rglob("*.py")]
    for root in (LEXICON_ROOT, GAZETTEER_ROOT):
        files += [(root, p) for p in root.rglob("*") if p.is_file()]
    return sorted(files, key=lambda pair: (str(pair[0]), str(pair[1])))


@cache
def code_version() -> str:
    """Hash of the modules that make a report graph, the lexicons and the GSO lists."""
    digest = hashlib.sha256()
    for root, path in _code_files():
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


def graph_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"{key}.nt"


def has_part(cache_dir: Path, key: str) -> bool:
    return (cache_dir / f"{key}.pickle").is_file() and graph_path(cache_dir, key).is_file()


def read_part(cache_dir: Path, key: str) -> ReportPart | None:
    if not graph_path(cache_dir, key).is_file():
        return None
    try:
        part = pickle.loads((cache_dir / f"{key}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # missing or unreadable: extract again
    return part if isinstance(part, ReportPart) else None


def write_part(cache_dir: Path, key: str, part: ReportPart, ntriples: bytes) -> None:
    """The graph file first: an entry counts as present only once its log is there."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    _write_atomic(graph_path(cache_dir, key), ntriples)
    _write_atomic(cache_dir / f"{key}.pickle", pickle.dumps(part, pickle.HIGHEST_PROTOCOL))


def _write_atomic(target: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
        handle.write(data)
    Path(handle.name).replace(target)
