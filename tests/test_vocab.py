from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.errors import KgError
from kg.iris import KG, ORG, SCHEMA, WD, Iris
from kg.vocab import vocab_graph
from kg.vocab.table import read_table

BASE = "https://example.org/kg/"
# rdflib's XSD namespace object confuses pytest's collection, so the one IRI is spelled out.
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
IRIS = Iris(BASE)


def unit(list_version: str, code: str) -> URIRef:
    return IRIS.admin_unit(list_version, code)


@pytest.fixture(scope="module")
def vocab_dir(root: Path) -> Path:
    return root / "data" / "vocab"


@pytest.fixture(scope="module")
def graph(vocab_dir: Path) -> Graph:
    return vocab_graph(vocab_dir, IRIS)


@pytest.fixture
def vocab_copy(vocab_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "vocab"
    shutil.copytree(vocab_dir, target)
    return target


def units_of(graph: Graph, cls: URIRef, list_version: str) -> set[URIRef]:
    return {
        node
        for node in graph.subjects(RDF.type, cls)
        if graph.value(node, KG.listVersion) == Literal(list_version)
    }


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- what the graph holds ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "list_version", "count"),
    [
        (KG.Province, "2023", 63),
        (KG.Province, "2025", 34),
        (KG.DistrictLevelUnit, "2023", 705),
        (KG.DistrictLevelUnit, "2025", 0),
        (KG.CommuneLevelUnit, "2023", 161),
        (KG.CommuneLevelUnit, "2025", 56),
    ],
)
def test_unit_counts(graph: Graph, cls: URIRef, list_version: str, count: int) -> None:
    assert len(units_of(graph, cls, list_version)) == count


def test_every_unit_is_also_an_administrative_unit(graph: Graph) -> None:
    levels = {KG.Province, KG.DistrictLevelUnit, KG.CommuneLevelUnit}
    typed = {node for cls in levels for node in graph.subjects(RDF.type, cls)}
    assert typed == set(graph.subjects(RDF.type, KG.AdministrativeUnit))
    assert len(typed) == 63 + 34 + 705 + 161 + 56


def test_every_2023_commune_has_exactly_one_successor_in_2025(graph: Graph) -> None:
    communes_2025 = units_of(graph, KG.CommuneLevelUnit, "2025")
    links = 0
    for old in units_of(graph, KG.CommuneLevelUnit, "2023"):
        [new] = graph.objects(old, DCTERMS.isReplacedBy)
        assert new in communes_2025
        assert (new, DCTERMS.replaces, old) in graph
        assert str(graph.value(old, KG.replacementBasis)).startswith("1657/NQ-UBTVQH15 Art.1 cl.")
        links += 1
    assert links == 161


def test_commune_successions_follow_the_crosswalk(graph: Graph, vocab_dir: Path) -> None:
    for row in csv_rows(vocab_dir / "admin-units-cao-bang-2023-to-2025.csv"):
        old = unit("2023", row["old_code_2023"])
        assert graph.value(old, DCTERMS.isReplacedBy) == unit("2025", row["new_code_2025"])
        assert graph.value(old, KG.replacementBasis) == Literal(row["resolution_clause"])


def test_every_2025_commune_replaces_at_least_one_2023_commune(graph: Graph) -> None:
    for new in units_of(graph, KG.CommuneLevelUnit, "2025"):
        assert list(graph.objects(new, DCTERMS.replaces))


def test_province_successions(graph: Graph) -> None:
    provinces_2025 = units_of(graph, KG.Province, "2025")
    for old in units_of(graph, KG.Province, "2023"):
        [new] = graph.objects(old, DCTERMS.isReplacedBy)
        assert new in provinces_2025
    assert graph.value(unit("2023", "04"), DCTERMS.isReplacedBy) == unit("2025", "04")
    # Hà Giang (02) went into the 2025 Tuyên Quang, which kept code 08.
    assert graph.value(unit("2023", "02"), DCTERMS.isReplacedBy) == unit("2025", "08")
    assert set(graph.objects(unit("2025", "08"), DCTERMS.replaces)) == {
        unit("2023", "02"),
        unit("2023", "08"),
    }


def test_districts_have_no_successor_and_end_with_the_district_level(graph: Graph) -> None:
    for district in units_of(graph, KG.DistrictLevelUnit, "2023"):
        assert graph.value(district, DCTERMS.isReplacedBy) is None
        end = graph.value(district, SCHEMA.validThrough)
        assert end is not None and end.datatype == DATE
        assert str(end) <= "2025-06-30"
    # Mỹ Lộc's code left the list on 01/09/2024 (changes_after_2023).
    assert graph.value(unit("2023", "358"), SCHEMA.validThrough) == Literal(
        "2024-08-31", datatype=DATE
    )


