"""Writes of 数据开放. Each service checks the permission, writes, and records its audit event
in one transaction."""

import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.notify.publish import announce

from . import datastore, quality
from .choices import (
    GRANT_DEFAULT_DAYS,
    TABULAR_FORMATS,
    ApplicationStatus,
    DatasetState,
    FieldType,
    Frequency,
    Industry,
    License,
    OpenClass,
    ResourceFormat,
    ReviewState,
    Topic,
)
from .models import (
    AccessApplication,
    AccessGrant,
    CatalogReview,
    Dataset,
    DatasetField,
    DatasetTag,
    DatasetVersion,
    Resource,
)
from .rules import ACCESS_REVIEW, CATALOG_REVIEW

METADATA = (
    "title",
    "notes",
    "topic",
    "industry",
    "open_class",
    "open_conditions",
    "closed_reason",
    "closed_basis",
    "update_frequency",
    "license_id",
    "tags",
    "contact_name",
    "contact_email",
    "spatial",
)
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,99}$")
FIELD_NAME_RE = re.compile(r"^[^\s\"'\\]{1,64}$")
KEY_PREFIX = "sdk_"
RESERVED_NAMES = frozenset({"my", "feed", "api", "catalog"})  # portal paths under /sjkf/


# --- Catalog entries --------------------------------------------------------------------


def _validate(dataset: Dataset) -> None:
    errors = {}
    if not dataset.title.strip():
        errors["title"] = _("请填写名称。")
    if not dataset.notes.strip():
        errors["notes"] = _("请填写摘要。")
    choices = {
        "topic": Topic.values,
        "industry": Industry.values,
        "open_class": OpenClass.values,
        "update_frequency": Frequency.values,
        "license_id": License.values,
    }
    for field, allowed in choices.items():
        if getattr(dataset, field) not in allowed:
            errors[field] = _("请选择有效的值。")
    if dataset.open_class == OpenClass.CLOSED:
        # 不予开放 must say why and on what legal ground (rules.md §11).
        if not dataset.closed_reason.strip():
            errors["closed_reason"] = _("不予开放的数据须说明理由。")
        if not dataset.closed_basis.strip():
            errors["closed_basis"] = _("不予开放的数据须写明法律依据。")
    if dataset.open_class == OpenClass.CONDITIONAL and not dataset.open_conditions.strip():
        errors["open_conditions"] = _("有条件开放的数据须写明开放条件。")
    if not NAME_RE.match(dataset.name or "") or dataset.name in RESERVED_NAMES:
        errors["name"] = _("标识名只能包含小写字母、数字、连字符和下划线（2–100 个字符）。")
    if not isinstance(dataset.tags, list):
        errors["tags"] = _("关键词格式有误。")
    if errors:
        raise ValidationError(errors)


def _clean_tags(tags) -> list[str]:
    if isinstance(tags, str):
        tags = re.split(r"[,，;；\s]+", tags)
    seen = []
    for tag in tags or []:
        tag = str(tag).strip()[:100]
        if tag and tag not in seen:
            seen.append(tag)
    return seen[:30]


def _refresh(dataset: Dataset) -> None:
    """Recompute what is derived: formats, search text, quality score, tag rows."""
    fields = list(dataset.fields.all())
    resources = list(dataset.resources.all())
    # Padded with spaces, so that " CSV " finds one format exactly.
    dataset.formats = f" {' '.join(sorted({r.format for r in resources}))} "
    dataset.search_text = " ".join(
        [
            dataset.title,
            dataset.notes,
            " ".join(dataset.tags),
            dataset.agency.name,
            dataset.name,
            " ".join(f"{f.name} {f.title}" for f in fields),
        ]
    ).lower()
    dataset.quality_score = quality.assess(dataset, fields, resources, clock.today()).score
    dataset.save(update_fields=["formats", "search_text", "quality_score"])
    DatasetTag.objects.filter(dataset=dataset).delete()
    DatasetTag.objects.bulk_create([DatasetTag(dataset=dataset, name=t) for t in dataset.tags])


def _snapshot(dataset: Dataset) -> dict:
    return {field: getattr(dataset, field) for field in ("name", "state", *METADATA)}


