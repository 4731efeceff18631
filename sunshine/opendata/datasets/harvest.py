"""采集 (harvesting): import the datasets of another catalog into an agency's 数据资源目录.

Two kinds of source (`HarvestSource`): a CKAN site, read with the real CKAN client
(`ckanapi`: package_search, paged), and a DCAT file (Turtle, RDF/XML or JSON-LD, read with
rdflib) fetched from a URL or uploaded. A run:

1. reads the source into `Remote` entries (no database write; network only to the URL the staff
   entered — http(s), its host not private, loopback or link-local unless
   `settings.OPENDATA_HARVEST_ALLOW_PRIVATE`; resource files downloaded only from that same
   host, at most `OPENDATA_HARVEST_MAX_BYTES` each, other files kept as links);
2. writes each entry in its own transaction through the catalog services (so every write is
   checked, audited and versioned like an officer's): new → created (and published when the
   source says so and the data allows it), its content hash changed → updated (files replaced,
   a new version), same hash → unchanged; an entry that fails is rolled back alone and
   reported with its reason;
3. withdraws (with the reason 来源已删除) the entries harvested earlier whose remote dataset is
   no longer at the source, and reports them.

The run's counts and per-entry report are kept on a `HarvestRun`. Runs act as the staff member
who started them; the periodic job and `manage.py harvest` as the one who set the source up
(their permissions are checked as for any write)."""

import dataclasses
import hashlib
import json
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock, netguard
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.services import store_attachment

from . import services
from .choices import (
    FREQUENCY_EU,
    LICENSE_URLS,
    DatasetState,
    FieldType,
    Frequency,
    Industry,
    License,
    OpenClass,
    Topic,
)
from .harvest_choices import HarvestKind, HarvestSchedule, ResourceMode, RunState
from .harvest_models import HarvestRecord, HarvestRun, HarvestSource
from .models import Dataset

USER_AGENT = "sunshine-harvester/1.0"
TIMEOUT = 30
PAGE_ROWS = 100
FILE_FORMATS = ("CSV", "XLSX", "JSON")
GONE_REASON = "来源已删除该数据资源"


class HarvestError(Exception):
    """The source as a whole cannot be read (the run fails with this message)."""


def max_bytes() -> int:
    return int(getattr(settings, "OPENDATA_HARVEST_MAX_BYTES", 20 * 1024 * 1024))


def max_datasets() -> int:
    return int(getattr(settings, "OPENDATA_HARVEST_MAX_DATASETS", 2000))


# --- Network: only to the source the staff entered --------------------------------------


def check_url(url: str) -> None:
    """Refuse what a harvest must not fetch: other schemes (file://, ftp://…), and hosts that
    are private, loopback, link-local or reserved (unless the setting allows, as tests do)."""
    reason = netguard.refused_reason(
        url, allow_private=getattr(settings, "OPENDATA_HARVEST_ALLOW_PRIVATE", False)
    )
    if reason == netguard.SCHEME:
        raise ValidationError(_("采集地址必须以 http:// 或 https:// 开头。"))
    if reason == netguard.UNRESOLVABLE:
        raise ValidationError(_("无法解析采集地址的主机名。"))
    if reason == netguard.PRIVATE:
        raise ValidationError(_("不能从内网或本机地址采集。"))


def _same_origin(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)