def test_districts_whose_code_left_the_list_end_earlier(graph: Graph, vocab_dir: Path) -> None:
    left = {
        row["code"]
        for row in csv_rows(vocab_dir / "districts-2023.csv")
        if "code no longer in the list" in row["changes_after_2023"]
    }
    early = {
        str(graph.value(node, KG.gsoCode))
        for node in units_of(graph, KG.DistrictLevelUnit, "2023")
        if str(graph.value(node, SCHEMA.validThrough)) < "2025-06-30"
    }
    assert early == left
    assert len(early) == 11


def test_type_changes_after_2023_are_change_notes(graph: Graph) -> None:
    notes = list(graph.objects(unit("2023", "222"), SKOS.changeNote))
    assert notes == [Literal("01/02/2024: became Thị xã Việt Yên", lang="en")]
    assert list(graph.objects(unit("2023", "001"), SKOS.changeNote)) == []


DISTRICT_TO_2025 = """
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?now WHERE { ?district ^schema:containedInPlace/dcterms:isReplacedBy ?now }
"""


def test_a_district_can_be_followed_to_2025_units(graph: Graph, vocab_dir: Path) -> None:
    """The documented path: district <- its 2023 communes -> their 2025 successors."""
    expected = {
        unit("2025", row["new_code_2025"])
        for row in csv_rows(vocab_dir / "admin-units-cao-bang-2023-to-2025.csv")
        if row["old_district_code_2023"] == "040"
    }
    result = graph.query(DISTRICT_TO_2025, initBindings={"district": unit("2023", "040")})
    found = {row[0] for row in result}  # type: ignore[index]
    assert found == expected
    assert unit("2025", "01273") in found


def test_codes_follow_the_gso_patterns(graph: Graph) -> None:
    digits = {KG.Province: 2, KG.DistrictLevelUnit: 3, KG.CommuneLevelUnit: 5}
    for cls, count in digits.items():
        for node in graph.subjects(RDF.type, cls):
            code = str(graph.value(node, KG.gsoCode))
            assert re.fullmatch(rf"[0-9]{{{count}}}", code)
            assert graph.value(node, SKOS.notation) == Literal(code)
            version = str(graph.value(node, KG.listVersion))
            assert node == unit(version, code)


def test_validity_dates_come_from_the_list_versions(graph: Graph) -> None:
    for node in graph.subjects(KG.listVersion, Literal("2023")):
        assert graph.value(node, SCHEMA.validFrom) is None  # not known from the data
        assert graph.value(node, SCHEMA.validThrough) is not None
    for node in graph.subjects(KG.listVersion, Literal("2025")):
        assert graph.value(node, SCHEMA.validFrom) == Literal("2025-07-01", datatype=DATE)
        assert graph.value(node, SCHEMA.validThrough) is None


def test_units_have_bilingual_labels_types_and_parents(graph: Graph) -> None:
    for node in graph.subjects(RDF.type, KG.AdministrativeUnit):
        for prop in (RDFS.label, SKOS.prefLabel):
            assert {lit.language for lit in graph.objects(node, prop)} == {"vi", "en"}
        assert graph.value(node, SKOS.altLabel).language == "vi"
        kind = graph.value(node, KG.unitType)
        assert {lit.language for lit in graph.objects(kind, RDFS.label)} == {"vi", "en"}
        assert graph.value(node, SCHEMA.containedInPlace) is not None


def test_unit_types(graph: Graph) -> None:
    xa = IRIS.id("unit-type", "xa")
    assert (xa, RDF.type, SKOS.Concept) in graph
    assert (xa, RDFS.label, Literal("Xã", lang="vi")) in graph
    assert graph.value(unit("2023", "01267"), KG.unitType) == IRIS.id("unit-type", "phuong")


def test_parents(graph: Graph) -> None:
    country = IRIS.id("admin-unit", "country", "VN")
    assert graph.value(unit("2023", "04"), SCHEMA.containedInPlace) == country
    assert graph.value(unit("2023", "040"), SCHEMA.containedInPlace) == unit("2023", "04")
    assert graph.value(unit("2023", "01267"), SCHEMA.containedInPlace) == unit("2023", "040")
    assert graph.value(unit("2025", "01273"), SCHEMA.containedInPlace) == unit("2025", "04")


# --- identifiers --------------------------------------------------------------------


def test_known_identifiers_are_linked(graph: Graph) -> None:
    cao_bang = unit("2023", "04")
    assert (cao_bang, SKOS.exactMatch, WD.Q36865) in graph
    assert (cao_bang, SKOS.exactMatch, URIRef("https://sws.geonames.org/1586182/")) in graph
    assert (cao_bang, RDFS.seeAlso, URIRef("https://www.openstreetmap.org/relation/1844412")) in (
        graph
    )
    assert graph.value(cao_bang, KG.hascCode) == Literal("VN.CB")
    assert graph.value(cao_bang, KG.isoCode) == Literal("VN-04")
    assert (unit("2023", "042"), SKOS.exactMatch, WD.Q10743246) in graph