@transaction.atomic
def create_dataset(*, agency, actor, name: str = "", **fields) -> Dataset:
    """A new catalog entry (draft) of `agency`."""
    now = clock.now()
    dataset = Dataset(
        agency=agency,
        name=(name or f"dataset-{uuid.uuid4().hex[:12]}").lower(),
        created_at=now,
        modified_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
        **{k: v for k, v in fields.items() if k in METADATA},
    )
    require(actor, "dataset.edit", dataset)
    dataset.tags = _clean_tags(dataset.tags)
    _validate(dataset)
    if Dataset.objects.filter(name=dataset.name).exists():
        raise ValidationError({"name": _("该标识名已被使用。")})
    dataset.save()
    _refresh(dataset)
    record_event(
        action="dataset.create",
        actor=actor,
        obj=dataset,
        summary=dataset.title,
        after=_snapshot(dataset),
    )
    return dataset


@transaction.atomic
def update_dataset(*, dataset: Dataset, actor, **changes) -> Dataset:
    require(actor, "dataset.edit", dataset)
    before = _snapshot(dataset)
    for field, value in changes.items():
        if field in METADATA:
            setattr(dataset, field, value)
    dataset.tags = _clean_tags(dataset.tags)
    _validate(dataset)
    if dataset.open_class == OpenClass.CLOSED and dataset.resources.exists():
        raise ValidationError(_("不予开放的数据不能挂接数据文件，请先删除数据文件。"))
    dataset.modified_at = clock.now()
    dataset.save()
    _refresh(dataset)
    record_event(
        action="dataset.update",
        actor=actor,
        obj=dataset,
        summary=dataset.title,
        before=before,
        after=_snapshot(dataset),
    )
    return dataset


@transaction.atomic
def set_schema(*, dataset: Dataset, actor, fields: list[dict]) -> list[DatasetField]:
    """Replace the dataset's 字段说明: dicts with name, title, type, unit, description."""
    require(actor, "dataset.edit", dataset)
    names, rows = set(), []
    for position, spec in enumerate(fields):
        name = str(spec.get("name", "")).strip()
        type_ = spec.get("type") or FieldType.STRING
        if not FIELD_NAME_RE.match(name):
            raise ValidationError(_("字段名“%(n)s”无效。") % {"n": name})
        if name in names:
            raise ValidationError(_("字段名“%(n)s”重复。") % {"n": name})
        if type_ not in FieldType.values:
            raise ValidationError(_("字段“%(n)s”的类型无效。") % {"n": name})
        names.add(name)
        rows.append(
            DatasetField(
                dataset=dataset,
                position=position,
                name=name,
                title=str(spec.get("title", ""))[:100],
                type=type_,
                unit=str(spec.get("unit", ""))[:30],
                description=str(spec.get("description", ""))[:300],
            )
        )
    DatasetField.objects.filter(dataset=dataset).delete()
    DatasetField.objects.bulk_create(rows)
    dataset.modified_at = clock.now()
    dataset.save(update_fields=["modified_at"])
    _refresh(dataset)
    record_event(
        action="dataset.schema",
        actor=actor,
        obj=dataset,
        summary=dataset.title,
        data={"fields": [r.name for r in rows]},
    )
    return rows


def _types(dataset: Dataset) -> dict:
    return dict(dataset.fields.values_list("name", "type"))


STORED_SUFFIX = {"CSV": ".txt", "JSON": ".txt", "XLSX": ".xlsx"}


@transaction.atomic
def add_resource(
    *,
    dataset: Dataset,
    actor,
    name: str,
    format: str,
    content: bytes | None = None,
    filename: str = "",
    url: str = "",
    description: str = "",
) -> Resource:
    """A file (CSV, XLSX, JSON; stored as a kernel attachment, its rows loaded into the
    datastore) or an API link. A file whose header names a column missing from the schema is
    refused when the dataset has a schema; when it has none yet, the file's header becomes the
    schema (types read from the values), for the officer to complete."""
    require(actor, "dataset.edit", dataset)
    return _add_resource(
        dataset=dataset,
        actor=actor,
        name=name,
        format=format,
        content=content,
        filename=filename,
        url=url,
        description=description,
    )