def fetch(url: str, *, limit: int | None = None) -> tuple[bytes, str]:
    """GET `url` (checked), at most `limit` bytes, no redirect: (content, content type)."""
    import requests

    check_url(url)
    limit = limit or max_bytes()
    try:
        with requests.get(
            url,
            timeout=TIMEOUT,
            stream=True,
            allow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        ) as response:
            if response.status_code != 200:
                raise HarvestError(
                    _("%(url)s 返回 HTTP %(code)s。") % {"url": url, "code": response.status_code}
                )
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise HarvestError(
                        _("文件超过 %(n)s MB 的采集上限。") % {"n": limit // (1024 * 1024)}
                    )
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("Content-Type", "")
    except requests.RequestException as exc:
        raise HarvestError(
            _("无法访问 %(url)s：%(e)s") % {"url": url, "e": type(exc).__name__}
        ) from None


# --- What a source says ---------------------------------------------------------------------


@dataclasses.dataclass
class RemoteResource:
    name: str
    format: str  # CSV, XLSX, JSON or "" (another format: kept as a link)
    url: str
    description: str = ""
    content: bytes | None = None  # downloaded
    note: str = ""


@dataclasses.dataclass
class Remote:
    remote_id: str
    name: str
    title: str
    notes: str
    page: str = ""
    tags: list = dataclasses.field(default_factory=list)
    license_id: str = ""
    topic: str = ""
    industry: str = ""
    update_frequency: str = ""
    open_class: str = OpenClass.UNCONDITIONAL
    open_conditions: str = ""
    closed_reason: str = ""
    closed_basis: str = ""
    contact_name: str = ""
    contact_email: str = ""
    spatial: str = ""
    fields: list = dataclasses.field(default_factory=list)
    resources: list = dataclasses.field(default_factory=list)

    def digest(self) -> str:
        data = dataclasses.asdict(self)
        for resource in data["resources"]:
            content = resource.pop("content")
            resource["sha256"] = hashlib.sha256(content).hexdigest() if content else ""
            resource.pop("note")
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


LICENSE_ALIASES = {
    "cc-by": "CC-BY-4.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-zero": "CC0-1.0",
    "cc0": "CC0-1.0",
    "cc0-1.0": "CC0-1.0",
    "odc-pddl": "CC0-1.0",
    "gd-open-data": "gd-open-data",
}
for _id, _url in LICENSE_URLS.items():
    LICENSE_ALIASES[_url.lower().rstrip("/")] = _id
LICENSE_ALIASES["http://creativecommons.org/licenses/by/4.0"] = "CC-BY-4.0"
LICENSE_ALIASES["http://creativecommons.org/publicdomain/zero/1.0"] = "CC0-1.0"
FREQUENCY_FROM_EU = {code: ours for ours, code in FREQUENCY_EU.items()}
FREQUENCY_FROM_EU.update({"ANNUAL": "yearly", "CONT": "realtime", "UPDATE_CONT": "realtime"})
MEDIA_FORMATS = {
    "text/csv": "CSV",
    "application/json": "JSON",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
}


def _license(value: str) -> str:
    value = (value or "").strip()
    if value in License.values:
        return value
    return LICENSE_ALIASES.get(value.lower().rstrip("/"), "")


def _format(*hints: str) -> str:
    """CSV / XLSX / JSON from a format name, an EU file-type or IANA media type IRI, or a URL."""
    for hint in hints:
        text = (hint or "").strip()
        if not text:
            continue
        upper = text.rsplit("/", 1)[-1].upper()
        if upper in FILE_FORMATS:
            return upper
        for media, fmt in MEDIA_FORMATS.items():
            if text.lower().endswith(media):
                return fmt
        match = re.search(r"\.(csv|xlsx|json)(?:$|\?)", text.lower())
        if match:
            return match.group(1).upper()
    return ""


def _email(value: str) -> str:
    value = (value or "").removeprefix("mailto:").strip()
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", (text or "").lower()).strip("-_")
    return slug[:90]


def ckan_remotes(source: HarvestSource) -> list[Remote]:
    """The packages of a CKAN site (one organization's when the source names one)."""
    import ckanapi

    address = re.sub(r"/api(/3)?(/action)?/?$", "", source.url.rstrip("/"))
    check_url(address)
    fq = f'organization:"{source.organization}"' if source.organization else ""
    remotes, start = [], 0
    with ckanapi.RemoteCKAN(address, user_agent=USER_AGENT) as ckan:
        while True:
            try:
                page = ckan.call_action(
                    "package_search",
                    {"q": "", "fq": fq, "rows": PAGE_ROWS, "start": start, "sort": "name asc"},
                    requests_kwargs={"timeout": TIMEOUT},
                )
            except ckanapi.CKANAPIError as exc:
                raise HarvestError(_("CKAN 接口返回错误：%(e)s") % {"e": str(exc)[:300]}) from None
            except Exception as exc:  # requests' errors, a page that is not CKAN's JSON
                raise HarvestError(
                    _("无法读取 CKAN 接口 %(url)s：%(e)s")
                    % {"url": address, "e": type(exc).__name__}
                ) from None
            results = page.get("results") or []
            remotes += [_from_ckan(package, address) for package in results]
            start += len(results)
            if not results or start >= int(page.get("count") or 0):
                break
            if start >= max_datasets():
                raise HarvestError(_("来源的数据资源超过 %(n)s 个。") % {"n": max_datasets()})
    return remotes


def _from_ckan(package: dict, address: str) -> Remote:
    extras = {e.get("key"): e.get("value") or "" for e in package.get("extras") or []}
    groups = [g.get("name") for g in package.get("groups") or []]
    topic = extras.get("topic") or next((g for g in groups if g in Topic.values), "")
    name = package.get("name") or package.get("id") or ""
    return Remote(
        remote_id=str(package.get("id") or name),
        name=name,
        title=package.get("title") or name,
        notes=package.get("notes") or package.get("title") or name,
        page=package.get("url") if str(package.get("url") or "").startswith("http") else "",
        tags=[t.get("name") for t in package.get("tags") or [] if t.get("name")],
        license_id=_license(package.get("license_id") or ""),
        topic=topic if topic in Topic.values else "",
        industry=extras.get("industry", ""),
        update_frequency=extras.get("update_frequency", ""),
        open_class=extras.get("open_class") or OpenClass.UNCONDITIONAL,
        open_conditions=extras.get("open_conditions", ""),
        closed_reason=extras.get("closed_reason", ""),
        closed_basis=extras.get("closed_basis", ""),
        contact_name=package.get("maintainer") or "",
        contact_email=_email(package.get("maintainer_email") or ""),
        spatial=extras.get("spatial_text", ""),
        fields=[
            {
                "name": f.get("id") or f.get("name"),
                "title": f.get("title") or "",
                "type": f.get("type") if f.get("type") in FieldType.values else "string",
                "unit": f.get("unit") or "",
                "description": f.get("description") or "",
            }
            for f in package.get("schema") or []
            if isinstance(f, dict)
        ],
        resources=[
            RemoteResource(
                name=r.get("name") or r.get("format") or "",
                format=_format(r.get("format"), r.get("mimetype"), r.get("url")),
                url=urljoin(address + "/", r.get("url") or ""),
                description=r.get("description") or "",
            )
            for r in package.get("resources") or []
            if r.get("url")
        ],
    )


RDF_FORMATS = {
    ".ttl": "turtle",
    ".rdf": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


def dcat_remotes(source: HarvestSource) -> list[Remote]:
    """The dcat:Dataset nodes of the source's DCAT file (URL or upload)."""
    if source.url:
        content, content_type = fetch(source.url)
        hint = source.url
    elif source.attachment_id:
        with source.attachment.file.open("rb") as handle:
            content = handle.read(max_bytes() + 1)
        content_type, hint = "", source.filename
    else:
        raise HarvestError(_("该采集来源没有地址，也没有上传文件。"))
    return parse_dcat(content, hint=hint, content_type=content_type, base=source.url)


def parse_dcat(content: bytes, *, hint: str = "", content_type: str = "", base: str = "") -> list:
    from rdflib import Graph
    from rdflib.namespace import DCAT, DCTERMS, RDF

    suffix = re.search(r"\.[a-z]+(?=$|\?)", (hint or "").lower())
    first = RDF_FORMATS.get(suffix.group(0)) if suffix else None
    if "turtle" in content_type:
        first = "turtle"
    elif "ld+json" in content_type:
        first = "json-ld"
    elif "rdf+xml" in content_type:
        first = "xml"
    graph = None
    for fmt in dict.fromkeys([first, "turtle", "json-ld", "xml"]):
        if fmt is None or (fmt == "json-ld" and not _local_contexts(content)):
            continue
        try:
            graph = Graph().parse(data=content, format=fmt, publicID=base or None)
            break
        except Exception:
            graph = None
    if graph is None:
        raise HarvestError(_("无法解析 DCAT 文件（支持 Turtle、RDF/XML、JSON-LD）。"))
    nodes = sorted(set(graph.subjects(RDF.type, DCAT.Dataset)), key=str)
    if len(nodes) > max_datasets():
        raise HarvestError(_("来源的数据资源超过 %(n)s 个。") % {"n": max_datasets()})
    return [_from_dcat(graph, node, DCAT, DCTERMS) for node in nodes]


def _local_contexts(content: bytes) -> bool:
    """Whether a JSON-LD document is JSON whose every @context is inline: a context given by
    URL would make the parser fetch it, and the harvest fetches nothing but the source."""

    def remote(value) -> bool:
        if isinstance(value, dict):
            return any(
                (key == "@context" and _refers(item)) or remote(item) for key, item in value.items()
            )
        if isinstance(value, list):
            return any(remote(item) for item in value)
        return False

    try:
        document = json.loads(content)
    except ValueError:
        return False
    return not remote(document)


def _refers(context) -> bool:
    if isinstance(context, str):
        return True
    if isinstance(context, list):
        return any(isinstance(item, str) for item in context)
    return False


def _text(graph, node, predicate) -> str:
    values = list(graph.objects(node, predicate))
    for lang in ("zh", None, "en"):
        for value in sorted(values, key=str):
            if getattr(value, "language", None) == lang or (
                lang == "zh" and str(getattr(value, "language", "") or "").startswith("zh")
            ):
                return str(value).strip()
    return str(sorted(values, key=str)[0]).strip() if values else ""


def _from_dcat(graph, node, DCAT, DCTERMS) -> Remote:
    from rdflib import BNode, URIRef
    from rdflib.namespace import SKOS

    vcard = "http://www.w3.org/2006/vcard/ns#"
    identifier = _text(graph, node, DCTERMS.identifier) or (
        str(node) if isinstance(node, URIRef) else ""
    )
    title = _text(graph, node, DCTERMS.title)
    page = next((str(p) for p in graph.objects(node, DCAT.landingPage)), "")
    # A readable name: the landing page's last segment (our /sjkf/<name>/), else the IRI's.
    name_from = page.rstrip("/").rsplit("/", 1)[-1] if page else str(node).rsplit("/", 1)[-1]
    frequency = next((str(f) for f in graph.objects(node, DCTERMS.accrualPeriodicity)), "")
    remote = Remote(
        remote_id=identifier if not isinstance(node, BNode) or identifier else "",
        name=name_from.split("#")[0],
        title=title,
        notes=_text(graph, node, DCTERMS.description) or title,
        page=page if page.startswith("http") else "",
        tags=sorted({str(k).strip() for k in graph.objects(node, DCAT.keyword) if str(k).strip()}),
        update_frequency=FREQUENCY_FROM_EU.get(frequency.rsplit("/", 1)[-1], ""),
    )
    for theme in graph.objects(node, DCAT.theme):
        match = re.search(r"[?&]groups=([a-z]+)$", str(theme))
        if match and match.group(1) in Topic.values:
            remote.topic = match.group(1)
    for contact in graph.objects(node, DCAT.contactPoint):
        remote.contact_name = _text(graph, contact, URIRef(vcard + "fn"))
        email = next((str(e) for e in graph.objects(contact, URIRef(vcard + "hasEmail"))), "")
        remote.contact_email = _email(email)
    for place in graph.objects(node, DCTERMS.spatial):
        remote.spatial = _text(graph, place, SKOS.prefLabel)[:100]
    for rights in graph.objects(node, DCTERMS.accessRights):
        text = _text(graph, rights, DCTERMS.description) or str(rights)
        if text.startswith("有条件开放") or text.endswith("/RESTRICTED"):
            remote.open_class = OpenClass.CONDITIONAL
            remote.open_conditions = text.removeprefix("有条件开放").lstrip("：:") or _(
                "按来源平台的开放条件使用"
            )
        elif text.startswith("不予开放") or text.endswith("/NON_PUBLIC"):
            match = re.match(r"不予开放[：:](.*)（(.*)）$", text, re.S)
            remote.open_class = OpenClass.CLOSED
            remote.closed_reason = match.group(1) if match else text
            remote.closed_basis = match.group(2) if match else ""
    licenses = [str(x) for x in graph.objects(node, DCTERMS.license)]
    distributions = sorted(graph.objects(node, DCAT.distribution), key=str)
    for dist in distributions:
        licenses += [str(x) for x in graph.objects(dist, DCTERMS.license)]
        url = next(
            (str(u) for u in graph.objects(dist, DCAT.downloadURL)),
            next((str(u) for u in graph.objects(dist, DCAT.accessURL)), ""),
        )
        if not url.startswith(("http://", "https://")):
            continue
        fmt = _format(
            *[str(f) for f in graph.objects(dist, DCTERMS.format)],
            *[str(m) for m in graph.objects(dist, DCAT.mediaType)],
            url,
        )
        has_download = any(True for _u in graph.objects(dist, DCAT.downloadURL))
        remote.resources.append(
            RemoteResource(
                name=_text(graph, dist, DCTERMS.title) or fmt or _("数据文件"),
                format=fmt if has_download else "",
                url=url,
                description=_text(graph, dist, DCTERMS.description),
            )
        )
    remote.license_id = next((_license(x) for x in licenses if _license(x)), "")
    return remote


def read_source(source: HarvestSource) -> list[Remote]:
    remotes = ckan_remotes(source) if source.kind == HarvestKind.CKAN else dcat_remotes(source)
    seen = set()
    for remote in remotes:
        if remote.remote_id in seen:
            remote.remote_id = ""  # reported as failed: an identifier must be unique
        seen.add(remote.remote_id)
    return remotes


def download_files(source: HarvestSource, remote: Remote) -> None:
    """Download the remote's CSV/XLSX/JSON files from the source's own host (bounded); a file
    that cannot be fetched, or on another host, is kept as a link with a note."""
    if source.resource_mode != ResourceMode.DOWNLOAD or not source.url:
        return
    if remote.open_class != OpenClass.UNCONDITIONAL:
        return  # its files are not public at the source: links only
    for resource in remote.resources:
        if not resource.format:
            continue
        if not _same_origin(resource.url, source.url):
            resource.note = _("文件不在来源网站上，保留链接。")
            continue
        try:
            resource.content, _type = fetch(resource.url)
        except (HarvestError, ValidationError) as exc:
            resource.note = _("下载失败，保留链接：%(e)s") % {"e": _message(exc)}


# --- Writing ----------------------------------------------------------------------------------


def _message(exc) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)[:500]
    return str(exc)[:500]


def _metadata(source: HarvestSource, remote: Remote) -> dict:
    open_class = remote.open_class if remote.open_class in OpenClass.values else "unconditional"
    return {
        "title": remote.title[:200],
        "notes": remote.notes,
        "topic": remote.topic if remote.topic in Topic.values else source.topic,
        "industry": remote.industry if remote.industry in Industry.values else source.industry,
        "open_class": open_class,
        "open_conditions": remote.open_conditions,
        "closed_reason": remote.closed_reason,
        "closed_basis": remote.closed_basis[:300],
        "update_frequency": remote.update_frequency
        if remote.update_frequency in Frequency.values
        else Frequency.IRREGULAR,
        "license_id": remote.license_id or source.license_id,
        "tags": [str(t)[:100] for t in remote.tags][:30],
        "contact_name": remote.contact_name[:60],
        "contact_email": remote.contact_email,
        "spatial": remote.spatial[:100],
    }


def _free_name(source: HarvestSource, remote: Remote) -> str:
    base = _slug(remote.name) or _slug(remote.remote_id) or "dataset"
    if len(base) < 2:
        base = f"dataset-{base}"
    if not Dataset.objects.filter(name=base).exists() and base not in services.RESERVED_NAMES:
        return base
    candidate = f"{base}-h{source.pk}"
    n = 1
    while Dataset.objects.filter(name=candidate).exists():
        n += 1
        candidate = f"{base}-h{source.pk}-{n}"
    return candidate


def _load_files(dataset, actor, remote: Remote) -> list[str]:
    notes = []
    if dataset.open_class == OpenClass.CLOSED:
        return notes
    for resource in remote.resources:
        if resource.content:
            try:
                services.add_resource(
                    dataset=dataset,
                    actor=actor,
                    name=resource.name,
                    format=resource.format,
                    content=resource.content,
                    filename=resource.url.rstrip("/").rsplit("/", 1)[-1],
                    description=resource.description,
                )
                continue
            except ValidationError as exc:
                notes.append(f"{resource.name}：{_message(exc)}")
        elif resource.note:
            notes.append(f"{resource.name}：{resource.note}")
        services.add_resource(
            dataset=dataset,
            actor=actor,
            name=resource.name,
            format="API",
            url=resource.url[:500],
            description=resource.description,
        )
    return notes


def _publishable(dataset) -> bool:
    if dataset.open_class == OpenClass.CLOSED:
        return True
    return dataset.resources.exists() and dataset.fields.exists()


@transaction.atomic
def _write(source: HarvestSource, remote: Remote, actor, digest: str, may_publish: bool):
    """(outcome, dataset, notes) for one remote entry."""
    record = (
        HarvestRecord.objects.select_for_update()
        .filter(source=source, remote_id=remote.remote_id)
        .select_related("dataset")
        .first()
    )
    metadata = _metadata(source, remote)
    notes: list[str] = []
    if record is not None and record.content_hash == digest and record.gone_at is None:
        return "unchanged", record.dataset, notes
    if record is None:
        dataset = services.create_dataset(
            agency=source.agency, actor=actor, name=_free_name(source, remote), **metadata
        )
        outcome, republish = "created", source.publish
    else:
        dataset = record.dataset
        republish = dataset.state == DatasetState.PUBLISHED or (
            record.gone_at is not None and source.publish
        )
        for resource in list(dataset.resources.all()):
            services.delete_resource(resource=resource, actor=actor)
        dataset.refresh_from_db()
        services.update_dataset(dataset=dataset, actor=actor, **metadata)
        outcome = "updated"
    if remote.fields or record is not None:
        services.set_schema(dataset=dataset, actor=actor, fields=remote.fields)
    notes += _load_files(dataset, actor, remote)
    dataset.refresh_from_db()
    if republish:
        if not may_publish:
            notes.append(_("采集人没有发布权限，保存为草稿。"))
        elif _publishable(dataset):
            services.publish_dataset(
                dataset=dataset,
                actor=actor,
                note=_("采集自“%(s)s”") % {"s": source.name},
            )
        else:
            notes.append(_("来源没有可用的数据文件或字段说明，保存为草稿。"))
    now = clock.now()
    HarvestRecord.objects.update_or_create(
        source=source,
        remote_id=remote.remote_id,
        defaults={
            "dataset": dataset,
            "remote_name": remote.name[:200],
            "remote_url": remote.page[:500],
            "content_hash": digest,
            "harvested_at": now,
            "gone_at": None,
        },
    )
    dataset.refresh_from_db()
    return outcome, dataset, notes


@transaction.atomic
def _withdraw_gone(source: HarvestSource, record: HarvestRecord, actor) -> bool:
    record.gone_at = clock.now()
    record.save(update_fields=["gone_at"])
    dataset = record.dataset
    if dataset.state == DatasetState.PUBLISHED:
        services.withdraw_dataset(dataset=dataset, actor=actor, reason=_(GONE_REASON))
        return True
    return False


def _item(remote_id, title, outcome, reason="", dataset=None) -> dict:
    return {
        "id": remote_id,
        "title": title,
        "outcome": outcome,
        "reason": reason,
        "dataset": dataset.name if dataset is not None else "",
        "dataset_pk": dataset.pk if dataset is not None else None,
    }


def harvest(run: HarvestRun, *, actor, progress=None) -> HarvestRun:
    """Do the run (see the module's description). Never raises for a bad source: the run
    ends failed with the reason."""
    source = run.source
    run.state, run.started_at = RunState.RUNNING, clock.now()
    run.save(update_fields=["state", "started_at"])
    items: list[dict] = []
    try:
        if actor is None or not can(actor, "dataset.edit", Dataset(agency=source.agency)):
            raise HarvestError(_("采集人没有维护该机关数据资源目录的权限。"))
        remotes = read_source(source)
        may_publish = can(actor, "dataset.publish", Dataset(agency=source.agency))
        seen = set()
        for index, remote in enumerate(remotes):
            if progress:
                progress(index, len(remotes))
            if not remote.remote_id:
                items.append(_item("", remote.title, "failed", _("没有唯一标识，无法采集。")))
                continue
            seen.add(remote.remote_id)
            try:
                download_files(source, remote)
                outcome, dataset, notes = _write(
                    source, remote, actor, remote.digest(), may_publish
                )
                items.append(
                    _item(remote.remote_id, remote.title, outcome, "；".join(notes), dataset)
                )
            except (ValidationError, HarvestError, PermissionDenied) as exc:
                items.append(_item(remote.remote_id, remote.title, "failed", _message(exc)))
        gone = source.records.filter(gone_at__isnull=True).exclude(remote_id__in=seen)
        for record in gone.select_related("dataset"):
            withdrawn = _withdraw_gone(source, record, actor)
            items.append(
                _item(
                    record.remote_id,
                    record.dataset.title,
                    "withdrawn",
                    _(GONE_REASON) + ("" if withdrawn else _("（未发布，保留草稿）")),
                    record.dataset,
                )
            )
    except (HarvestError, ValidationError) as exc:
        run.state, run.error = RunState.FAILED, _message(exc)
    else:
        run.state = RunState.DONE
    counts = {k: sum(1 for i in items if i["outcome"] == k) for k in _OUTCOMES}
    for key, value in counts.items():
        setattr(run, key, value)
    run.report = {"items": items, "counts": counts}
    run.finished_at = clock.now()
    run.save()
    HarvestSource.objects.filter(pk=source.pk).update(last_run_at=run.finished_at)
    record_event(
        action="dataset.harvest",
        actor=actor,
        obj=source,
        agency=source.agency,
        summary=source.name,
        data={"run": run.pk, "state": run.state, **counts, "error": run.error[:300]},
    )
    return run


_OUTCOMES = ("created", "updated", "unchanged", "withdrawn", "failed")


# --- Sources and runs (services) -------------------------------------------------------------


def _read_upload(upload) -> bytes | None:
    if upload is None:
        return None
    upload.seek(0)
    content = upload.read(max_bytes() + 1)
    if len(content) > max_bytes():
        raise ValidationError({"file": _("文件过大。")})
    return content


def _check_upload(upload, content: bytes) -> str:
    """Why an uploaded DCAT file cannot be harvested ("" if it can): read it now, so that a
    wrong file is refused on the form, not discovered at the first run."""
    name = getattr(upload, "name", "") or ""
    try:
        remotes = parse_dcat(content, hint=name)
    except HarvestError as exc:
        return _("“%(f)s”不是可以读取的 DCAT 文件：%(e)s请重新选择文件。") % {
            "f": name,
            "e": _message(exc),
        }
    if not remotes:
        return _("“%(f)s”中没有数据集（dcat:Dataset），请重新选择文件。") % {"f": name}
    return ""


def _validate_source(source: HarvestSource, *, upload=None, content=None) -> None:
    errors = {}
    if upload is not None and source.kind != HarvestKind.DCAT:
        errors["file"] = _("只有 DCAT 来源可以上传文件。")
    elif upload is not None and (problem := _check_upload(upload, content)):
        errors["file"] = problem
    if not source.name.strip():
        errors["name"] = _("请填写名称。")
    if source.kind not in HarvestKind.values:
        errors["kind"] = _("请选择有效的值。")
    if source.kind == HarvestKind.CKAN and not source.url:
        errors["url"] = _("CKAN 来源须填写网站地址。")
    if source.kind == HarvestKind.DCAT and not (source.url or source.attachment_id or upload):
        errors["url"] = _("请填写 DCAT 文件地址，或上传 DCAT 文件。")
    if source.url:
        try:
            check_url(source.url)
        except ValidationError as exc:
            errors["url"] = exc.messages[0]
    for field, allowed in (
        ("schedule", HarvestSchedule.values),
        ("resource_mode", ResourceMode.values),
        ("topic", Topic.values),
        ("industry", Industry.values),
        ("license_id", License.values),
    ):
        if getattr(source, field) not in allowed:
            errors[field] = _("请选择有效的值。")
    if errors:
        raise ValidationError(errors)


SOURCE_FIELDS = (
    "name",
    "kind",
    "url",
    "schedule",
    "resource_mode",
    "publish",
    "organization",
    "topic",
    "industry",
    "license_id",
    "active",
)


def _store_file(source, actor, upload, content: bytes | None) -> None:
    if upload is None or content is None:
        return
    name = getattr(upload, "name", "") or "catalog.ttl"
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", name) or "catalog"
    source.attachment = store_attachment(
        owner=source,
        uploaded_file=ContentFile(content, name=stem + ".txt"),
        actor=actor,
        extract="no",
    )
    source.filename = name[:200]
    source.save(update_fields=["attachment", "filename"])


@transaction.atomic
def create_source(*, agency, actor, upload=None, **fields) -> HarvestSource:
    source = HarvestSource(
        agency=agency,
        created_by=actor,
        created_at=clock.now(),
        **{k: v for k, v in fields.items() if k in SOURCE_FIELDS},
    )
    require(actor, "dataset.edit", Dataset(agency=agency))
    content = _read_upload(upload)
    _validate_source(source, upload=upload, content=content)
    source.save()
    _store_file(source, actor, upload, content)
    record_event(
        action="dataset.harvest_source_create",
        actor=actor,
        obj=source,
        agency=agency,
        summary=source.name,
        data={"kind": source.kind, "url": source.url, "file": source.filename},
    )
    return source


@transaction.atomic
def update_source(*, source: HarvestSource, actor, upload=None, **changes) -> HarvestSource:
    require(actor, "dataset.edit", Dataset(agency=source.agency))
    before = {k: getattr(source, k) for k in SOURCE_FIELDS}
    for key, value in changes.items():
        if key in SOURCE_FIELDS and key != "kind":
            setattr(source, key, value)
    content = _read_upload(upload)
    _validate_source(source, upload=upload, content=content)
    # Only the settings: the run's own fields (last_run_at) may have moved meanwhile.
    source.save(update_fields=[k for k in SOURCE_FIELDS if k != "kind"])
    _store_file(source, actor, upload, content)
    record_event(
        action="dataset.harvest_source_update",
        actor=actor,
        obj=source,
        agency=source.agency,
        summary=source.name,
        before=before,
        after={k: getattr(source, k) for k in SOURCE_FIELDS},
    )
    return source


def new_run(source: HarvestSource, *, actor, trigger: str) -> HarvestRun:
    return HarvestRun.objects.create(
        source=source,
        agency=source.agency,
        trigger=trigger,
        started_by=actor if getattr(actor, "pk", None) else None,
        created_at=clock.now(),
    )


JOB_KIND = "opendata.harvest"


@transaction.atomic
def start_run(*, source: HarvestSource, actor) -> HarvestRun:
    """Queue a run of `source` as a background job (kernel FileJob); the page polls the run."""
    from sunshine.kernel.files.filejobs import start_file_job

    from .harvest_tasks import run_harvest_job

    require(actor, "dataset.edit", Dataset(agency=source.agency))
    if source.runs.filter(state__in=(RunState.QUEUED, RunState.RUNNING)).exists():
        raise ValidationError(_("该来源正在采集，请等待完成。"))
    run = new_run(source, actor=actor, trigger="manual")
    job = start_file_job(
        kind=JOB_KIND,
        title=_("采集：%(s)s") % {"s": source.name},
        actor=actor,
        agency=source.agency,
        task=run_harvest_job,
        params={"run": run.pk},
    )
    run.job = job
    run.save(update_fields=["job"])
    return run


def run_now(source: HarvestSource, *, actor=None, trigger: str = "command") -> HarvestRun:
    """Run `source` in this process (manage.py harvest, the periodic job, tests). `actor`
    None: the staff member who set the source up."""
    actor = actor or source.created_by
    return harvest(new_run(source, actor=actor, trigger=trigger), actor=actor)


def run_job(job_id: int) -> str:
    """The body of the background job (harvest_tasks.run_harvest_job)."""
    from sunshine.kernel.files.filejobs import claim_job, finish_job, report_progress

    job = claim_job(job_id)
    if job is None:
        return "gone"
    run = HarvestRun.objects.select_related("source__agency").get(pk=job.params["run"])
    if run.finished:
        finish_job(job_id, report={"run": run.pk})
        return "done"
    run = harvest(
        run,
        actor=job.created_by,
        progress=lambda done, total: report_progress(job_id, done=done, total=total),
    )
    finish_job(
        job_id,
        report={
            "run": run.pk,
            "created": run.created,
            "updated": run.updated,
            "unchanged": run.unchanged,
            "withdrawn": run.withdrawn,
            "failed": run.failed,
            "error": run.error,
        },
    )
    return run.state


def run_due(now=None) -> dict:
    """The periodic job: every active source whose schedule is due (daily; weekly after 7 days)."""
    import datetime as dt

    now = now or clock.now()
    done, failed = [], []
    for source in HarvestSource.objects.filter(active=True).exclude(schedule="manual"):
        period = dt.timedelta(days=1 if source.schedule == HarvestSchedule.DAILY else 7)
        if source.last_run_at and now - source.last_run_at < period - dt.timedelta(hours=1):
            continue
        if source.runs.filter(state__in=(RunState.QUEUED, RunState.RUNNING)).exists():
            continue
        run = run_now(source, trigger="schedule")
        (done if run.state == RunState.DONE else failed).append(source.pk)
    return {"done": done, "failed": failed}
