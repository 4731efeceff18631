"""The 权力清单 as an XLSX table, import and export (one agency's list). The header row is

    事项编码 | 事项名称 | 事项类型 | 设定依据 | 实施主体 | 运行流程 | 责任事项 | 追责情形及依据 |
    关联政务服务事项编码 | 生效日期 | 修订说明

Import, all or nothing: every row is checked first; if any is wrong nothing is saved and every
problem is reported with its row number and column. A row whose 事项编码 is new creates an
item; a row for an existing item whose content differs adds a version in force from its 生效日期
(which must be later than the current version's, and is required then); an unchanged row is
left alone. Items missing from the file are left as they are (an import never repeals)."""

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

from . import services
from .choices import IMPORT_MAX_ROWS, IMPORT_SYNC_ROWS
from .models import PowerItem
from .validation import CONTENT_FIELDS, clean_code, clean_content, clean_kind, parse_date

COLUMNS = (
    Column("code", "事项编码", required=True, aliases=("编码", "事项代码", "权力编码"), width=18),
    Column("name", "事项名称", required=True, aliases=("权力事项名称", "职权名称"), width=30),
    Column("kind", "事项类型", required=True, aliases=("权力类型", "职权类型", "类型"), width=10),
    Column("basis", "设定依据", required=True, aliases=("法律依据", "实施依据"), width=40),
    Column("subject", "实施主体", aliases=("责任主体", "实施机关"), width=18),
    Column("process", "运行流程", aliases=("办理流程", "流程"), width=30),
    Column("responsibility", "责任事项", width=36),
    Column(
        "accountability", "追责情形及依据", aliases=("追责情形", "问责依据", "追责依据"), width=36
    ),
    Column("service_code", "关联政务服务事项编码", aliases=("政务服务事项编码",), width=18),
    Column("effective_from", "生效日期", aliases=("施行日期",), width=12),
    Column("note", "修订说明", aliases=("备注",), width=20),
)
LABEL_OF = {c.field: c.label for c in COLUMNS}
HEADER = [c.label for c in COLUMNS]
SHEET_TITLE = "权力清单"


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    revised: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)