def _add_resource(*, dataset, actor, name, format, content, filename, url, description):
    if dataset.open_class == OpenClass.CLOSED:
        raise ValidationError(_("不予开放的数据不提供数据文件。"))
    if format not in ResourceFormat.values:
        raise ValidationError(_("不支持的格式。"))
    now = clock.now()
    last = dataset.resources.order_by("-position").first()
    resource = Resource(
        dataset=dataset,
        position=0 if last is None else last.position + 1,
        name=name.strip()[:200] or filename or format,
        description=description,
        format=format,
        created_at=now,
        modified_at=now,
    )
    header, rows, inferred = [], [], []
    if format == ResourceFormat.API:
        if not url.startswith(("https://", "http://")):
            raise ValidationError(_("请填写接口地址（http:// 或 https://）。"))
        resource.url = url
    else:
        if not content:
            raise ValidationError(_("请上传数据文件。"))
        header, rows = datastore.parse_table(content, format)
        types = _types(dataset)
        if types:
            missing = [h for h in header if h and h not in types]
            if missing:
                raise ValidationError(
                    _("文件的列“%(cols)s”不在字段说明中，请先补充字段说明。")
                    % {"cols": "、".join(missing[:10])}
                )
        else:
            inferred = _infer_schema(dataset, header, rows)
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", filename or dataset.name) or dataset.name
        resource.filename = f"{stem}.{format.lower()}"
        resource.size = len(content)
        resource.sha256 = hashlib.sha256(content).hexdigest()
    resource.save()
    if content:
        attachment = store_attachment(
            owner=resource,
            uploaded_file=ContentFile(content, name=stem + STORED_SUFFIX[format]),
            actor=actor,
            extract="no",
        )
        resource.attachment = attachment
        resource.row_count = datastore.load_rows(resource, header, rows, _types(dataset))
        resource.datastore_active = format in TABULAR_FORMATS
        resource.save(update_fields=["attachment", "row_count", "datastore_active"])
    dataset.data_updated_at = now
    dataset.modified_at = now
    dataset.save(update_fields=["data_updated_at", "modified_at"])
    _refresh(dataset)
    data = {"resource": str(resource.uuid), "format": format, "rows": resource.row_count}
    if inferred:
        data["schema_from_header"] = inferred
    record_event(
        action="dataset.resource_add",
        actor=actor,
        obj=dataset,
        summary=resource.name,
        data=data,
    )
    return resource


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
BOOLEAN_TEXT = frozenset({"true", "false", "是", "否"})


def guess_type(values: list) -> str:
    """The schema type of a column from its (up to 1,000 first) non-empty values."""
    seen = [v for v in values if v not in (None, "")][:1000]
    if not seen:
        return FieldType.STRING

    def every(test) -> bool:
        return all(test(v) for v in seen)

    if every(lambda v: isinstance(v, bool) or str(v).strip().lower() in BOOLEAN_TEXT):
        return FieldType.BOOLEAN
    if every(lambda v: not isinstance(v, bool) and re.fullmatch(r"-?\d{1,15}", str(v).strip())):
        return FieldType.INTEGER
    if every(lambda v: not isinstance(v, bool) and re.fullmatch(r"-?\d+(\.\d+)?", str(v).strip())):
        return FieldType.NUMBER
    if every(lambda v: DATE_RE.match(str(v).strip()[:10]) and len(str(v).strip()) == 10):
        return FieldType.DATE
    if every(lambda v: DATETIME_RE.match(str(v).strip())):
        return FieldType.DATETIME
    return FieldType.STRING


def _infer_schema(dataset: Dataset, header: list[str], rows: list[list]) -> list[str]:
    """The 字段说明 of a dataset that has none, from a file's header (names) and values (types).
    The officer adds the Chinese names, units and descriptions afterwards."""
    specs = []
    for index, name in enumerate(header):
        if not name:
            continue
        if not FIELD_NAME_RE.match(name) or name in [s.name for s in specs]:
            raise ValidationError(_("文件的列名“%(n)s”无效或重复。") % {"n": name})
        column = [row[index] if index < len(row) else None for row in rows]
        specs.append(
            DatasetField(
                dataset=dataset,
                position=len(specs),
                name=name,
                title="",
                type=guess_type(column),
            )
        )
    DatasetField.objects.bulk_create(specs)
    return [f"{s.name}:{s.type}" for s in specs]


