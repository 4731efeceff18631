"""Importing a session's attendance from a CSV file (签到表), as a kernel FileJob.

The file: UTF-8 (with or without BOM) or GB18030 text, a header line, then one line per
person. Columns (any order, Chinese or English headers): 邮箱 (required: the staff account),
姓名 (checked against the account when given), 状态 (参训/出席 or 缺席; empty = 参训), 学时
(empty = the session's hours; at most the session's), 证书编号.

All or nothing: every line is checked first; if any is wrong nothing is saved and each problem
is reported with its line number (the header is line 1) and column — on the job's page
(kernel FileJob report `row_errors`). A line names a person the importer may manage (their
agency) and, for an agency's session, one of that agency's staff. Importing the same file again
changes nothing (attendance is keyed by session and person).

`start_import` saves the upload as a FileJob; a file of at most IMPORT_SYNC_ROWS lines is
imported at once in the request (the job ends before the page shows it), a larger one by the
background task `run_attendance_import`."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.access.policy import can, can_anywhere
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.filejobs import start_file_job
from sunshine.kernel.files.table_jobs import run_table_import_job
from sunshine.kernel.files.tables import RowError, TableImportError, plain

from .choices import (
    CSV_COLUMNS,
    IMPORT_MAX_BYTES,
    IMPORT_MAX_ROWS,
    IMPORT_SYNC_ROWS,
    STATUS_WORDS,
)
from .models import Session
from .services import _attendance_values, _save_attendance, check_person

JOB_KIND = "training.import"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LABELS = {name: headers[0] for name, headers, _required in CSV_COLUMNS}


@dataclass
class ImportResult:
    session: Session
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)

    def report(self) -> dict:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "session": self.session.pk,
        }


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM dropped) or else GB18030. ValidationError when it is
    empty, too large, or not text."""
    if not data:
        raise ValidationError(_("文件为空。"))
    if len(data) > IMPORT_MAX_BYTES:
        raise ValidationError(
            _("文件过大，签到表不能超过 %(n)s MB。") % {"n": IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            break
        return text
    raise ValidationError(_("无法读取该文件：请上传 UTF-8 或 GBK 编码的 CSV 文本文件。"))


def _header(row: list[str]) -> dict[int, str]:
    spelled = {plain(h).lower(): name for name, headers, _r in CSV_COLUMNS for h in headers}
    found: dict[int, str] = {}
    for index, cell in enumerate(row):
        name = spelled.get(plain(cell).lower())
        if name and name not in found.values():
            found[index] = name
    return found


def parse(text: str) -> list[tuple[int, dict]]:
    """[(line number, {field: text})] of the non-empty lines after the header; a RowError list
    (TableImportError) when the header is missing or the file is not CSV."""
    reader = csv.reader(io.StringIO(text))
    try:
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        error = RowError(reader.line_num or 1, "", _("CSV 格式错误：%s") % exc)
        raise TableImportError([error]) from None
    lines = [(n, row) for n, row in lines if any(c.strip() for c in row)]
    if not lines:
        raise ValidationError(_("文件中没有内容。"))
    header_line, header_row = lines[0]
    columns = _header(header_row)
    if "email" not in columns.values():
        wanted = "、".join(headers[0] for _n, headers, _r in CSV_COLUMNS)
        raise TableImportError(
            [
                RowError(
                    header_line, "", _("第一行应为表头，且必须有“邮箱”列。表头可为：%s") % wanted
                )
            ]
        )
    rows = []
    for number, row in lines[1:]:
        rows.append((number, {columns[i]: c.strip() for i, c in enumerate(row) if i in columns}))
    if not rows:
        raise ValidationError(_("文件中没有参训人员。"))
    if len(rows) > IMPORT_MAX_ROWS:
        raise ValidationError(
            _("文件超过单次导入上限 %(n)s 行。请分成多个文件导入。") % {"n": IMPORT_MAX_ROWS}
        )
    return rows


def _check_rows(actor, session: Session, rows) -> tuple[list, list[RowError]]:
    from django.db.models.functions import Lower

    from sunshine.kernel.accounts.models import User

    emails = {r.get("email", "").lower() for _n, r in rows if r.get("email")}
    people = {
        u.email.lower(): u
        for u in User.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .select_related("agency")
    }
    good, errors, seen = [], [], {}
    for number, raw in rows:
        email = raw.get("email", "").lower()
        if not email:
            errors.append(RowError(number, LABELS["email"], _("请填写邮箱。")))
            continue
        if email in seen:
            errors.append(
                RowError(number, LABELS["email"], _("与第 %(n)s 行重复。") % {"n": seen[email]})
            )
            continue
        seen[email] = number
        person = people.get(email)
        if person is None:
            errors.append(RowError(number, LABELS["email"], _("没有使用该邮箱的工作人员账号。")))
            continue
        name = raw.get("name", "")
        if name and plain(name) != plain(person.display_name):
            errors.append(
                RowError(
                    number,
                    LABELS["name"],
                    _("姓名与该邮箱的账号（%(name)s）不一致。") % {"name": person.display_name},
                )
            )
            continue
        status = STATUS_WORDS.get(plain(raw.get("status", "")).lower())
        if status is None:
            errors.append(RowError(number, LABELS["status"], _("状态应为“参训”或“缺席”。")))
            continue
        try:
            check_person(session, person)
            if not can(actor, "training.manage", person.agency):
                raise ValidationError(
                    {"person": _("此人属于%(a)s，不在您的管理范围内。") % {"a": person.agency.name}}
                )
            values = _attendance_values(
                session,
                status=status,
                hours=raw.get("hours", ""),
                certificate=raw.get("certificate", ""),
            )
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                column = LABELS.get(key, "")
                errors.extend(RowError(number, column, m) for m in messages)
            continue
        good.append((person, values))
    return good, errors


def import_attendance(*, actor, session: Session, text: str) -> ImportResult:
    """Check every line, then save all of them in one transaction (or none)."""
    rows = parse(text)
    good, errors = _check_rows(actor, session, rows)
    if errors:
        raise TableImportError(errors)
    result = ImportResult(session=session)
    with transaction.atomic():
        for person, values in good:
            row, outcome = _save_attendance(
                actor=actor, session=session, person=person, values=values, source="csv"
            )
            getattr(result, outcome).append(row.pk)
        record_event(
            action="training.attendance.import",
            actor=actor,
            obj=session,
            agency=session.agency or session.organizer,
            summary=str(session)[:300],
            data=result.report(),
        )
    return result


def start_import(*, actor, session: Session, uploaded_file):
    """Save the upload as a FileJob and import it (at once when small); returns the job."""
    from sunshine.kernel.files.models import FileJob

    from .tasks import run_attendance_import

    if not can_anywhere(actor, "training.manage"):
        raise PermissionDenied(_("您没有登记培训参训情况的权限。"))
    uploaded_file.seek(0)
    data = uploaded_file.read()
    text = decode(data)  # a clear refusal before anything is saved
    lines = text.count("\n") + 1
    if lines > IMPORT_MAX_ROWS + 1:
        raise ValidationError(
            _("文件超过单次导入上限 %(n)s 行。请分成多个文件导入。") % {"n": IMPORT_MAX_ROWS}
        )
    uploaded_file.seek(0)
    name = getattr(uploaded_file, "name", "") or "attendance.csv"
    job = start_file_job(
        kind=JOB_KIND,
        title=_("导入签到表：%(s)s（%(name)s）") % {"s": session, "name": name},
        actor=actor,
        task=run_attendance_import,
        agency=actor.agency,
        source=uploaded_file,
        source_name=name,
        params={"session": session.pk},
        total=max(lines - 1, 0),
    )
    if lines <= IMPORT_SYNC_ROWS + 1:
        run_import_job(job.pk)
        job = FileJob.objects.get(pk=job.pk)
    return job


def run_import_job(job_id: int) -> str:
    """The body of the import task (idempotent: an ended job is left alone)."""

    def perform(job, upload, progress):
        session = Session.objects.select_related("agency", "organizer").get(
            pk=job.params.get("session")
        )
        if not can_anywhere(job.created_by, "training.manage"):  # still allowed when it runs
            raise PermissionDenied(_("您没有登记培训参训情况的权限。"))
        text = decode(upload.read())
        result = import_attendance(actor=job.created_by, session=session, text=text)
        progress(job.total)
        return result

    return run_table_import_job(job_id, perform=perform, report_of=lambda r: r.report())
