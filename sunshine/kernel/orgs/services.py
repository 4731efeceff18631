"""Writes to the agency tree. Each one audited in its transaction."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.audit.services import record_event

from .models import Agency, Region

AGENCY_FIELDS = ("name", "short_name", "kind", "doc_prefix", "org_code", "credit_code", "sort")


def _snapshot(agency: Agency) -> dict:
    return {f: getattr(agency, f) for f in AGENCY_FIELDS} | {
        "parent": agency.parent_id,
        "region": agency.region_id,
    }


def _set_path(agency: Agency) -> None:
    parent_path = agency.parent.path if agency.parent_id else "/"
    agency.path = f"{parent_path}{agency.pk}/"
    agency.depth = parent_path.count("/") - 1


@transaction.atomic
def create_agency(
    *,
    actor=None,
    name: str,
    region: Region,
    org_code: str,
    credit_code: str,
    parent: Agency | None = None,
    short_name: str = "",
    kind: str = "department",
    doc_prefix: str = "",
    sort: int = 100,
) -> Agency:
    agency = Agency(
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        region=region,
        doc_prefix=doc_prefix,
        org_code=org_code,
        credit_code=credit_code.upper(),
        sort=sort,
    )
    agency.full_clean(exclude=["path", "depth"])
    agency.save()
    _set_path(agency)
    agency.save(update_fields=["path", "depth"])
    record_event(
        action="agency.create",
        actor=actor,
        obj=agency,
        after=_snapshot(agency),
        summary=agency.name,
    )
    return agency


@transaction.atomic
def update_agency(*, actor, agency: Agency, **changes) -> Agency:
    before = _snapshot(agency)
    old_path = agency.path
    for key, value in changes.items():
        setattr(agency, key, value)
    agency.full_clean(exclude=["path", "depth"])
    if "parent" in changes:
        if agency.parent_id and agency.parent.path.startswith(old_path):
            raise ValidationError({"parent": _("上级机关不能是本机关或其下级机关。")})
        _set_path(agency)
    agency.save()
    if agency.path != old_path:  # move the subtree with it
        for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=agency.pk):
            child.path = agency.path + child.path[len(old_path) :]
            child.depth = child.path.count("/") - 2
            child.save(update_fields=["path", "depth"])
    record_event(
        action="agency.update",
        actor=actor,
        obj=agency,
        before=before,
        after=_snapshot(agency),
        data={"fields": sorted(changes)},
    )
    return agency


def ensure_region(code: str, name: str, parent: Region | None = None) -> Region:
    region, _created = Region.objects.get_or_create(
        code=code, defaults={"name": name, "parent": parent}
    )
    return region


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


CSV_COLUMNS = [
    "name",
    "short_name",
    "kind",
    "parent",
    "region_code",
    "region_name",
    "doc_prefix",
    "org_code",
    "credit_code",
]


def import_agencies_csv(*, actor=None, text: str) -> ImportReport:
    """CSV with the columns CSV_COLUMNS (parent by name). All rows or none: any bad row is
    reported by its line number and nothing is saved."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [
        c
        for c in ("name", "region_code", "org_code", "credit_code")
        if c not in (reader.fieldnames or [])
    ]
    if missing:
        report.errors.append(_("缺少列：%(cols)s") % {"cols": ", ".join(missing)})
        return report
    try:
        with transaction.atomic():
            for line, row in enumerate(reader, start=2):
                try:
                    _import_row(actor, row, report)
                except ValidationError as exc:
                    report.errors.append(
                        _("第%(line)d行：%(msg)s") % {"line": line, "msg": _flatten(exc)}
                    )
            if report.errors:
                raise _Rollback
    except _Rollback:
        report.created = report.updated = 0
    return report


class _Rollback(Exception):
    pass


def _flatten(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        parts = []
        for name, errors in exc.error_dict.items():
            label = (
                Agency._meta.get_field(name).verbose_name
                if name in {f.name for f in Agency._meta.fields}
                else name
            )
            parts.append(f"{label}：" + "；".join(str(m) for e in errors for m in e.messages))
        return "；".join(parts)
    return "；".join(exc.messages)


def _import_row(actor, row: dict, report: ImportReport) -> None:
    row = {k: (v or "").strip() for k, v in row.items() if k}
    parent = None
    if row.get("parent"):
        parent = Agency.objects.filter(name=row["parent"]).first()
        if parent is None:
            raise ValidationError(
                {
                    "parent": _("找不到上级机关“%(name)s”（须在本行之前或已存在）。")
                    % {"name": row["parent"]}
                }
            )
    from .codes import validate_region_code

    try:
        validate_region_code(row["region_code"])
    except ValidationError as exc:
        raise ValidationError({"region": exc.messages}) from None
    region = ensure_region(row["region_code"], row.get("region_name") or row["region_code"])
    fields = dict(
        short_name=row.get("short_name", ""),
        kind=row.get("kind") or "department",
        doc_prefix=row.get("doc_prefix", ""),
        org_code=row["org_code"],
        credit_code=row["credit_code"].upper(),
        region=region,
        parent=parent,
    )
    existing = Agency.objects.filter(name=row["name"]).first()
    if existing:
        update_agency(actor=actor, agency=existing, **fields)
        report.updated += 1
    else:
        create_agency(actor=actor, name=row["name"], **fields)
        report.created += 1