@transaction.atomic
def delete_resource(*, resource: Resource, actor) -> None:
    require(actor, "dataset.edit", resource.dataset)
    _delete_resource(resource, actor)


def _delete_resource(resource: Resource, actor) -> None:
    dataset = resource.dataset
    data = {"resource": str(resource.uuid), "name": resource.name}
    resource.delete()  # its rows go with it; the attachment stays (audited, kept)
    dataset.modified_at = clock.now()
    dataset.save(update_fields=["modified_at"])
    _refresh(dataset)
    record_event(action="dataset.resource_delete", actor=actor, obj=dataset, data=data)


@transaction.atomic
def publish_dataset(*, dataset: Dataset, actor, note: str = "") -> DatasetVersion:
    """Publish the entry as a new version. An open entry needs at least one resource and a
    schema; a 不予开放 entry is published in the catalog without data."""
    require(actor, "dataset.publish", dataset)
    return _publish(dataset, actor, note)


def _publish(dataset: Dataset, actor, note: str) -> DatasetVersion:
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    _validate(dataset)
    resources = list(dataset.resources.all())
    if dataset.open_class != OpenClass.CLOSED:
        if not resources:
            raise ValidationError(_("开放的数据至少要有一个数据文件或接口。"))
        if not dataset.fields.exists():
            raise ValidationError(_("请先填写字段说明。"))
    now = clock.now()
    before = _snapshot(dataset)
    dataset.version += 1
    dataset.state = DatasetState.PUBLISHED
    dataset.published_at = dataset.published_at or now
    dataset.data_updated_at = dataset.data_updated_at or now
    dataset.modified_at = now
    dataset.save()
    _refresh(dataset)
    version = DatasetVersion.objects.create(
        dataset=dataset,
        number=dataset.version,
        note=note[:300],
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
        snapshot={
            **_snapshot(dataset),
            "fields": list(dataset.fields.values("name", "type", "unit", "description")),
            "resources": [
                {"id": str(r.uuid), "name": r.name, "format": r.format, "sha256": r.sha256}
                for r in resources
            ],
        },
    )
    record_event(
        action="dataset.publish",
        actor=actor,
        obj=dataset,
        summary=dataset.title,
        data={"version": version.number, "note": note[:300]},
        before=before,
        after=_snapshot(dataset),
    )
    announce(
        item=f"dataset.{dataset.pk}",
        version=str(version.number),
        title=dataset.title,
        url=f"/sjkf/{dataset.name}/",
        topics=["column.sjkf", f"agency.{dataset.agency_id}"],
        facets={"column": "sjkf", "agency": dataset.agency_id},
    )
    return version


@transaction.atomic
def withdraw_dataset(*, dataset: Dataset, actor, reason: str) -> Dataset:
    require(actor, "dataset.publish", dataset)
    if not reason.strip():
        raise ValidationError(_("请说明撤回理由。"))
    before = _snapshot(dataset)
    dataset.state = DatasetState.WITHDRAWN
    dataset.modified_at = clock.now()
    dataset.save(update_fields=["state", "modified_at"])
    record_event(
        action="dataset.withdraw",
        actor=actor,
        obj=dataset,
        summary=dataset.title,
        data={"reason": reason[:300]},
        before=before,
        after=_snapshot(dataset),
    )
    return dataset


def record_download(resource: Resource) -> None:
    """One download of a resource (counted on the resource and its dataset)."""
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
    Dataset.objects.filter(pk=resource.dataset_id).update(download_count=F("download_count") + 1)


def refresh_quality() -> int:
    """The daily job: timeliness changes with the date, so every published score is redone."""
    count = 0
    today = clock.today()
    for dataset in Dataset.objects.filter(state=DatasetState.PUBLISHED).prefetch_related(
        "fields", "resources"
    ):
        score = quality.assess(
            dataset, list(dataset.fields.all()), list(dataset.resources.all()), today
        ).score
        if score != dataset.quality_score:
            Dataset.objects.filter(pk=dataset.pk).update(quality_score=score)
            count += 1
    return count


# --- Generated datasets (sources.py) -----------------------------------------------------


