"""`kg reason`: check the OWL ontology with the HermiT reasoner shipped by owlready2.

SHACL checks the shape of the data; only a DL reasoner can tell that the ontology's own
axioms contradict each other (an individual in two disjoint classes, a class that can
have no member). The ontology is handed to owlready2 as N-Triples written by rdflib,
because owlready2 reads neither Turtle nor several files at once.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import owlready2
from rdflib import Graph
from rdflib.namespace import OWL

from kg.build.ontology import load_ontology
from kg.errors import KgError

ONTOLOGY_IRI = "https://w3id.org/kg-vn/def"


@dataclass(frozen=True)
class ReasonerResult:
    consistent: bool
    unsatisfiable: tuple[str, ...]  # IRIs of classes that can have no member
    triples: int  # size of the graph handed to the reasoner
    log: str  # what owlready2 and HermiT printed, for --verbose

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def summary(self) -> str:
        """What `kg reason` prints."""
        if not self.consistent:
            return f"inconsistent: {self.triples:,} triples have no model (HermiT)"
        if self.unsatisfiable:
            names = "".join(f"\n  {iri}" for iri in self.unsatisfiable)
            return f"{len(self.unsatisfiable)} unsatisfiable class(es) (HermiT):{names}"
        return f"consistent: {self.triples:,} triples, no unsatisfiable class (HermiT)"


def reason_files(ontology_dir: Path, data_files: Iterable[Path] = ()) -> ReasonerResult:
    """Reason over the ontology of `ontology_dir`, plus optional extra RDF files."""
    graph = load_ontology(ontology_dir)
    for path in data_files:
        graph += _parse(path)
    return reason(graph)


def reason(graph: Graph) -> ReasonerResult:
    """Run HermiT over `graph`; report consistency and unsatisfiable named classes."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise KgError(f"{owlready2.JAVA_EXE}: Java not found on PATH; HermiT needs Java 11+")
    chatter = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="kg-reason-") as tmp:
        path = Path(tmp) / "ontology.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        with contextlib.redirect_stdout(chatter), contextlib.redirect_stderr(chatter):
            consistent, unsatisfiable = _run_hermit(world, path)
        world.close()
    return ReasonerResult(consistent, unsatisfiable, len(graph), chatter.getvalue())


def _run_hermit(world: owlready2.World, path: Path) -> tuple[bool, tuple[str, ...]]:
    """(consistent, unsatisfiable class IRIs); an inconsistent ontology has no class list."""
    with path.open("rb") as handle:
        world.get_ontology(ONTOLOGY_IRI + "#").load(fileobj=handle, format="ntriples")
    try:
        # HermiT knows only the OWL 2 datatype map, which lacks xsd:date (used for every
        # date in the data); such values are left out of reasoning instead of failing it.
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=False, debug=1, ignore_unsupported_datatypes=True
        )
    except owlready2.OwlReadyInconsistentOntologyError:
        return False, ()
    except owlready2.OwlReadyJavaError as exc:
        raise KgError(f"HermiT failed on the ontology: {str(exc).strip()[-500:]}") from exc
    nothing = str(OWL.Nothing)
    found = {cls.iri for cls in world.inconsistent_classes()}
    return True, tuple(sorted(iri for iri in found if iri != nothing))


def _parse(path: Path) -> Graph:
    if not path.is_file():
        raise KgError(f"{path}: file not found")
    try:
        return Graph().parse(path)
    except Exception as exc:  # rdflib raises several parser error types
        raise KgError(f"{path}: not readable RDF ({exc})") from exc
