"""The DCAT-AP 3 catalog validates with pyshacl, without violations, against the official
DCAT-AP 3.0.0 SHACL shapes (copied into shacl/ from shared/data/dcat-ap-3.0.0: the shapes and
their range constraints), in all three serialisations, and pages with Hydra links."""

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from sunshine.portal.opendata import catalog as catalog_view
from sunshine.testing.factories.opendata import make_dataset

pytestmark = pytest.mark.django_db
SHACL = Path(__file__).parent / "shacl"
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")


@pytest.fixture(scope="module")
def shapes():
    graph = Graph()
    graph.parse(SHACL / "dcat-ap-SHACL.ttl", format="turtle")
    graph.parse(SHACL / "range.ttl", format="turtle")
    return graph


def conforms(data: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _graph, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return ok, text


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("/catalog.ttl", "turtle"), ("/catalog.jsonld", "json-ld"), ("/catalog.rdf", "xml")],
)
def test_catalog_validates_against_dcat_ap_3(client, datasets, shapes, path, fmt):
    response = client.get(path)
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=fmt)
    ok, report = conforms(graph, shapes)
    assert ok, report
    found = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(found) == 3
    titles = {str(t) for t in graph.objects(None, DCTERMS.title)}
    assert {"法定节假日安排", "网民留言明细", "机动车车主信息"} <= titles
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 2  # the 不予开放 entry has none
    if fmt == "json-ld":
        json.loads(response.content)


def test_the_shapes_do_catch_a_broken_catalog(client, datasets, shapes):
    """The check can fail: a dataset without its mandatory description is a violation."""
    graph = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((dataset, DCTERMS.description, None))
    ok, report = conforms(graph, shapes)
    assert not ok and "description" in report


def test_catalog_pages_with_hydra(client, data_admin, transport, monkeypatch):
    monkeypatch.setattr(catalog_view, "PER_PAGE", 2)
    for n in range(5):
        make_dataset(data_admin, transport, name=f"ds-{n}")
    graph = Graph().parse(data=client.get("/catalog.ttl?page=2").content, format="turtle")
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert int(graph.value(catalog, HYDRA.totalItems)) == 5
    view = graph.value(catalog, HYDRA.view)
    assert str(view).endswith("/catalog.ttl?page=2")
    assert str(graph.value(view, HYDRA.next)).endswith("?page=3")
    assert str(graph.value(view, HYDRA.previous)).endswith("?page=1")
    assert str(graph.value(view, HYDRA.last)).endswith("?page=3")
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 2
    last = Graph().parse(data=client.get("/catalog.ttl?page=3").content, format="turtle")
    assert len(set(last.subjects(RDF.type, DCAT.Dataset))) == 1
    assert client.get("/catalog.ttl?page=4").status_code == 404
    assert isinstance(view, URIRef)