def _source(key: str):
    from .sources import SOURCES

    source = SOURCES.find(key)
    if source is None:
        raise ValidationError({"source": _("没有这个数据来源。")})
    return source


def _generated_files(source, agency) -> list[tuple[str, bytes]]:
    """(format, bytes) of the source's table for `agency`, in each of its formats."""
    from . import tables

    header = [f["name"] for f in source.fields]
    rows = [list(row) for row in source.rows(agency)]
    return [(fmt, tables.encode(fmt, header, rows)) for fmt in source.formats]


def _load_generated(dataset: Dataset, actor, source, files) -> None:
    for fmt, content in files:
        _add_resource(
            dataset=dataset,
            actor=actor,
            name=f"{dataset.title}（{fmt}）",
            format=fmt,
            content=content,
            filename=f"{dataset.name}.{fmt.lower()}",
            url="",
            description=_("由平台“%(s)s”数据自动生成。") % {"s": source.label},
        )


@transaction.atomic
def create_generated_dataset(*, agency, actor, source: str, name: str = "", **fields) -> Dataset:
    """A catalog entry (draft) whose schema and files come from a registered source: the
    source's table for `agency` (and its subtree). `fields` override the suggested metadata."""
    spec = _source(source)
    require(actor, "dataset.edit", Dataset(agency=agency))
    metadata = {**spec.defaults, **{k: v for k, v in fields.items() if v not in (None, "")}}
    metadata = {k: v if isinstance(v, list) else str(v) for k, v in metadata.items()}
    dataset = create_dataset(agency=agency, actor=actor, name=name, **metadata)
    dataset.source = spec.key
    dataset.save(update_fields=["source"])
    set_schema(dataset=dataset, actor=actor, fields=list(spec.fields))
    _load_generated(dataset, actor, spec, _generated_files(spec, agency))
    return dataset


@transaction.atomic
def refresh_generated(*, dataset: Dataset, actor=None, note: str = "") -> bool:
    """Rebuild a generated dataset's files from its source. When the table changed, the files
    are replaced (their rows reloaded) and a published dataset gets a new version; unchanged,
    nothing is written. `actor` None is the daily job. Returns whether it changed."""
    if actor is not None:
        require(actor, "dataset.edit", dataset)
    if not dataset.source:
        raise ValidationError(_("该数据资源不是自动生成的。"))
    spec = _source(dataset.source)
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    files = _generated_files(spec, dataset.agency)
    old = {r.format: r.sha256 for r in dataset.resources.all()}
    new = {fmt: hashlib.sha256(content).hexdigest() for fmt, content in files}
    if old == new:
        return False
    for resource in list(dataset.resources.all()):
        _delete_resource(resource, actor)
    _load_generated(dataset, actor, spec, files)
    if dataset.state == DatasetState.PUBLISHED:
        _publish(dataset, actor, note or _("数据自动更新"))
    return True


def refresh_all_generated() -> dict:
    """The daily job: every generated dataset that is not withdrawn."""
    changed, failed = 0, []
    for dataset in Dataset.objects.exclude(source="").exclude(state=DatasetState.WITHDRAWN):
        try:
            changed += refresh_generated(dataset=dataset)
        except ValidationError:
            failed.append(dataset.name)  # its source is no longer registered, or bad data
    return {"changed": changed, "failed": failed}


# --- 有条件开放: applications and grants --------------------------------------------------


