"""Harvest a trading platform's feed (docs/trading.md), idempotent: a project is known by
(platform, project_id) and an announcement by (platform, notice_id) with its version.

For each row: a new notice id is created; a known one with a higher version is updated when
its content changed (the version is kept either way); the same version with the same content,
or an older version, is unchanged; the same version with different content fails (the platform
must raise the version when it changes a notice). Each row is saved in its own savepoint, so a
bad row fails alone and the report counts created / updated / unchanged / failed, with every
failed row's line, column and message.

Three ways in, one code path (`import_feed`): an upload in the workbench (a kernel FileJob run
by the task worker), an HTTP pull of a `FeedSource` (the periodic job `trading.pull_feeds`, or
"pull now"), and the API."""

import logging
import re
import urllib.request
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.filejobs import (
    claim_job,
    fail_job,
    finish_job,
    report_progress,
    start_file_job,
)
from sunshine.kernel.jobs.cron import cron_trigger, fired_between
from sunshine.kernel.orgs.models import Agency

from . import indexing
from .choices import STAGE_OF_KIND, STAGE_ORDER, FeedFormat, RowResult
from .feedformat import MAX_BYTES, CleanRow, RowProblems, clean_row, read_feed
from .models import Announcement, FeedSource, HarvestRun, TradingProject

logger = logging.getLogger(__name__)
JOB_KIND = "trading.import"
PULL_TIMEOUT = 30
PLATFORM_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")


def check_platform(value: str) -> str:
    platform = (value or "").strip().lower()
    if not PLATFORM_RE.match(platform):
        raise ValidationError(
            {"platform": [_("交易平台标识应为1至40位小写字母、数字、点、横线或下划线。")]}
        )
    return platform


class _Agencies:
    """监管部门 by 机构代码 or 统一社会信用代码, looked up once per code."""

    def __init__(self):
        self.found: dict[str, Agency | None] = {}

    def get(self, code: str) -> Agency | None:
        if code not in self.found:
            self.found[code] = (
                Agency.objects.filter(org_code=code).first()
                or Agency.objects.filter(credit_code=code.upper()).first()
            )
        return self.found[code]


def _allowed(agency: Agency, *, actor, scope: Agency | None) -> bool:
    if scope is not None and not agency.is_within(scope):
        return False
    return actor is None or can(actor, "trading.import", agency)


def _stage(project: TradingProject) -> None:
    kinds = list(project.announcements.values_list("kind", "published_on"))
    latest = max(kinds, key=lambda k: (STAGE_ORDER[k[0]], k[1]))
    project.stage = STAGE_OF_KIND[latest[0]]
    project.first_published_on = min(k[1] for k in kinds)
    project.last_published_on = max(k[1] for k in kinds)


def _save_row(row: CleanRow, *, platform: str, agency: Agency, now) -> tuple[str, int]:
    """Create or update one announcement (and its project); returns (result, project id)."""
    digest = row.content_hash
    notice = (
        Announcement.objects.select_for_update()
        .filter(platform=platform, source_id=row.notice["source_id"])
        .select_related("project")
        .first()
    )
    version = row.notice["version"]
    if notice is not None:
        if notice.project.source_id != row.project["source_id"]:
            raise ValidationError(
                {
                    "notice_id": [
                        _("该公告ID已属于另一个项目（%(p)s）。") % {"p": notice.project.source_id}
                    ]
                }  # fmt: skip
            )
        if version < notice.version or (
            version == notice.version and digest == notice.content_hash
        ):
            return RowResult.UNCHANGED, notice.project_id  # fmt: skip
        if version == notice.version:
            raise ValidationError(
                {
                    "version": [
                        _("内容与已采集的同一版本（%(v)s）不同，平台修改公告时应提高版本号。")
                        % {"v": version}
                    ]
                }  # fmt: skip
            )
        if digest == notice.content_hash:
            Announcement.objects.filter(pk=notice.pk).update(version=version)
            return RowResult.UNCHANGED, notice.project_id
    project = (
        TradingProject.objects.select_for_update()
        .filter(platform=platform, source_id=row.project["source_id"])
        .first()
    )
    day = row.notice["published_on"]
    if project is None:
        project = TradingProject(
            platform=platform,
            agency=agency,
            first_published_on=day,
            last_published_on=day,
            created_at=now,
            **row.project,
        )
    else:
        for name, value in row.project.items():
            setattr(project, name, value)
        project.agency = agency
    project.updated_at = now
    project.save()
    values = dict(row.notice, content_hash=digest, updated_at=now)
    if notice is None:
        Announcement.objects.create(project=project, platform=platform, created_at=now, **values)
        result = RowResult.CREATED
    else:
        for name, value in values.items():
            setattr(notice, name, value)
        notice.project = project
        notice.save()
        result = RowResult.UPDATED
    _stage(project)
    project.save(update_fields=["stage", "first_published_on", "last_published_on"])
    return result, project.pk


