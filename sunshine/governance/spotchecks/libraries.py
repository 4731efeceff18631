"""The two libraries (两库) of an agency as XLSX tables, imported all or nothing: every row is
checked first; if any is wrong nothing is saved and every problem is named with its row and
column. The file is the library: rows update the entries with the same key (统一社会信用代码 /
执法证号) or add new ones, and entries missing from the file leave the library (kept, marked not
in it, so past draws still name them).

    检查对象名录库: 统一社会信用代码 | 名称 | 类别 | 地址 | 所属监管单位
    执法检查人员名录库: 执法证号 | 姓名 | 所在单位 | 申报回避对象（统一社会信用代码，以“、”分隔）
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.files.table_jobs import run_table_import_job, start_table_import
from sunshine.kernel.files.tables import Column, RowError, TableImportError, read_table, write_table
from sunshine.kernel.orgs.codes import validate_credit_code

from .choices import IMPORT_MAX_ROWS, IMPORT_SYNC_ROWS
from .models import CheckTarget, Inspector

TARGET_COLUMNS = (
    Column(
        "code", "统一社会信用代码", required=True, aliases=("信用代码", "社会信用代码"), width=22
    ),
    Column(
        "name", "名称", required=True, aliases=("检查对象名称", "企业名称", "单位名称"), width=30
    ),
    Column("category", "类别", aliases=("行业类别", "对象类别"), width=14),
    Column("address", "地址", aliases=("住所", "经营场所"), width=30),
    Column("unit", "所属监管单位", aliases=("监管单位", "属地监管单位"), width=18),
)
INSPECTOR_COLUMNS = (
    Column("badge", "执法证号", required=True, aliases=("执法证件号", "执法证编号"), width=16),
    Column("name", "姓名", required=True, width=10),
    Column("unit", "所在单位", aliases=("所在科室", "单位"), width=18),
    Column("conflicts", "申报回避对象", aliases=("回避对象", "回避"), width=40),
)
_SPLIT = re.compile(r"[、，,；;\s]+")


@dataclass
class LibraryResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    ids: list[int] = field(default_factory=list)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _limit(value: str, limit: int, number: int, label: str, found: list) -> str:
    if len(value) > limit:
        found.append(RowError(number, label, _("不能超过 %(n)s 个字符。") % {"n": limit}))
    return value[:limit]


def _check_targets(rows) -> tuple[list[dict], list[RowError]]:
    plans, errors, seen = [], [], {}
    for number, raw in rows:
        found: list[RowError] = []
        code = _norm(raw.get("code", "")).upper()
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            found.append(RowError(number, "统一社会信用代码", " ".join(exc.messages)))
        name = _limit(_norm(raw.get("name", "")), 200, number, "名称", found)
        if not name:
            found.append(RowError(number, "名称", _("请填写名称。")))
        if code in seen:
            found.append(
                RowError(number, "统一社会信用代码", _("与第 %(n)s 行重复。") % {"n": seen[code]})
            )
        seen.setdefault(code, number)
        values = {
            "name": name,
            "category": _limit(_norm(raw.get("category", "")), 100, number, "类别", found),
            "address": _limit(_norm(raw.get("address", "")), 300, number, "地址", found),
            "unit": _limit(_norm(raw.get("unit", "")), 100, number, "所属监管单位", found),
        }
        errors += found
        if not found:
            plans.append({"key": code, "values": values})
    return plans, errors


def _check_inspectors(rows) -> tuple[list[dict], list[RowError]]:
    plans, errors, seen = [], [], {}
    for number, raw in rows:
        found: list[RowError] = []
        badge = _limit(_norm(raw.get("badge", "")).upper(), 40, number, "执法证号", found)
        if not badge:
            found.append(RowError(number, "执法证号", _("请填写执法证号。")))
        name = _limit(_norm(raw.get("name", "")), 50, number, "姓名", found)
        if not name:
            found.append(RowError(number, "姓名", _("请填写姓名。")))
        conflicts = []
        for code in _SPLIT.split(_norm(raw.get("conflicts", "")).upper()):
            if not code:
                continue
            try:
                validate_credit_code(code)
            except ValidationError:
                found.append(
                    RowError(
                        number,
                        "申报回避对象",
                        _("“%(c)s”不是有效的统一社会信用代码。") % {"c": code},
                    )
                )
            conflicts.append(code)
        if badge and badge in seen:
            found.append(
                RowError(number, "执法证号", _("与第 %(n)s 行重复。") % {"n": seen[badge]})
            )
        seen.setdefault(badge, number)
        values = {
            "name": name,
            "unit": _limit(_norm(raw.get("unit", "")), 100, number, "所在单位", found),
            "conflicts": sorted(set(conflicts)),
        }
        errors += found
        if not found:
            plans.append({"key": badge, "values": values})
    return plans, errors


def _import(
    *, agency, actor, uploaded_file, model, key, columns, check, action, label, progress=None
):
    require(actor, "spotcheck.manage", agency)
    rows, errors = read_table(uploaded_file, columns, max_rows=max_rows(), progress=progress)
    if errors:
        raise TableImportError(errors)
    if not rows:
        raise ValidationError(_("文件中没有数据行。"))
    plans, errors = check(rows)
    if errors:
        raise TableImportError(errors)
    result = LibraryResult()
    now = clock.now()
    with transaction.atomic():
        existing = {
            getattr(e, key): e for e in model.objects.select_for_update().filter(agency=agency)
        }
        for plan in plans:
            entry = existing.pop(plan["key"], None)
            if entry is None:
                entry = model.objects.create(
                    agency=agency, updated_at=now, **{key: plan["key"]}, **plan["values"]
                )
                result.added += 1
            elif entry.is_active and all(getattr(entry, k) == v for k, v in plan["values"].items()):
                result.unchanged += 1
            else:
                for name, value in plan["values"].items():
                    setattr(entry, name, value)
                entry.is_active, entry.updated_at = True, now
                entry.save()
                result.updated += 1
            result.ids.append(entry.pk)
        gone = [e.pk for e in existing.values() if e.is_active]
        result.removed = model.objects.filter(pk__in=gone).update(is_active=False, updated_at=now)
        record_event(
            action=action,
            actor=actor,
            agency=agency,
            summary=_("导入%(label)s：新增 %(a)s，修改 %(u)s，未变 %(n)s，移出 %(r)s")
            % {
                "label": label,
                "a": result.added,
                "u": result.updated,
                "n": result.unchanged,
                "r": result.removed,
            },
            data={"file": getattr(uploaded_file, "name", ""), "rows": len(plans)},
        )
    return result


def import_targets(*, agency, actor, uploaded_file, progress=None) -> LibraryResult:
    """Replace the agency's 检查对象名录库 with the file's rows (all or nothing), now."""
    return _import(
        agency=agency,
        actor=actor,
        uploaded_file=uploaded_file,
        progress=progress,
        model=CheckTarget,
        key="code",
        columns=TARGET_COLUMNS,
        check=_check_targets,
        action="spotcheck.import_targets",
        label=_("检查对象名录库"),
    )


def import_inspectors(*, agency, actor, uploaded_file, progress=None) -> LibraryResult:
    """Replace the agency's 执法检查人员名录库 with the file's rows (all or nothing), now."""
    return _import(
        agency=agency,
        actor=actor,
        uploaded_file=uploaded_file,
        progress=progress,
        model=Inspector,
        key="badge",
        columns=INSPECTOR_COLUMNS,
        check=_check_inspectors,
        action="spotcheck.import_inspectors",
        label=_("执法检查人员名录库"),
    )


def _add(*, agency, actor, model, key, raw, columns, check, action, label):
    """One entry (the same checks as a file row), added or, with the same key, updated and
    back in the library. ValidationError by field (the column's field name)."""
    require(actor, "spotcheck.manage", agency)
    plans, errors = check([(1, {name: str(value or "") for name, value in raw.items()})])
    if errors:
        fields = {c.label: c.field for c in columns}
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(fields.get(error.column, "__all__"), []).append(error.message)
        raise ValidationError(by_field)
    plan, now = plans[0], clock.now()
    with transaction.atomic():
        entry, created = model.objects.select_for_update().update_or_create(
            agency=agency,
            **{key: plan["key"]},
            defaults={**plan["values"], "is_active": True, "updated_at": now},
        )
        record_event(
            action=action,
            actor=actor,
            obj=entry,
            agency=agency,
            summary=_("%(label)s%(how)s：%(name)s")
            % {"label": label, "how": _("新增") if created else _("修改"), "name": entry.name},
            data={"key": plan["key"], "created": created},
        )
    return entry


def add_target(*, agency, actor, **raw) -> CheckTarget:
    """Add one 检查对象 (code, name, category, address, unit) to the agency's library."""
    return _add(
        agency=agency,
        actor=actor,
        model=CheckTarget,
        key="code",
        raw=raw,
        columns=TARGET_COLUMNS,
        check=_check_targets,
        action="spotcheck.add_target",
        label=_("检查对象名录库"),
    )


def add_inspector(*, agency, actor, **raw) -> Inspector:
    """Add one 执法检查人员 (badge, name, unit, conflicts: codes separated by “、”)."""
    return _add(
        agency=agency,
        actor=actor,
        model=Inspector,
        key="badge",
        raw=raw,
        columns=INSPECTOR_COLUMNS,
        check=_check_inspectors,
        action="spotcheck.add_inspector",
        label=_("执法检查人员名录库"),
    )


IMPORTS = {"targets": import_targets, "inspectors": import_inspectors}
JOB_KIND = "spotchecks.import"


def library_label(kind: str) -> str:
    return _("检查对象名录库") if kind == "targets" else _("执法检查人员名录库")


def max_rows() -> int:
    """The most rows one library import takes (more: refused, split the file)."""
    return int(getattr(settings, "SPOTCHECK_IMPORT_MAX_ROWS", IMPORT_MAX_ROWS))


def sync_rows() -> int:
    """Up to this many rows an import runs inside the request; a larger file is a FileJob."""
    return int(getattr(settings, "SPOTCHECK_IMPORT_SYNC_ROWS", IMPORT_SYNC_ROWS))


def start_import(*, agency, actor, kind: str, uploaded_file) -> LibraryResult | FileJob:
    """Import library `kind` ("targets" or "inspectors") now for a file of at most
    sync_rows() rows; queue a larger one (up to IMPORT_MAX_ROWS) as a background FileJob (the
    caller shows its page). A file over the cap or too large is refused before it is read."""
    require(actor, "spotcheck.manage", agency)
    do_import = IMPORTS[kind]
    from .tasks import run_library_import

    return start_table_import(
        uploaded_file,
        max_rows=max_rows(),
        sync_rows=sync_rows(),
        run_now=lambda: do_import(agency=agency, actor=actor, uploaded_file=uploaded_file),
        job={
            "kind": JOB_KIND,
            "title": _("导入%(label)s：%(agency)s（%(name)s）")
            % {
                "label": library_label(kind),
                "agency": agency.name,
                "name": getattr(uploaded_file, "name", ""),
            },
            "actor": actor,
            "agency": agency,
            "task": run_library_import,
            "params": {"library": kind},
        },
    )


def report_of(result: LibraryResult) -> dict:
    return {
        "created": result.added,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "removed": result.removed,
    }


def run_import_job(job_id: int) -> str:
    """The body of the background import (tasks.run_library_import)."""
    return run_table_import_job(
        job_id,
        perform=lambda job, upload, progress: IMPORTS[job.params.get("library", "targets")](
            agency=job.agency, actor=job.created_by, uploaded_file=upload, progress=progress
        ),
        report_of=report_of,
    )


def export_targets(agency) -> bytes:
    rows = [
        [t.code, t.name, t.category, t.address, t.unit]
        for t in CheckTarget.objects.filter(agency=agency, is_active=True).order_by("id")
    ]
    return write_table("检查对象名录库", TARGET_COLUMNS, rows)


def export_inspectors(agency) -> bytes:
    rows = [
        [i.badge, i.name, i.unit, "、".join(i.conflicts)]
        for i in Inspector.objects.filter(agency=agency, is_active=True).order_by("id")
    ]
    return write_table("执法检查人员名录库", INSPECTOR_COLUMNS, rows)