@transaction.atomic
def submit_application(
    *,
    dataset: Dataset,
    applicant,
    purpose: str,
    use_scenario: str,
    security_measures: str,
    organization: str = "",
) -> AccessApplication:
    """A signed-in user applies to use a published 有条件开放 dataset; the providing agency
    reviews it on the clock "opendata.access_review" (default 10 working days)."""
    if applicant is None or not applicant.is_authenticated:
        raise PermissionDenied(_("请先登录再申请。"))
    if dataset.state != DatasetState.PUBLISHED or dataset.open_class != OpenClass.CONDITIONAL:
        raise ValidationError(_("只有已发布的有条件开放数据需要申请。"))
    errors = {}
    for field, value in (
        ("purpose", purpose),
        ("use_scenario", use_scenario),
        ("security_measures", security_measures),
    ):
        if len(value.strip()) < 10:
            errors[field] = _("请至少写 10 个字。")
    if errors:
        raise ValidationError(errors)
    if AccessApplication.objects.filter(
        dataset=dataset, owner=applicant, status=ApplicationStatus.SUBMITTED
    ).exists():
        raise ValidationError(_("您对该数据的申请正在审核中。"))
    application = AccessApplication.objects.create(
        dataset=dataset,
        agency=dataset.agency,
        owner=applicant,
        organization=organization.strip()[:200],
        purpose=purpose.strip(),
        use_scenario=use_scenario.strip(),
        security_measures=security_measures.strip(),
        submitted_at=clock.now(),
    )
    start_clock(obj=application, rule=ACCESS_REVIEW, agency=dataset.agency, actor=applicant)
    record_event(
        action="dataset.apply",
        actor=applicant,
        obj=application,
        agency=dataset.agency,
        summary=dataset.title,
        data={"dataset": dataset.name},
    )
    return application


def _stop_review_clock(application: AccessApplication, actor, outcome: str) -> None:
    deadline = open_clock(application, ACCESS_REVIEW)
    if deadline is not None:
        stop_clock(clock=deadline, actor=actor, outcome=outcome, authorize=False)