def import_feed(
    *,
    data: bytes,
    fmt: str,
    platform: str,
    actor=None,
    scope: Agency | None = None,
    origin: str = "upload",
    source: FeedSource | None = None,
    file_job_id: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Import a feed's bytes. `actor` (a staff user) must hold trading.import on each row's
    监管部门; `scope` (a feed source's agency) limits the rows to that agency's subtree. A file
    that cannot be read at all raises ValidationError; a bad row fails alone (in the report)."""
    platform = check_platform(platform)
    raw_rows = read_feed(data, fmt)
    agencies, now = _Agencies(), clock.now()
    counts = {r.value: 0 for r in RowResult}
    errors: list[dict] = []
    touched: set[int] = set()
    run = HarvestRun.objects.create(
        origin=origin,
        source=source,
        agency=scope or (source.agency if source else _first_agency(actor)),
        actor=actor if getattr(actor, "pk", None) else None,
        file_job_id=file_job_id,
        started_at=now,
    )
    for index, raw in enumerate(raw_rows):
        line = index + 2 if fmt == FeedFormat.CSV else index + 1  # CSV: the header is line 1
        try:
            row = clean_row(raw, line)
            agency = agencies.get(row.supervisor_code)
            if agency is None:
                raise RowProblems(line, [("supervisor_code", _("找不到该机构代码对应的监管部门。"))])  # fmt: skip
            if not _allowed(agency, actor=actor, scope=scope):
                raise RowProblems(line, [("supervisor_code", _("无权导入该监管部门（%(a)s）的项目。") % {"a": agency.name})])  # fmt: skip
            with transaction.atomic():
                result, project_id = _save_row(row, platform=platform, agency=agency, now=now)
        except RowProblems as exc:
            counts[RowResult.FAILED] += 1
            errors += [{"row": exc.line, "column": c, "message": str(m)} for c, m in exc.problems]
        except ValidationError as exc:
            counts[RowResult.FAILED] += 1
            for column, messages in exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]:  # fmt: skip
                errors += [{"row": line, "column": column, "message": m} for m in messages]
        else:
            counts[result] += 1
            if result != RowResult.UNCHANGED:
                touched.add(project_id)
        if progress is not None and (index % 200 == 0 or index == len(raw_rows) - 1):
            progress(index + 1, len(raw_rows))
    for project in (
        TradingProject.objects.filter(pk__in=touched)
        .select_related("agency")
        .prefetch_related("announcements")
    ):
        indexing.index_project(project)
    report = {**counts, "rows": len(raw_rows), "row_errors": errors[:1000], "error_count": len(errors)}  # fmt: skip
    run.finished_at, run.report = clock.now(), report
    run.save(update_fields=["finished_at", "report"])
    record_event(
        action="trading.import",
        actor=actor,
        obj=run,
        agency=run.agency,
        summary=_("采集交易公告（%(p)s）：新增 %(c)s，更新 %(u)s，未变 %(n)s，失败 %(f)s")
        % {"p": platform, "c": counts["created"], "u": counts["updated"],
           "n": counts["unchanged"], "f": counts["failed"]},
        data={k: v for k, v in report.items() if k != "row_errors"},
    )  # fmt: skip
    return report


def _first_agency(actor) -> Agency:
    grant = actor.grants.select_related("agency").first() if actor is not None else None
    if grant is None:
        raise PermissionDenied(_("您没有权限执行此操作。"))
    return grant.agency


# Uploads: always a background job (kernel FileJob); the workbench shows its page.


def start_upload_import(*, actor, agency: Agency, platform: str, fmt: str, uploaded_file):
    require(actor, "trading.import", agency)
    platform = check_platform(platform)
    if fmt not in FeedFormat.values:
        raise ValidationError({"fmt": [_("请选择文件格式（CSV 或 JSON）。")]})
    if uploaded_file is None:
        raise ValidationError({"file": [_("请选择要上传的文件。")]})
    if uploaded_file.size > MAX_BYTES:
        raise ValidationError({"file": [_("文件超过 %(n)s MB。") % {"n": MAX_BYTES // 2**20}]})
    from .tasks import run_trading_import

    name = getattr(uploaded_file, "name", "") or f"feed.{fmt}"
    return start_file_job(
        kind=JOB_KIND,
        title=_("导入交易公告：%(name)s") % {"name": name},
        actor=actor,
        task=run_trading_import,
        agency=agency,
        source=uploaded_file,
        source_name=name,
        params={"platform": platform, "fmt": fmt},
    )


def run_upload_job(job_id: int) -> str:
    """The task body: idempotent (an ended job is left alone; a re-run of the import itself
    changes nothing that is already there)."""
    job = claim_job(job_id)
    if job is None:
        return "gone"
    report_progress(job_id, stage=_("正在读取文件"))
    try:
        with job.source.open("rb") as fh:
            data = fh.read()
        report = import_feed(
            data=data,
            fmt=job.params.get("fmt", "csv"),
            platform=job.params.get("platform", ""),
            actor=job.created_by,
            scope=job.agency,
            origin="upload",
            file_job_id=job_id,
            progress=lambda done, total: report_progress(
                job_id, done=done, total=total, stage=_("正在导入各行")
            ),
        )
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        fail_job(job_id, error=" ".join(messages))
        return "refused"
    if report["failed"] and not (report["created"] + report["updated"] + report["unchanged"]):
        fail_job(
            job_id,
            error=_("所有 %(n)s 条公告都未能导入，请修改后重新上传。") % {"n": report["failed"]},
            report=report,
        )
        return "refused"
    finish_job(job_id, report=report)
    return "done"


# HTTP pull of a feed source.


def check_cron(value: str) -> str:
    text = " ".join((value or "").split())
    try:
        cron_trigger(text)
    except ValueError:
        raise ValidationError(
            {"cron": [_("采集时间应为5段 cron 表达式，例如“0 */2 * * *”（每两小时）。")]}
        ) from None
    return text


def check_url(value: str) -> str:
    url = (value or "").strip()
    if not re.match(r"^https?://[^\s/]+", url) or len(url) > 500:
        raise ValidationError({"url": [_("数据地址应以 http:// 或 https:// 开头。")]})
    return url


@transaction.atomic
def create_feed_source(*, actor, agency: Agency, name: str, platform: str, url: str,
                       fmt: str = "json", cron: str = "0 * * * *") -> FeedSource:  # fmt: skip
    require(actor, "trading.import", agency)
    errors: dict = {}
    values: dict = {}
    for field, check, value in (
        ("platform", check_platform, platform),
        ("url", check_url, url),
        ("cron", check_cron, cron),
    ):
        try:
            values[field] = check(value)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    name = (name or "").strip()
    if not name or len(name) > 100:
        errors["name"] = [_("请填写数据源名称（不超过100字）。")]
    if fmt not in FeedFormat.values:
        errors["fmt"] = [_("请选择文件格式（CSV 或 JSON）。")]
    if errors:
        raise ValidationError(errors)
    source = FeedSource.objects.create(
        name=name, agency=agency, format=fmt, created_by=actor, created_at=clock.now(), **values
    )
    record_event(
        action="trading.feed_create",
        actor=actor,
        obj=source,
        summary=_("新增交易数据源：%(n)s") % {"n": name},
        after={"url": source.url, "cron": source.cron, "platform": source.platform},
    )
    return source


def _download(url: str) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise ValidationError(_("数据地址应以 http:// 或 https:// 开头。"))
    request = urllib.request.Request(url, headers={"User-Agent": "Sunshine-trading-harvester"})
    # The scheme is checked above (no file:// or ftp://); the URL is set by staff.
    with urllib.request.urlopen(request, timeout=PULL_TIMEOUT) as response:  # nosec B310
        data = response.read(MAX_BYTES + 1)
    return data


def pull_source(*, source: FeedSource, actor=None) -> dict:
    """Fetch the source's URL and import it (rows limited to the source's agency subtree).
    A network or format error is kept on the source (last_error) and raised as
    ValidationError; the report is kept on the source too."""
    if actor is not None:
        require(actor, "trading.import", source.agency)
    now = clock.now()
    try:
        data = _download(source.url)
        report = import_feed(
            data=data,
            fmt=source.format,
            platform=source.platform,
            actor=None,  # the source's scope decides, whoever pressed "pull now"
            scope=source.agency,
            origin="pull",
            source=source,
        )
    except (OSError, ValidationError) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        FeedSource.objects.filter(pk=source.pk).update(last_run_at=now, last_error=message[:2000])
        logger.info("trading feed %s failed: %s", source.pk, message)
        raise ValidationError(_("采集失败：%(e)s") % {"e": message}) from None
    FeedSource.objects.filter(pk=source.pk).update(
        last_run_at=now,
        last_error="",
        last_report={k: v for k, v in report.items() if k != "row_errors"}
        | {"row_errors": report["row_errors"][:50]},  # fmt: skip
    )
    return report


def pull_due_feeds(at=None) -> dict:
    """The periodic job: pull each enabled source whose cron fired since its last run (or
    since it was created)."""
    at = at or clock.now()
    pulled, failed = 0, 0
    for source in FeedSource.objects.filter(enabled=True).select_related("agency"):
        if not fired_between(source.cron, source.last_run_at or source.created_at, at):
            continue
        try:
            pull_source(source=source)
            pulled += 1
        except ValidationError:
            failed += 1
    return {"pulled": pulled, "failed": failed}
