"""Every SHACL shape: the contract sample passes it, and a small change breaks it.

`tests/data/model-sample.ttl` follows docs/model.md and must conform with no result at
all. Each case below changes the sample with a SPARQL update and names the shape that
must then report a result; every named shape of shapes.ttl needs at least one case and
at least one focus node in the sample, so no shape is left untested or passes vacuously.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.build.ontology import load_ontology
from kg.validate.shacl import SH, load_shapes, validate_graph

SHAPES_NS = "https://w3id.org/kg-vn/shapes#"
ID = "https://w3id.org/kg-vn/id/"
PREFIXES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://w3id.org/kg-vn/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
PREFIX sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
# Nodes of the sample, as SPARQL IRIs.
PROV04 = f"<{ID}admin-unit/2023/04>"
DIST040 = f"<{ID}admin-unit/2023/040>"
COMM23 = f"<{ID}admin-unit/2023/01267>"
COMM25 = f"<{ID}admin-unit/2025/01273>"
VN = f"<{ID}admin-unit/country/VN>"
GUANGXI = f"<{ID}foreign-area/quang-tay>"
GROWTH = f"<{ID}obs/r/grdp-growth/2023-H1/growth-rate>"
OF_PLAN = f"<{ID}obs/r/grdp-growth/2023-H1/percent-of-plan>"
RANK = f"<{ID}obs/r/pci/2022/rank>"
RATIO = f"<{ID}obs/r/communes-meeting-ntm/2023-05-31/ratio>"
SPAN = f"<{ID}report/r/text/30-45>"
POSITION = f"<{ID}report/r/text/30-45/position>"
QUOTE = f"<{ID}report/r/text/30-45/quote>"
PARA = f"<{ID}report/r/segment/I.1/p1>"
FOOTNOTE = f"<{ID}report/r/segment/fn/1>"
REPORT = f"<{ID}report/r>"
DATASET = f"<{ID}dataset/r>"
RESOLUTION = f"<{ID}document/11-nq-cp>"
PROJECT = f"<{ID}project/cao-toc-dong-dang-tra-linh>"
GRDP = f"<{ID}indicator/grdp-growth>"
H1 = f"<{ID}period/2023-H1>"
WIKIDATA = "http://www.wikidata.org/entity/"

# (shape, severity, what the change does, SPARQL update)
CASES: list[tuple[str, str, str, str]] = [
    ("LabelledShape", "Violation", "province without English label",
     f'DELETE DATA {{ {PROV04} rdfs:label "Cao Bang Province"@en }}'),
    ("LabelledShape", "Violation", "project label without language tag",
     f'DELETE {{ {PROJECT} rdfs:label ?l }} INSERT {{ {PROJECT} rdfs:label "x" }} '
     f'WHERE {{ {PROJECT} rdfs:label ?l FILTER(lang(?l) = "vi") }}'),
    ("LabelledShape", "Violation", "period with two Vietnamese labels",
     f'INSERT DATA {{ {H1} rdfs:label "nửa đầu năm 2023"@vi }}'),
    ("LabelledShape", "Violation", "unit of measure without labels",
     f"DELETE WHERE {{ <{ID}unit/point> rdfs:label ?l }}"),
    ("AdministrativeUnitShape", "Violation", "unit of two levels",
     f"INSERT DATA {{ {DIST040} a kg:Province }}"),
    ("AdministrativeUnitShape", "Violation", "unit of no level",
     f"DELETE DATA {{ {COMM23} a kg:CommuneLevelUnit }} ; "
     f"INSERT DATA {{ {COMM23} a kg:AdministrativeUnit }}"),
    ("AdministrativeUnitShape", "Violation", "valid from after valid through",
     f"DELETE {{ {PROV04} schema:validThrough ?d }} "
     f'INSERT {{ {PROV04} schema:validThrough "2020-01-01"^^xsd:date }} '
     f"WHERE {{ {PROV04} schema:validThrough ?d }}"),
    ("AdministrativeUnitShape", "Violation", "owl:sameAs to DBpedia",
     f"INSERT DATA {{ {PROV04} owl:sameAs <http://dbpedia.org/resource/Cao_Bang> }}"),
    ("SuccessorShape", "Violation", "replaced by a unit of an earlier list",
     f"INSERT DATA {{ {COMM25} dcterms:isReplacedBy {COMM23} }}"),
    ("AdministrativeUnitShape", "Violation", "replaced by a foreign area",
     f"INSERT DATA {{ {DIST040} dcterms:isReplacedBy {GUANGXI} }}"),
    ("AdministrativeUnitShape", "Violation", "malformed HASC code",
     f'INSERT DATA {{ {DIST040} kg:hascCode "VN-CB" }}'),
    ("SameAsShape", "Warning", "one Wikidata item for both list versions",
     f"INSERT DATA {{ <{ID}admin-unit/2025/04> owl:sameAs <{WIKIDATA}Q36865> }}"),
    ("CodedUnitShape", "Violation", "district without GSO code",
     f"DELETE WHERE {{ {DIST040} kg:gsoCode ?c }}"),
    ("CodedUnitShape", "Violation", "list version not a year",
     f'DELETE WHERE {{ {DIST040} kg:listVersion ?v }} ; '
     f'INSERT DATA {{ {DIST040} kg:listVersion "v2023" }}'),
    ("CodedUnitShape", "Violation", "commune without unit type",
     f"DELETE WHERE {{ {COMM23} kg:unitType ?t }}"),
    ("CountryShape", "Violation", "country inside a province",
     f"INSERT DATA {{ {VN} schema:containedInPlace {PROV04} }}"),
    ("ProvinceShape", "Violation", "province code of one digit",
     f'DELETE WHERE {{ {PROV04} kg:gsoCode ?c }} ; INSERT DATA {{ {PROV04} kg:gsoCode "4" }}'),
    ("DistrictLevelUnitShape", "Violation", "district code of two digits",
     f'DELETE WHERE {{ {DIST040} kg:gsoCode ?c }} ; INSERT DATA {{ {DIST040} kg:gsoCode "40" }}'),
    ("DistrictLevelUnitShape", "Violation", "district outside any province",
     f"DELETE WHERE {{ {DIST040} schema:containedInPlace ?p }}"),
    ("CommuneLevelUnitShape", "Violation", "commune code of four digits",
     f'DELETE WHERE {{ {COMM23} kg:gsoCode ?c }} ; INSERT DATA {{ {COMM23} kg:gsoCode "1267" }}'),
    ("CommuneLevelUnitShape", "Violation", "commune inside a commune",
     f"DELETE WHERE {{ {COMM25} schema:containedInPlace ?p }} ; "
     f"INSERT DATA {{ {COMM25} schema:containedInPlace {COMM23} }}"),
    ("ForeignAreaShape", "Violation", "foreign area with a GSO code",
     f'INSERT DATA {{ {GUANGXI} kg:gsoCode "45" }}'),
    ("ConceptShape", "Violation", "obstacle outside any scheme",
     f"DELETE WHERE {{ <{ID}obstacle/land-clearance> skos:inScheme ?s }}"),
    ("IndicatorShape", "Violation", "indicator without sector",
     f"DELETE WHERE {{ {GRDP} skos:broader ?s }}"),
    ("IndicatorShape", "Violation", "indicator with two default units",
     f"INSERT DATA {{ {GRDP} kg:defaultUnit <{ID}unit/point> }}"),
    ("IndexComponentShape", "Violation", "component of no index",
     f"DELETE WHERE {{ <{ID}indicator/pci-transparency> kg:componentOf ?i }}"),
    ("IndexComponentShape", "Violation", "component of a sector",
     f"DELETE WHERE {{ <{ID}indicator/pci-transparency> kg:componentOf ?i }} ; "
     f"INSERT DATA {{ <{ID}indicator/pci-transparency> kg:componentOf <{ID}sector/economy> }}"),
    ("UnitShape", "Violation", "unit matched outside QUDT",
     f"INSERT DATA {{ <{ID}unit/commune> skos:exactMatch <http://example.org/commune> }}"),
    ("DataSetShape", "Violation", "data set with another structure",
     f"INSERT DATA {{ {DATASET} qb:structure <{ID}dsd/other> }}"),
    ("DataSetShape", "Violation", "data set not derived from the report",
     f"DELETE WHERE {{ {DATASET} prov:wasDerivedFrom ?r }}"),
    ("DataSetShape", "Warning", "data set without labels",
     f"DELETE WHERE {{ {DATASET} rdfs:label ?l }}"),
    ("DataStructureShape", "Violation", "component that is no specification",
     f"INSERT DATA {{ kg:dsd qb:component <{ID}component/x> }}"),
    ("ComponentSpecificationShape", "Violation", "component both dimension and attribute",
     "INSERT DATA { kg:dsd-about qb:dimension kg:about }"),
    ("ObservationShape", "Violation", "no indicator",
     f"DELETE WHERE {{ {GROWTH} kg:indicator ?i }}"),
    ("ObservationShape", "Violation", "two reference periods",
     f"INSERT DATA {{ {GROWTH} sdmx-dimension:refPeriod <{ID}period/2022> }}"),
    ("ObservationShape", "Violation", "reference area is a sector",
     f"DELETE WHERE {{ {GROWTH} sdmx-dimension:refArea ?a }} ; "
     f"INSERT DATA {{ {GROWTH} sdmx-dimension:refArea <{ID}sector/economy> }}"),
    ("ObservationShape", "Violation", "measure kind outside the scheme",
     f"DELETE WHERE {{ {GROWTH} kg:measureKind ?k }} ; "
     f"INSERT DATA {{ {GROWTH} kg:measureKind <{ID}obstacle/land-clearance> }}"),
    ("ObservationShape", "Violation", "value as a string",
     f"DELETE WHERE {{ {GROWTH} sdmx-measure:obsValue ?v }} ; "
     f'INSERT DATA {{ {GROWTH} sdmx-measure:obsValue "4,71" }}'),
    ("ObservationShape", "Violation", "no unit",
     f"DELETE WHERE {{ {GROWTH} sdmx-attribute:unitMeasure ?u }}"),
    ("ObservationShape", "Violation", "unknown status",
     f"DELETE WHERE {{ {GROWTH} sdmx-attribute:obsStatus ?s }} ; "
     f"INSERT DATA {{ {GROWTH} sdmx-attribute:obsStatus sdmx-code:obsStatus-P }}"),
    ("ObservationShape", "Violation", "no evidence span",
     f"DELETE WHERE {{ {GROWTH} prov:wasDerivedFrom ?s }}"),
    ("ObservationShape", "Violation", "derived from the whole text, not a span",
     f"DELETE WHERE {{ {GROWTH} prov:wasDerivedFrom ?s }} ; "
     f"INSERT DATA {{ {GROWTH} prov:wasDerivedFrom <{ID}report/r/text> }}"),
    ("ObservationShape", "Violation", "no primary source",
     f"DELETE WHERE {{ {GROWTH} prov:hadPrimarySource ?s }}"),
    ("ObservationShape", "Violation", "unknown qualifier",
     f"INSERT DATA {{ {GROWTH} kg:valueQualifier kg:Share }}"),
    ("ObservationShape", "Violation", "zero denominator",
     f"DELETE WHERE {{ {RATIO} kg:denominator ?d }} ; "
     f'INSERT DATA {{ {RATIO} kg:denominator "0"^^xsd:decimal }}'),
    ("ObservationShape", "Warning", "observation in no data set",
     f"DELETE WHERE {{ {GROWTH} qb:dataSet ?d }}"),
    ("NonNegativeValueShape", "Violation", "negative percent of plan",
     f"DELETE WHERE {{ {OF_PLAN} sdmx-measure:obsValue ?v }} ; "
     f'INSERT DATA {{ {OF_PLAN} sdmx-measure:obsValue "-5"^^xsd:decimal }}'),
    ("RankShape", "Violation", "rank zero",
     f"DELETE WHERE {{ {RANK} sdmx-measure:obsValue ?v }} ; "
     f'INSERT DATA {{ {RANK} sdmx-measure:obsValue "0"^^xsd:decimal }}'),
    ("RankShape", "Violation", "fractional rank",
     f"DELETE WHERE {{ {RANK} sdmx-measure:obsValue ?v }} ; "
     f'INSERT DATA {{ {RANK} sdmx-measure:obsValue "2.5"^^xsd:decimal }}'),
    ("RankShape", "Violation", "rank beyond the number ranked",
     f"DELETE WHERE {{ {RANK} sdmx-measure:obsValue ?v }} ; "
     f'INSERT DATA {{ {RANK} sdmx-measure:obsValue "70"^^xsd:decimal }}'),
    ("RatioShape", "Violation", "ratio without denominator",
     f"DELETE WHERE {{ {RATIO} kg:denominator ?d }}"),
    ("ComparisonShape", "Warning", "growth rate without comparison period",
     f"DELETE WHERE {{ {GROWTH} kg:comparisonPeriod ?p }}"),
    ("PeriodShape", "Violation", "period of no type",
     f"DELETE DATA {{ <{ID}period/2022> a time:ProperInterval }}"),
    ("PeriodShape", "Violation", "period both interval and instant",
     f"INSERT DATA {{ {H1} a time:Instant ; time:inXSDDate \"2023-06-30\"^^xsd:date }}"),
    ("IntervalShape", "Violation", "interval ending before it starts",
     f"DELETE WHERE {{ {H1} schema:endDate ?e }} ; "
     f'INSERT DATA {{ {H1} schema:endDate "2022-12-31"^^xsd:date }}'),
    ("IntervalShape", "Violation", "interval without end",
     f"DELETE WHERE {{ {H1} schema:endDate ?e }}"),
    ("InstantShape", "Violation", "instant date as a string",
     f"DELETE WHERE {{ <{ID}period/2023-05-31> time:inXSDDate ?d }} ; "
     f'INSERT DATA {{ <{ID}period/2023-05-31> time:inXSDDate "31/5/2023" }}'),
    ("SpanShape", "Violation", "span without quote selector",
     f"DELETE DATA {{ {SPAN} oa:hasSelector {QUOTE} }}"),
    ("SpanShape", "Violation", "span with a third selector",
     f"INSERT DATA {{ {SPAN} oa:hasSelector <{ID}report/r/text/30-45/other> }}"),
    ("SpanShape", "Violation", "span without source",
     f"DELETE WHERE {{ {SPAN} oa:hasSource ?s }}"),
    ("SpanShape", "Violation", "span in no segment",
     f"DELETE WHERE {{ {SPAN} dcterms:isPartOf ?s }}"),
    ("PositionSelectorShape", "Violation", "start after end",
     f"DELETE WHERE {{ {POSITION} oa:start ?s }} ; "
     f'INSERT DATA {{ {POSITION} oa:start "50"^^xsd:nonNegativeInteger }}'),
    ("PositionSelectorShape", "Violation", "start as a plain integer",
     f"DELETE WHERE {{ {POSITION} oa:start ?s }} ; INSERT DATA {{ {POSITION} oa:start 30 }}"),
    ("QuoteSelectorShape", "Violation", "empty quote",
     f'DELETE WHERE {{ {QUOTE} oa:exact ?e }} ; INSERT DATA {{ {QUOTE} oa:exact "" }}'),
    ("QuoteSelectorShape", "Violation", "two prefixes",
     f'INSERT DATA {{ {QUOTE} oa:prefix "khác" }}'),
    ("SegmentShape", "Violation", "segment of two kinds",
     f"INSERT DATA {{ {PARA} a kg:Table }}"),
    ("SegmentShape", "Violation", "segment in nothing",
     f"DELETE WHERE {{ {PARA} dcterms:isPartOf ?p }}"),
    ("SegmentShape", "Violation", "footnote link to a paragraph",
     f"INSERT DATA {{ <{ID}report/r/segment/I.1> kg:hasFootnote {PARA} }}"),
    ("FootnoteShape", "Violation", "footnote without number",
     f"DELETE WHERE {{ {FOOTNOTE} kg:footnoteNumber ?n }}"),
    ("FootnoteShape", "Violation", "continuation of a paragraph, not of a footnote",
     f"DELETE WHERE {{ <{ID}report/r/segment/fn/1/cont> dcterms:isPartOf ?p }} ; "
     f"INSERT DATA {{ <{ID}report/r/segment/fn/1/cont> dcterms:isPartOf {PARA} }}"),
    ("FootnoteShape", "Violation", "footnote number zero",
     f"DELETE WHERE {{ {FOOTNOTE} kg:footnoteNumber ?n }} ; "
     f"INSERT DATA {{ {FOOTNOTE} kg:footnoteNumber 0 }}"),
    ("NumberedDocumentShape", "Violation", "resolution without number",
     f"DELETE WHERE {{ {RESOLUTION} dcterms:identifier ?i }}"),
    ("DocumentShape", "Violation", "document with two numbers",
     f'INSERT DATA {{ {RESOLUTION} dcterms:identifier "11/2022/NQ-CP" }}'),
    ("DocumentShape", "Violation", "document of no type",
     f"DELETE DATA {{ {RESOLUTION} a kg:Resolution }} ; "
     f"INSERT DATA {{ {RESOLUTION} a kg:Document }}"),
    ("DocumentShape", "Violation", "issue date as a string",
     f"DELETE WHERE {{ {RESOLUTION} dcterms:issued ?d }} ; "
     f'INSERT DATA {{ {RESOLUTION} dcterms:issued "30/01/2022" }}'),
    ("DocumentShape", "Violation", "document created by a province",
     f"INSERT DATA {{ {RESOLUTION} dcterms:creator {PROV04} }}"),
    ("DocumentShape", "Violation", "report references a project",
     f"INSERT DATA {{ {REPORT} dcterms:references {PROJECT} }}"),
    ("ReportShape", "Violation", "report without date",
     f"DELETE WHERE {{ {REPORT} dcterms:issued ?d }}"),
    ("OrganizationShape", "Violation", "agency under a province",
     f"INSERT DATA {{ <{ID}org/chinh-phu> org:subOrganizationOf {PROV04} }}"),
    ("ProgrammeShape", "Violation", "programme indicator as text",
     f'INSERT DATA {{ <{ID}programme/ntm> kg:hasIndicator "số xã đạt chuẩn" }}'),
    ("ProjectShape", "Violation", "project located in a foreign area",
     f"INSERT DATA {{ {PROJECT} kg:location {GUANGXI} }}"),
    ("ProjectShape", "Violation", "project without evidence",
     f"DELETE WHERE {{ {PROJECT} prov:wasDerivedFrom ?s }}"),
    ("ProjectShape", "Violation", "programme of a project is a project",
     f"INSERT DATA {{ {PROJECT} kg:programme {PROJECT} }}"),
    ("PlaceShape", "Violation", "border gate inside a project",
     f"INSERT DATA {{ <{ID}place/ta-lung> schema:containedInPlace {PROJECT} }}"),
]  # fmt: skip


@pytest.fixture(scope="module")
def shapes(root: Path) -> Graph:
    return load_shapes(root / "ontology" / "shapes.ttl")


@pytest.fixture(scope="module")
def sample(root: Path) -> Graph:
    """The contract sample with the ontology, as `kg validate` sees a report graph."""
    graph = load_ontology(root / "ontology")
    graph.parse(root / "tests" / "data" / "model-sample.ttl", format="turtle")
    return graph


def _named_shapes(shapes: Graph) -> set[str]:
    return {
        str(s)[len(SHAPES_NS) :]
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and str(s).startswith(SHAPES_NS)
    }


def test_sample_conforms_without_any_result(sample: Graph, shapes: Graph) -> None:
    assert validate_graph(sample, shapes).results == ()


def test_every_shape_has_a_case(shapes: Graph) -> None:
    assert _named_shapes(shapes) - {case[0] for case in CASES} == set()
    assert {case[0] for case in CASES} - _named_shapes(shapes) == set()


def _focus_nodes(shape: URIRef, shapes: Graph, data: Graph) -> set:
    """The nodes a shape targets in `data`, computed independently of pySHACL."""
    found: set = set()
    for cls in shapes.objects(shape, SH.targetClass):
        query = "SELECT ?x WHERE { ?x a/rdfs:subClassOf* ?c }"
        found |= {
            row[0] for row in data.query(query, initBindings={"c": cls}, initNs={"rdfs": RDFS})
        }
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        found |= set(data.objects(None, prop))
    for target in shapes.objects(shape, SH.target):
        select = str(shapes.value(target, SH.select))
        found |= {row[0] for row in data.query(PREFIXES + select)}
    return found


@pytest.mark.parametrize("name", sorted({case[0] for case in CASES}))
def test_sample_exercises_the_shape(name: str, shapes: Graph, sample: Graph) -> None:
    """The passing case is not vacuous: the sample has nodes the shape checks."""
    assert _focus_nodes(URIRef(SHAPES_NS + name), shapes, sample)


@pytest.mark.parametrize(
    ("name", "severity", "change"),
    [
        pytest.param(name, severity, update, id=f"{name}: {what}")
        for name, severity, what, update in CASES
    ],
)
def test_change_breaks_the_shape(
    name: str, severity: str, change: str, shapes: Graph, sample: Graph
) -> None:
    broken = Graph()
    broken += sample
    broken.update(PREFIXES + change)
    assert set(broken) != set(sample), "the change changed nothing"
    report = validate_graph(broken, shapes)
    hits = [r for r in report.results if r.shape == SHAPES_NS + name]
    assert hits, f"expected a result from {name}, got {report.results}"
    assert {r.severity for r in hits} == {severity}
    assert all(r.message and r.focus for r in hits)
    if severity == "Violation":
        assert not report.conforms


MODEL_CLASSES = [
    "kg:AdministrativeUnit", "kg:Country", "kg:Province", "kg:DistrictLevelUnit",
    "kg:CommuneLevelUnit", "kg:ForeignArea", "qb:DataSet", "qb:Observation",
    "qb:DataStructureDefinition", "qb:ComponentSpecification", "skos:Concept",
    "skos:ConceptScheme", "kg:Sector", "kg:CompositeIndex", "kg:IndexComponent",
    "time:ProperInterval", "time:Instant", "oa:SpecificResource", "oa:TextPositionSelector",
    "oa:TextQuoteSelector", "kg:Part", "kg:Section", "kg:Paragraph", "kg:Footnote", "kg:Table",
    "kg:TableRow", "kg:Report", "kg:Resolution", "kg:Decision", "kg:Plan", "kg:Directive",
    "kg:OfficialDispatch", "kg:Conclusion", "kg:Law", "kg:Decree", "kg:Circular",
    "org:Organization", "org:FormalOrganization", "kg:Programme", "kg:NationalTargetProgramme",
    "kg:Scheme", "kg:ActionPlan", "kg:Project", "kg:BorderGate", "kg:Geopark", "kg:TouristSite",
    "kg:Mine", "kg:HeritageItem",
]  # fmt: skip


@pytest.mark.parametrize("curie", MODEL_CLASSES)
def test_every_class_of_the_model_is_a_shape_target(
    curie: str, shapes: Graph, sample: Graph
) -> None:
    """docs/model.md's classes are checked: some shape targets the class or a superclass."""
    prefix, name = curie.split(":")
    namespace = re.search(rf"PREFIX {prefix}: <([^>]+)>", PREFIXES)
    assert namespace, prefix
    cls = URIRef(namespace.group(1) + name)
    supers = set(sample.transitive_objects(cls, RDFS.subClassOf))
    assert supers & set(shapes.objects(None, SH.targetClass)), f"no shape targets {curie}"