def _new_key() -> tuple[str, str, str]:
    """(key, prefix, sha256): the key is shown once, the hash kept."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    return key, key[:12], hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def approve_application(
    *, application: AccessApplication, actor, terms: str, expires_on: dt.date | None = None
) -> AccessGrant:
    """同意: the grant with its terms and expiry. The applicant then draws the API key."""
    require(actor, "dataset.review_access", application)
    application = AccessApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("该申请已审核。"))
    if not terms.strip():
        raise ValidationError({"terms": _("请写明使用条件。")})
    today = clock.today()
    expires_on = expires_on or today + dt.timedelta(days=GRANT_DEFAULT_DAYS)
    if expires_on <= today:
        raise ValidationError({"expires_on": _("有效期应晚于今天。")})
    now = clock.now()
    application.status = ApplicationStatus.APPROVED
    application.decided_at, application.decided_by = now, actor
    application.decision_note = terms.strip()
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    grant = AccessGrant.objects.create(
        application=application,
        dataset=application.dataset,
        agency=application.agency,
        owner=application.owner,
        terms=terms.strip(),
        granted_at=now,
        expires_on=expires_on,
    )
    _stop_review_clock(application, actor, _("同意"))
    record_event(
        action="dataset.grant",
        actor=actor,
        obj=grant,
        agency=application.agency,
        summary=application.dataset.title,
        data={"application": application.pk, "expires_on": expires_on},
    )
    return grant


@transaction.atomic
def issue_key(*, grant: AccessGrant, actor) -> str:
    """The grantee draws a new API key (the old one stops working). Returned once."""
    if actor is None or grant.owner_id != actor.pk:
        raise PermissionDenied(_("只有被授权人可以生成密钥。"))
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None or grant.expires_on < clock.today():
        raise ValidationError(_("该授权已撤销或已过期。"))
    for _attempt in range(5):
        key, prefix, digest = _new_key()
        if not AccessGrant.objects.filter(key_prefix=prefix).exists():
            break
    grant.key_prefix, grant.key_hash, grant.key_issued_at = prefix, digest, clock.now()
    grant.save(update_fields=["key_prefix", "key_hash", "key_issued_at"])
    record_event(
        action="dataset.key_issue",
        actor=actor,
        obj=grant,
        summary=grant.dataset.title,
        data={"key_prefix": prefix},
    )
    return key


@transaction.atomic
def reject_application(*, application: AccessApplication, actor, reason: str):
    require(actor, "dataset.review_access", application)
    application = AccessApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("该申请已审核。"))
    if not reason.strip():
        raise ValidationError({"reason": _("不予同意须说明理由。")})
    application.status = ApplicationStatus.REJECTED
    application.decided_at, application.decided_by = clock.now(), actor
    application.decision_note = reason.strip()
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    _stop_review_clock(application, actor, _("不予同意"))
    record_event(
        action="dataset.reject",
        actor=actor,
        obj=application,
        summary=application.dataset.title,
        data={"reason": reason[:300]},
    )
    return application


@transaction.atomic
def withdraw_application(*, application: AccessApplication, actor):
    if actor is None or application.owner_id != actor.pk:
        raise PermissionDenied(_("只有申请人可以撤回申请。"))
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("该申请已审核，不能撤回。"))
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    _stop_review_clock(application, actor, _("申请人撤回"))
    record_event(action="dataset.apply_withdraw", actor=actor, obj=application)
    return application


@transaction.atomic
def revoke_grant(*, grant: AccessGrant, actor, reason: str) -> AccessGrant:
    require(actor, "dataset.review_access", grant)
    if grant.revoked_at is not None:
        raise ValidationError(_("该授权已撤销。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请说明撤销理由。")})
    grant.revoked_at, grant.revoked_by, grant.revoke_reason = clock.now(), actor, reason[:300]
    grant.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    record_event(
        action="dataset.revoke",
        actor=actor,
        obj=grant,
        summary=grant.dataset.title,
        data={"reason": reason[:300], "key_prefix": grant.key_prefix},
    )
    return grant


def use_key(key: str, dataset: Dataset) -> AccessGrant | None:
    """The grant an API key stands for on `dataset`, if it is valid today (not revoked, not
    expired); the use is counted. Compared by hash in constant time."""
    key = (key or "").strip()
    if not key.startswith(KEY_PREFIX) or len(key) < 20:
        return None
    grant = AccessGrant.objects.filter(key_prefix=key[:12], dataset=dataset).first()
    if grant is None:
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    if not hmac.compare_digest(digest, grant.key_hash):
        return None
    if grant.revoked_at is not None or grant.expires_on < clock.today():
        return None
    AccessGrant.objects.filter(pk=grant.pk).update(
        last_used_at=clock.now(), use_count=F("use_count") + 1
    )
    return grant


# --- The yearly review of an agency's catalog ---------------------------------------------


@transaction.atomic
def open_catalog_review(*, agency, actor=None) -> CatalogReview:
    """Open this year's review of the agency's 数据资源目录 (idempotent)."""
    if actor is not None:
        require(actor, "dataset.catalog_review", CatalogReview(agency=agency))
    year = clock.today().year
    review, created = CatalogReview.objects.get_or_create(
        agency=agency, year=year, defaults={"opened_at": clock.now()}
    )
    if created:
        start_clock(obj=review, rule=CATALOG_REVIEW, agency=agency, actor=actor)
        record_event(
            action="dataset.catalog_review_open",
            actor=actor,
            obj=review,
            agency=agency,
            summary=f"{agency} {year}",
        )
    return review


@transaction.atomic
def complete_catalog_review(*, review: CatalogReview, actor, note: str = "") -> CatalogReview:
    require(actor, "dataset.catalog_review", review)
    if review.state != ReviewState.OPEN:
        raise ValidationError(_("该审核已经完成。"))
    now = clock.now()
    review.state, review.completed_at, review.completed_by = ReviewState.COMPLETED, now, actor
    review.note = note.strip()
    review.save(update_fields=["state", "completed_at", "completed_by", "note"])
    reviewed = Dataset.objects.filter(agency=review.agency).update(reviewed_at=now)
    deadline = open_clock(review, CATALOG_REVIEW)
    if deadline is not None:
        stop_clock(clock=deadline, actor=actor, outcome=_("审核完成"), authorize=False)
    record_event(
        action="dataset.catalog_review_complete",
        actor=actor,
        obj=review,
        summary=f"{review.agency} {review.year}",
        data={"datasets": reviewed, "note": note[:300]},
    )
    return review


def open_due_reviews() -> dict:
    """The daily job: from 1 December, every agency with entries and no review this year gets
    one (on its 20-wd clock, so it ends before the year does in most years)."""
    today = clock.today()
    if today.month != 12:
        return {"opened": 0}
    from sunshine.kernel.orgs.models import Agency

    with_entries = Dataset.objects.values("agency_id")
    reviewed = CatalogReview.objects.filter(year=today.year).values("agency_id")
    opened = 0
    for agency in Agency.objects.filter(pk__in=with_entries).exclude(pk__in=reviewed):
        open_catalog_review(agency=agency)
        opened += 1
    return {"opened": opened}
