"""The 数据资源目录 as a DCAT-AP 3 catalog (rdflib graph), one page at a time with Hydra paging
(`hydra:PartialCollectionView`: first, previous, next, last; `hydra:totalItems` on the
catalog). Every node a shape constrains by class is typed in the graph itself (publisher
foaf:Agent, license dct:LicenseDocument, themes skos:Concept in their skos:ConceptScheme,
frequency dct:Frequency, format dct:MediaTypeOrExtent …), so the catalog validates against the
official DCAT-AP 3.0.0 SHACL shapes with no inference (tests run pyshacl on it).

`base` is the site's absolute root ("https://www.gd.gov.cn"); `urls` maps kinds of page to
functions giving a path: {"dataset": name → path, "download": resource uuid → path,
"catalog": path, "datastore": path}."""

import datetime as dt

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from .choices import (
    FORMAT_MEDIA_TYPES,
    FREQUENCY_EU,
    LICENSE_URLS,
    TOPIC_EU_THEME,
    Frequency,
    License,
    OpenClass,
    Topic,
)

DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3 (rdflib's DCAT is 2)
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
EU = "http://publications.europa.eu/resource/authority/"
THEMES = URIRef(EU + "data-theme")
FREQUENCIES = URIRef(EU + "frequency")
FILE_TYPES = URIRef(EU + "file-type")
LANG_ZHO = URIRef(EU + "language/ZHO")
IANA = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = {"CSV": "CSV", "JSON": "JSON", "XLSX": "XLSX", "API": "JSON"}
ZH = "zh"

PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "skos": SKOS,
    "vcard": VCARD,
    "spdx": SPDX,
    "hydra": HYDRA,
    "adms": ADMS,
}


def _dt(value: dt.datetime | None) -> Literal | None:
    if value is None:
        return None
    return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


class _Builder:
    def __init__(self, base: str, urls: dict):
        self.base = base.rstrip("/")
        self.urls = urls
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.typed: set = set()

    def uri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def add(self, s, p, o):
        if o is not None and o != "":
            self.g.add((s, p, o))

    def once(self, node, type_, **props) -> URIRef:
        """Type a shared node (a license, a theme) once."""
        if node not in self.typed:
            self.typed.add(node)
            self.g.add((node, RDF.type, type_))
            for predicate, value in props.items():
                self.g.add((node, self._p[predicate], value))
        return node

    _p = {
        "prefLabel": SKOS.prefLabel,
        "inScheme": SKOS.inScheme,
        "title": DCTERMS.title,
        "name": FOAF.name,
    }

    def agent(self, agency) -> URIRef:
        node = self.uri(f"/api/3/action/organization_show?id={self.urls['org'](agency)}")
        return self.once(node, FOAF.Agent, name=Literal(agency.name, lang=ZH))

    def theme(self, topic: str) -> URIRef:
        self.once(THEMES, SKOS.ConceptScheme, title=Literal("Data theme", lang="en"))
        code = TOPIC_EU_THEME.get(topic, "GOVE")
        node = URIRef(f"{EU}data-theme/{code}")
        if node not in self.typed:
            self.once(node, SKOS.Concept, prefLabel=Literal(code, lang="en"), inScheme=THEMES)
        return node

    def local_topic(self, topic: str) -> URIRef:
        scheme = self.uri("/sjkf/zt/")
        self.once(scheme, SKOS.ConceptScheme, title=Literal("数据开放主题分类", lang=ZH))
        node = self.uri(f"/sjkf/?groups={topic}")
        label = dict(Topic.choices).get(topic, topic)
        return self.once(
            node, SKOS.Concept, prefLabel=Literal(str(label), lang=ZH), inScheme=scheme
        )

    def frequency(self, value: str) -> URIRef:
        node = URIRef(f"{EU}frequency/{FREQUENCY_EU.get(value, 'UNKNOWN')}")
        label = dict(Frequency.choices).get(value, value)
        self.g.add((node, SKOS.prefLabel, Literal(str(label), lang=ZH)))
        return self.once(node, DCTERMS.Frequency)

    def license(self, license_id: str) -> URIRef:
        node = URIRef(LICENSE_URLS.get(license_id, LICENSE_URLS["CC-BY-4.0"]))
        label = dict(License.choices).get(license_id, license_id)
        if node not in self.typed:
            self.g.add((node, DCTERMS.title, Literal(str(label), lang=ZH)))
        return self.once(node, DCTERMS.LicenseDocument)

    def file_type(self, fmt: str) -> URIRef:
        node = URIRef(f"{EU}file-type/{EU_FILE_TYPE.get(fmt, 'BIN')}")
        return self.once(node, DCTERMS.MediaTypeOrExtent)

    def media_type(self, fmt: str) -> URIRef:
        node = URIRef(IANA + FORMAT_MEDIA_TYPES.get(fmt, "application/octet-stream"))
        return self.once(node, DCTERMS.MediaType)

    def dataset(self, dataset) -> URIRef:
        g = self.g
        page = self.uri(self.urls["dataset"](dataset.name))
        node = URIRef(str(page) + "#dataset")
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((node, DCTERMS.identifier, Literal(str(dataset.uuid))))
        g.add((node, DCTERMS.title, Literal(dataset.title, lang=ZH)))
        g.add((node, DCTERMS.description, Literal(dataset.notes, lang=ZH)))
        g.add((node, DCTERMS.publisher, self.agent(dataset.agency)))
        g.add((node, DCAT.theme, self.theme(dataset.topic)))
        g.add((node, DCAT.theme, self.local_topic(dataset.topic)))
        g.add((node, DCTERMS.accrualPeriodicity, self.frequency(dataset.update_frequency)))
        g.add((node, DCTERMS.language, self.once(LANG_ZHO, DCTERMS.LinguisticSystem)))
        self.add(node, DCTERMS.issued, _dt(dataset.published_at))
        self.add(node, DCTERMS.modified, _dt(dataset.data_updated_at or dataset.modified_at))
        g.add((node, DCAT.landingPage, self.once(page, FOAF.Document)))
        g.add((node, ADMS.versionNotes, Literal(f"第 {dataset.version} 版", lang=ZH)))
        g.add((node, DCAT_VERSION, Literal(str(dataset.version))))
        for tag in dataset.tags:
            g.add((node, DCAT.keyword, Literal(tag, lang=ZH)))
        if dataset.spatial:
            place = BNode()
            g.add((place, RDF.type, DCTERMS.Location))
            g.add((place, SKOS.prefLabel, Literal(dataset.spatial, lang=ZH)))
            g.add((node, DCTERMS.spatial, place))
        if dataset.contact_name or dataset.contact_email:
            contact = BNode()
            g.add((contact, RDF.type, VCARD.Kind))
            g.add((contact, RDF.type, VCARD.Organization))
            self.add(contact, VCARD.fn, Literal(dataset.contact_name or dataset.agency.name))
            if dataset.contact_email:
                g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{dataset.contact_email}")))
            g.add((node, DCAT.contactPoint, contact))
        rights = {
            OpenClass.UNCONDITIONAL: "无条件开放",
            OpenClass.CONDITIONAL: "有条件开放：" + dataset.open_conditions,
            OpenClass.CLOSED: "不予开放："
            + dataset.closed_reason
            + "（"
            + dataset.closed_basis
            + "）",
        }[dataset.open_class]
        statement = BNode()
        g.add((statement, RDF.type, DCTERMS.RightsStatement))
        g.add((statement, DCTERMS.description, Literal(rights, lang=ZH)))
        g.add((node, DCTERMS.accessRights, statement))
        for resource in dataset.resources.all():
            g.add((node, DCAT.distribution, self.distribution(dataset, resource)))
        return node

    def distribution(self, dataset, resource) -> URIRef:
        g = self.g
        node = self.uri(self.urls["resource"](dataset.name, resource.uuid))
        g.add((node, RDF.type, DCAT.Distribution))
        g.add((node, DCTERMS.identifier, Literal(str(resource.uuid))))
        g.add((node, DCTERMS.title, Literal(resource.name, lang=ZH)))
        if resource.description:
            g.add((node, DCTERMS.description, Literal(resource.description, lang=ZH)))
        if resource.url:  # an API
            access = URIRef(resource.url)
        else:
            access = self.uri(self.urls["download"](dataset.name, resource.uuid))
            g.add((node, DCAT.downloadURL, access))
        g.add((node, DCAT.accessURL, self.once(access, RDFS.Resource)))
        g.add((node, DCTERMS.format, self.file_type(resource.format)))
        g.add((node, DCAT.mediaType, self.media_type(resource.format)))
        g.add((node, DCTERMS.license, self.license(dataset.license_id)))
        self.add(node, DCTERMS.issued, _dt(resource.created_at))
        self.add(node, DCTERMS.modified, _dt(resource.modified_at))
        if resource.size:
            g.add((node, DCAT.byteSize, Literal(resource.size, datatype=XSD.nonNegativeInteger)))
        if resource.sha256:
            checksum = BNode()
            g.add((checksum, RDF.type, SPDX.Checksum))
            algorithm = self.once(SPDX.checksumAlgorithm_sha256, SPDX.ChecksumAlgorithm)
            g.add((checksum, SPDX.algorithm, algorithm))
            g.add((checksum, SPDX.checksumValue, Literal(resource.sha256, datatype=XSD.hexBinary)))
            g.add((node, SPDX.checksum, checksum))
        return node