def test_units_without_a_verified_identifier_have_none(graph: Graph) -> None:
    def wikidata(node: URIRef) -> list[URIRef]:
        return [o for o in graph.objects(node, SKOS.exactMatch) if str(o).startswith(str(WD))]

    assert wikidata(unit("2023", "045")) == []  # Hà Quảng: no QID verified
    assert wikidata(unit("2025", "08")) == []  # merged province: not verified
    assert list(graph.objects(unit("2023", "01267"), SKOS.exactMatch)) == []  # communes


def test_049_follows_the_stricter_nationwide_geonames_rule(graph: Graph) -> None:
    """admin-units-cao-bang-2023.csv links 049 to GeoNames by code; districts-2023.csv
    rejects it because the GeoNames entity is the pre-2020 Quảng Uyên."""
    quang_hoa = unit("2023", "049")
    assert not [o for o in graph.objects(quang_hoa, SKOS.exactMatch) if "geonames" in str(o)]
    assert (None, None, URIRef("https://sws.geonames.org/11497303/")) not in graph
    assert graph.value(quang_hoa, RDFS.seeAlso) is not None  # its OSM relation stays


def test_no_district_gets_a_hasc_code(graph: Graph) -> None:
    """districts-2023.csv gives no district HASC (WOF's follow the pre-2020 structure)."""
    for district in graph.subjects(RDF.type, KG.DistrictLevelUnit):
        assert graph.value(district, KG.hascCode) is None


def test_country_and_statistics_office(graph: Graph) -> None:
    country = IRIS.id("admin-unit", "country", "VN")
    assert (country, RDF.type, KG.Country) in graph
    assert (country, OWL.sameAs, WD.Q881) in graph
    gso = IRIS.id("org", "gso")
    assert (gso, RDF.type, ORG.FormalOrganization) in graph
    assert (gso, OWL.sameAs, WD.Q10831788) in graph
    assert (gso, SCHEMA.sameAs, URIRef("http://viaf.org/viaf/140464028")) in graph
    assert (gso, SCHEMA.sameAs, URIRef("http://id.loc.gov/authorities/names/n80078233")) in graph
    assert {lit.language for lit in graph.objects(gso, RDFS.label)} == {"vi", "en"}


def test_every_file_read_is_a_source_of_the_vocab_graph(graph: Graph, vocab_dir: Path) -> None:
    dataset = IRIS.graph("vocab")
    sources = set(graph.objects(dataset, DCTERMS.source))
    names = {str(graph.value(node, DCTERMS.identifier)) for node in sources}
    assert names == {p.name for p in vocab_dir.glob("*.csv")} - {"files.csv"}
    for node in sources:
        if graph.value(node, DCTERMS.identifier) != Literal("indicator-national-codes.csv"):
            assert graph.value(node, DCTERMS.license) is not None
            assert graph.value(node, DCTERMS.source) is not None


def test_no_blank_nodes(graph: Graph) -> None:
    for triple in graph:
        assert all(isinstance(term, URIRef | Literal) for term in triple)


def test_no_national_codes_without_rows(graph: Graph) -> None:
    assert list(graph.triples((None, KG.nationalCode, None))) == []


# --- determinism --------------------------------------------------------------------


def test_two_builds_are_identical(graph: Graph, vocab_dir: Path) -> None:
    again = vocab_graph(vocab_dir, IRIS)
    assert isomorphic(graph, again)
    first = sorted(graph.serialize(format="nt").splitlines())
    second = sorted(again.serialize(format="nt").splitlines())
    assert first == second


def test_iris_follow_the_configured_base(graph: Graph) -> None:
    for subject in graph.subjects():
        assert str(subject).startswith(BASE)


# --- national indicator codes -------------------------------------------------------


def write_codes(vocab: Path, *rows: str) -> None:
    header = "indicator_key,national_code,national_name,source\n"
    (vocab / "indicator-national-codes.csv").write_text(header + "".join(rows), encoding="utf-8")


def test_national_code_is_attached_to_the_indicator(vocab_copy: Path) -> None:
    write_codes(
        vocab_copy,
        "grdp-growth,0501,Tốc độ tăng tổng sản phẩm,Luật 01/2021/QH15 appendix\n",
        "rice-area,,,\n",
    )
    graph = vocab_graph(vocab_copy, IRIS)
    assert graph.value(IRIS.indicator("grdp-growth"), KG.nationalCode) == Literal("0501")
    assert graph.value(IRIS.indicator("rice-area"), KG.nationalCode) is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("GRDP growth,0501,x,y\n", "indicator_key"),
        ("grdp-growth,0501,x,\n", "'source' is empty"),
        ("grdp-growth,0501,x,y\ngrdp-growth,0502,x,y\n", "two national codes"),
    ],
)
def test_bad_national_code_rows_are_refused(vocab_copy: Path, row: str, message: str) -> None:
    write_codes(vocab_copy, row)
    with pytest.raises(KgError, match=rf"indicator-national-codes\.csv: line \d+: .*{message}"):
        vocab_graph(vocab_copy, IRIS)


