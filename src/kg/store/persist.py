"""The build as an on-disk Oxigraph store, made once per build and shared read-only.

Loading `kg.nq` into every worker would repeat the work and the memory per process; an
on-disk store is loaded once and opened read-only by each worker. The store folder is
named by the build id (a hash of `kg.nq`), so a new build never reads a stale store, and
it is made in a temporary folder renamed into place, so two servers starting at once
cannot see a half-loaded store.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError

DATASET_NQ = "kg.nq"


@dataclass(frozen=True)
class BuildStore:
    """Where the build and its store are, and the id that ties responses to the build."""

    build_dir: Path
    store_path: Path
    build_id: str
    triples: int


def build_id(build_dir: Path) -> str:
    """Hash of `kg.nq`: same graph, same id, so ETags survive a restart."""
    path = build_dir / DATASET_NQ
    if not path.is_file():
        raise KgError(f"{path}: no build found; run `kg build` first (build_dir setting)")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def open_build_store(build_dir: Path, store_root: Path) -> BuildStore:
    """The store for the current build, loading it first if it is not there yet."""
    ident = build_id(build_dir)
    target = store_root / ident
    if not (target / "COMPLETE").is_file():
        _load(build_dir / DATASET_NQ, store_root, target)
        _remove_other_stores(store_root, keep=ident)
    triples = len(ox.Store.read_only(str(target / "db")))
    return BuildStore(build_dir, target / "db", ident, triples)


def load_quads(store: ox.Store, nquads: Path) -> None:
    """Bulk-load an N-Quads file (used for builds and for test data sets)."""
    try:
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise KgError(f"{nquads}: not valid N-Quads ({exc})") from exc


def _load(nquads: Path, store_root: Path, target: Path) -> None:
    store_root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="loading-", dir=store_root))
    try:
        store = ox.Store(str(tmp / "db"))
        load_quads(store, nquads)
        store.flush()
        store.optimize()
        del store
        (tmp / "COMPLETE").write_text("", encoding="utf-8")
        try:
            tmp.rename(target)
        except OSError:
            if not (target / "COMPLETE").is_file():  # another process won the race
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove_other_stores(store_root: Path, keep: str) -> None:
    for child in store_root.iterdir():
        if child.name != keep and not child.name.startswith("loading-"):
            shutil.rmtree(child, ignore_errors=True)