def catalog_graph(
    *,
    datasets: list,
    total: int,
    page: int,
    per_page: int,
    base: str,
    urls: dict,
    title: str,
    description: str,
    publisher_name: str,
    modified: dt.datetime | None,
) -> Graph:
    b = _Builder(base, urls)
    g = b.g
    catalog = b.uri(urls["catalog"])
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(title, lang=ZH)))
    g.add((catalog, DCTERMS.description, Literal(description, lang=ZH)))
    publisher = b.uri("/#publisher")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(publisher_name, lang=ZH)))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, b.once(b.uri("/sjkf/"), FOAF.Document)))
    g.add((catalog, DCTERMS.language, b.once(LANG_ZHO, DCTERMS.LinguisticSystem)))
    g.add(
        (
            catalog,
            DCAT.themeTaxonomy,
            b.once(THEMES, SKOS.ConceptScheme, title=Literal("Data theme", lang="en")),
        )
    )
    b.add(catalog, DCTERMS.modified, _dt(modified))
    g.add((catalog, HYDRA.totalItems, Literal(total, datatype=XSD.integer)))
    last = max(1, -(-total // per_page))
    view = URIRef(f"{catalog}?page={page}")
    g.add((catalog, HYDRA.view, view))
    g.add((view, RDF.type, HYDRA.PartialCollectionView))
    g.add((view, HYDRA.first, URIRef(f"{catalog}?page=1")))
    g.add((view, HYDRA.last, URIRef(f"{catalog}?page={last}")))
    if page > 1:
        g.add((view, HYDRA.previous, URIRef(f"{catalog}?page={page - 1}")))
    if page < last:
        g.add((view, HYDRA.next, URIRef(f"{catalog}?page={page + 1}")))
    g.add((view, HYDRA.itemsPerPage, Literal(per_page, datatype=XSD.integer)))
    for dataset in datasets:
        g.add((catalog, DCAT.dataset, b.dataset(dataset)))
    return g