def _errors_of(exc: ValidationError, row: int) -> list[RowError]:
    return [
        RowError(row, LABEL_OF.get(name, ""), message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


def _check_rows(agency, rows) -> tuple[list[dict], list[RowError]]:
    existing = {
        item.code: item
        for item in PowerItem.objects.filter(agency=agency).prefetch_related("versions")
    }
    plans, errors, seen = [], [], {}
    for number, raw in rows:
        found: list[RowError] = []
        plan = {"row": number}
        try:
            plan["code"] = clean_code(raw.get("code"))
        except ValidationError as exc:
            found += _errors_of(exc, number)
        try:
            plan["kind"] = clean_kind(raw.get("kind"))
        except ValidationError as exc:
            found += _errors_of(exc, number)
        try:
            plan["content"] = clean_content(raw, kind=plan.get("kind", ""))
        except ValidationError as exc:
            found += _errors_of(exc, number)
        plan["effective_from"] = None
        if raw.get("effective_from"):
            try:
                plan["effective_from"] = parse_date(raw["effective_from"])
            except ValidationError as exc:
                found += _errors_of(exc, number)
        plan["note"] = raw.get("note", "")
        code = plan.get("code")
        if code and code in seen:
            found.append(
                RowError(
                    number, LABEL_OF["code"], _("与第 %(n)s 行的事项编码重复。") % {"n": seen[code]}
                )
            )
        elif code:
            seen[code] = number
        item = existing.get(code) if code else None
        plan["item"] = item
        if item is not None and not found:
            latest = max(item.versions.all(), key=lambda v: v.number)
            same = plan["kind"] == item.kind and plan["content"] == {
                name: getattr(latest, name) for name in CONTENT_FIELDS
            }
            plan["unchanged"] = same
            if not same:
                day = plan["effective_from"]
                if day is None:
                    found.append(
                        RowError(
                            number,
                            LABEL_OF["effective_from"],
                            _("调整已有事项须填写新版本的生效日期。"),
                        )
                    )
                elif day <= latest.effective_from:
                    found.append(
                        RowError(
                            number,
                            LABEL_OF["effective_from"],
                            _("生效日期须晚于现行版本的生效日期 %(d)s。")
                            % {"d": latest.effective_from.isoformat()},
                        )
                    )
        errors += found
        if not found:
            plans.append(plan)
    return plans, errors


def import_powers(*, agency, actor, uploaded_file, progress=None) -> ImportResult:
    """Create and revise the agency's items from an XLSX file, all or nothing, now. Raises
    TableImportError listing every bad row (nothing saved), ValidationError when the file is
    not a readable XLSX or is too large."""
    require(actor, "power.edit", agency)
    rows, errors = read_table(uploaded_file, COLUMNS, max_rows=max_rows(), progress=progress)
    if errors:
        raise TableImportError(errors)
    if not rows:
        raise ValidationError(_("文件中没有权力事项。"))
    plans, errors = _check_rows(agency, rows)
    if errors:
        raise TableImportError(errors)
    return _save(agency=agency, actor=actor, plans=plans, name=getattr(uploaded_file, "name", ""))


JOB_KIND = "powers.import"


def max_rows() -> int:
    """The most rows one import takes (more: refused, split the file)."""
    return int(getattr(settings, "POWER_IMPORT_MAX_ROWS", IMPORT_MAX_ROWS))


def sync_rows() -> int:
    """Up to this many rows an import runs inside the request; a larger file is a FileJob."""
    return int(getattr(settings, "POWER_IMPORT_SYNC_ROWS", IMPORT_SYNC_ROWS))


def start_import(*, agency, actor, uploaded_file) -> ImportResult | FileJob:
    """import_powers now for a file of at most sync_rows() rows; a larger one (up to
    IMPORT_MAX_ROWS) is queued as a background FileJob (the caller shows its page). A file
    over the cap or too large is refused before anything is read."""
    require(actor, "power.edit", agency)
    from .tasks import run_power_import

    return start_table_import(
        uploaded_file,
        max_rows=max_rows(),
        sync_rows=sync_rows(),
        run_now=lambda: import_powers(agency=agency, actor=actor, uploaded_file=uploaded_file),
        job={
            "kind": JOB_KIND,
            "title": _("导入权力清单：%(agency)s（%(name)s）")
            % {"agency": agency.name, "name": getattr(uploaded_file, "name", "")},
            "actor": actor,
            "agency": agency,
            "task": run_power_import,
        },
    )


def report_of(result: ImportResult) -> dict:
    return {
        "created": len(result.created),
        "updated": len(result.revised),
        "unchanged": len(result.unchanged),
    }


def run_import_job(job_id: int) -> str:
    """The body of the background import (tasks.run_power_import)."""
    return run_table_import_job(
        job_id,
        perform=lambda job, upload, progress: import_powers(
            agency=job.agency, actor=job.created_by, uploaded_file=upload, progress=progress
        ),
        report_of=report_of,
    )


@transaction.atomic
def _save(*, agency, actor, plans, name) -> ImportResult:
    result = ImportResult()
    for plan in plans:
        note = plan["note"] or _("导入（第 %(n)s 行）") % {"n": plan["row"]}
        if plan["item"] is None:
            item = services.create_item(
                actor=actor,
                agency=agency,
                code=plan["code"],
                kind=plan["kind"],
                effective_from=plan["effective_from"] or clock.today(),
                note=plan["note"],
                **plan["content"],
            )
            result.created.append(item.pk)
        elif plan["unchanged"]:
            result.unchanged.append(plan["item"].pk)
        else:
            services.revise_item(
                actor=actor,
                item=plan["item"],
                kind=plan["kind"],
                effective_from=plan["effective_from"],
                note=note,
                **plan["content"],
            )
            result.revised.append(plan["item"].pk)
    record_event(
        action="power.import",
        actor=actor,
        agency=agency,
        summary=_("导入权力清单：新增 %(c)s 项，调整 %(r)s 项，未变 %(u)s 项")
        % {"c": len(result.created), "r": len(result.revised), "u": len(result.unchanged)},
        data={
            "file": name,
            "rows": len(plans),
            "created": result.created[:500],
            "revised": result.revised[:500],
        },
    )
    return result


def export_powers(agency, *, on=None) -> bytes:
    """The agency's items, each as its version in force (or latest), as an XLSX file in the
    import layout (so an exported file can be edited and imported again)."""
    from .selectors import items_of, version_on

    rows = []
    for item in items_of(agency):
        version = version_on(item, on=on)
        rows.append(
            [
                item.code,
                version.name,
                str(item.get_kind_display()),
                version.basis,
                version.subject,
                version.process,
                version.responsibility,
                version.accountability,
                version.service_code,
                version.effective_from.isoformat(),
                version.note,
            ]
        )
    return write_table(SHEET_TITLE, COLUMNS, rows)