# --- loader errors name the file ----------------------------------------------------


def edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(vocab: Path) -> None:
        path = vocab / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def drop_line(name: str, start: str) -> Callable[[Path], None]:
    def apply(vocab: Path) -> None:
        path = vocab / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith(start)), encoding="utf-8")

    return apply


def delete(name: str) -> Callable[[Path], None]:
    return lambda vocab: (vocab / name).unlink()


def not_utf8(name: str) -> Callable[[Path], None]:
    return lambda vocab: (vocab / name).write_bytes(b"code,name\n04,T\xe1nh\n")


CAO_BANG = "admin-units-cao-bang-2023.csv"
CROSSWALK = "admin-units-cao-bang-2023-to-2025.csv"


@pytest.mark.parametrize(
    ("damage", "file", "message"),
    [
        (delete("districts-2023.csv"), "districts-2023.csv", "not found"),
        (delete("files.csv"), "files.csv", "not found"),
        (not_utf8("provinces-2025.csv"), "provinces-2025.csv", "not UTF-8"),
        (edit("provinces-2023.csv", "iso_3166_2,", ""), "provinces-2023.csv", "iso_3166_2"),
        (edit("provinces-2023.csv", "\n04,", "\n4,"), "provinces-2023.csv", "does not match"),
        (edit("districts-2023.csv", ",Q890194,", ",Q89x0194,"), "districts-2023.csv", "wikidata"),
        (edit("districts-2023.csv", "\n001,", "\n001,x,"), "districts-2023.csv", "cells"),
        (edit("districts-2023.csv", "\n002,", "\n001,"), "districts-2023.csv", "twice"),
        (edit(CAO_BANG, ",Q10743246,", ",Q1,"), CAO_BANG, "wikidata"),
        (
            edit(CAO_BANG, "Phường Sông Hiến,Sông Hiến", "Phường Sông Hiến,Sông Hiến,"),
            CAO_BANG,
            "cells",
        ),
        (edit(CAO_BANG, "\n040,Thành phố Cao Bằng", "\n040,TP Cao Bằng"), CAO_BANG, "nationwide"),
        (edit(CAO_BANG, "\n01267,", "\n01267x,"), CAO_BANG, "does not match"),
        (edit(CAO_BANG, "Phường,ward,commune,040,", "Phường,ward,commune,041,"), CAO_BANG, "041"),
        (edit("districts-2023.csv", "urban district,01,", "urban district,03,"), "districts", "03"),
        (edit(CAO_BANG, "Xã,commune,", "Xã,rural commune,"), CAO_BANG, "glossed"),
        (drop_line(CROSSWALK, "01267,"), CROSSWALK, "no successor for 2023 commune.* 01267"),
        (
            edit(CROSSWALK, "01267,Phường Sông Hiến,Phường,040", "01267,x,Phường,042"),
            CROSSWALK,
            "district",
        ),
        (
            edit(CROSSWALK, ",01273,Phường Thục Phán", ",99999,Phường Thục Phán"),
            CROSSWALK,
            "not a commune",
        ),
        (
            edit("admin-units-cao-bang-2025.csv", "01267;01282;", "01282;"),
            "admin-units-cao-bang-2025.csv",
            "predecessor",
        ),
        (drop_line("files.csv", "districts-2023.csv"), "files.csv", "districts-2023.csv"),
        (
            edit("districts-2023.csv", "01/07/2025: district", "2025-07-01: district"),
            "districts-2023.csv",
            "changes_after_2023",
        ),
    ],
)
def test_damaged_reference_files_fail_naming_the_file(
    vocab_copy: Path, damage: Callable[[Path], None], file: str, message: str
) -> None:
    damage(vocab_copy)
    with pytest.raises(KgError, match=re.escape(file) + ".*" + message):
        vocab_graph(vocab_copy, IRIS)


# --- the CSV reader -----------------------------------------------------------------

cells = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r"), max_size=20)


@given(st.lists(st.tuples(cells, cells), max_size=5))
def test_read_table_returns_what_csv_wrote(tmp_path_factory, rows: list[tuple[str, str]]) -> None:
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b"])
        writer.writerows(rows)
    table = read_table(path, ["a", "b"])
    assert [(row.values["a"], row.values["b"]) for row in table.rows] == rows
