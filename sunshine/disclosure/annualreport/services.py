"""Writes of the annual report: open it with its deadline clock, save what staff draft, publish.

Publishing checks every invariant first (report.check) and refuses, naming each failure; then
it freezes the report (`published_data`), makes it a published 主动公开 record of the agency
(records' import_published_record: the report was approved here, so it goes public at once
as version 1), links that record to the agency's catalog item 政府信息公开工作年度报告 (the
政府信息公开年报 column of the catalog, when the catalog has one) and stops the clock."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.disclosure.catalog.models import CatalogItem
from sunshine.disclosure.catalog.services import link_record
from sunshine.disclosure.records.choices import DocKind, Topic
from sunshine.disclosure.records.importing import import_published_record
from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.orgs.models import Agency

from . import report as report_data
from .choices import SECTION_FIELDS, TEXT_MAX, ReportState
from .models import AnnualReport
from .providers import figures_for
from .rules import DEPARTMENT, GOVERNMENT
from .text import plain_text

GOVERNMENT_KINDS = (Agency.Kind.GOVERNMENT, Agency.Kind.OFFICE)
CATALOG_ITEM_NAME = "政府信息公开工作年度报告"


class PublishRefused(ValidationError):
    def __init__(self, failures: list[dict]):
        self.failures = failures
        super().__init__([f"{f['code']}：{f['message']}" for f in failures])


# --- Deadlines ---------------------------------------------------------------------------


def rule_for(agency) -> str:
    return GOVERNMENT if agency.kind in GOVERNMENT_KINDS else DEPARTMENT


def due_date(agency, year: int) -> dt.date:
    """条例 Art. 49: a department's report of `year` by 31 January of the next year, a
    government's by 31 March. Fixed calendar dates: a holiday does not move them."""
    if rule_for(agency) == GOVERNMENT:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


def start_deadline(report: AnnualReport, *, actor=None):
    """The report's clock: from 31 December of the year, in calendar days, to the due date."""
    rule = rule_for(report.agency)
    if open_clock(report, rule) is not None:
        return open_clock(report, rule)
    start = dt.date(report.year, 12, 31)
    length = (due_date(report.agency, report.year) - start).days
    return start_clock(
        obj=report, rule=rule, agency=report.agency, start=start, actor=actor, length=length
    )


# --- Opening -----------------------------------------------------------------------------


def _snapshot(report: AnnualReport) -> dict:
    return {
        "state": str(report.state),
        "rollup": report.rollup,
        "manual": report.manual,
        **{f"section_{n}": len(getattr(report, f)) for n, f in SECTION_FIELDS.items()},
    }


@transaction.atomic
def get_or_open(agency, year: int, *, actor=None) -> AnnualReport:
    """The report of `agency` for `year`, created (with its clock, once the year is over)."""
    if not 2008 <= year <= clock.today().year:
        raise ValidationError(_("年度超出范围：%(year)s") % {"year": year})
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is not None:
        return report
    now = clock.now()
    report = AnnualReport.objects.create(
        agency=agency,
        year=year,
        rollup=agency.kind in GOVERNMENT_KINDS,
        created_at=now,
        updated_at=now,
        updated_by=actor if getattr(actor, "pk", None) else None,
    )
    record_event(
        action="annualreport.open",
        actor=actor,
        obj=report,
        agency=agency,
        summary=str(report),
        after=_snapshot(report),
    )
    if year < clock.today().year:
        start_deadline(report, actor=actor)
    return report


def open_year(year: int | None = None) -> int:
    """From 1 January: every active government, office and department gets its report of the
    past year with its clock (idempotent). Returns how many were opened."""
    year = year or clock.today().year - 1
    opened = 0
    agencies = Agency.objects.filter(is_active=True).exclude(kind=Agency.Kind.OTHER)
    done = set(AnnualReport.objects.filter(year=year).values_list("agency_id", flat=True))
    for agency in agencies.exclude(pk__in=done).iterator():
        get_or_open(agency, year)
        opened += 1
    return opened


# --- Drafting ----------------------------------------------------------------------------


def previous_in_force(report: AnnualReport) -> dict | None:
    """Last year's published 现行有效件数 {"rules", "normative"}, or None."""
    last = (
        AnnualReport.objects.filter(
            agency=report.agency, year=report.year - 1, state=ReportState.PUBLISHED
        )
        .only("published_data")
        .first()
    )
    if last is None or not last.published_data:
        return None
    two = last.published_data["tables"]["二"]
    return {k: report_data.two_row(two, k)["values"]["in_force"] for k in ("rules", "normative")}


def compute(report: AnnualReport) -> dict:
    """The whole report as it stands (the frozen one once published)."""
    if report.is_published and report.published_data:
        return report.published_data
    return report_data.build(
        report.agency,
        report.year,
        within=report.rollup,
        texts={n: getattr(report, f) for n, f in SECTION_FIELDS.items()},
        manual=report.manual,
        previous_in_force=previous_in_force(report),
    )


def manual_rows() -> list[str]:
    """The rows of table 二 no provider fills (staff enter them)."""
    return [r for r in ("licensing", "penalty", "coercion") if not figures_for(r)]


def _clean_manual(manual: dict) -> dict:
    errors, clean = {}, {}
    allowed = set(manual_rows())
    for key, raw in (manual or {}).items():
        raw = str(raw).strip()
        if key not in allowed and key != "fees":
            errors[key] = _("该项由系统统计，不能填报。")
            continue
        if raw == "":
            continue
        if key == "fees":
            continue  # fees always have the FOI fees as a source
        try:
            value = int(raw)
        except ValueError:
            errors[key] = _("请填写不小于0的整数。")
            continue
        if value < 0 or value > 10_000_000:
            errors[key] = _("请填写不小于0的整数。")
            continue
        clean[key] = value
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def save_draft(
    *,
    report: AnnualReport,
    actor,
    texts: dict | None = None,
    manual: dict | None = None,
    rollup: bool | None = None,
) -> AnnualReport:
    """Save sections 一, 五, 六 ({"一": text, …}), the staff-entered figures and the roll-up."""
    require(actor, "annualreport.edit", report)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise ValidationError(_("年度报告已发布，不能再修改。"))
    before = _snapshot(report)
    errors = {}
    for number, text in (texts or {}).items():
        if number not in SECTION_FIELDS:
            errors[number] = _("只有第一、五、六部分由工作人员撰写。")
            continue
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > TEXT_MAX:
            errors[SECTION_FIELDS[number]] = _("内容过长（最多%(n)s字）。") % {"n": TEXT_MAX}
            continue
        setattr(report, SECTION_FIELDS[number], text)
    if manual is not None:
        try:
            report.manual = _clean_manual(manual)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    if rollup is not None:
        report.rollup = bool(rollup) and report.agency.kind in GOVERNMENT_KINDS
    report.updated_at, report.updated_by = clock.now(), actor
    report.save()
    record_event(
        action="annualreport.edit",
        actor=actor,
        obj=report,
        summary=str(report),
        before=before,
        after=_snapshot(report),
    )
    return report


# --- Publication -------------------------------------------------------------------------


def _catalog_item(agency):
    return (
        CatalogItem.objects.filter(catalog__agency=agency, active=True)
        .filter(subcategory__contains="年度报告")
        .order_by("sort_order", "pk")
        .first()
    )


@transaction.atomic
def publish(*, report: AnnualReport, actor) -> AnnualReport:
    """Check, freeze, publish as a record in the 年报 column, stop the clock. Refused with
    `PublishRefused` naming each failed invariant; nothing is written then."""
    require(actor, "annualreport.publish", report)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise ValidationError(_("年度报告已发布。"))
    if not report.section_one.strip():
        raise ValidationError({"section_one": _("请撰写“一、总体情况”。")})
    data = compute(report)
    if data["failures"]:
        record_event(
            action="annualreport.publish_refused",
            actor=actor,
            obj=report,
            summary=str(report),
            data={"failures": [f["code"] for f in data["failures"]]},
        )
        raise PublishRefused(data["failures"])
    today = clock.today()
    record = import_published_record(
        actor=actor,
        agency=report.agency,
        title=data["title"],
        date_written=today,
        date_published=today,
        topic=Topic.GENERAL,
        kind=DocKind.REPORT,
        keywords=_("政府信息公开工作年度报告"),
        body=plain_text(data),
        source=f"annualreport:{report.pk}",
    )
    now = clock.now()
    data["published_at"] = now.isoformat()
    data["record_id"] = record.pk
    data["index_number"] = record.index_number
    report.state, report.published_data, report.record = ReportState.PUBLISHED, data, record
    report.published_at, report.published_by = now, actor
    report.updated_at, report.updated_by = now, actor
    report.save()
    item = _catalog_item(report.agency)
    if item is not None:
        link_record(item=item, record=record, actor=actor)
    for rule in (DEPARTMENT, GOVERNMENT):
        running = open_clock(report, rule)
        if running is not None:
            stop_clock(clock=running, actor=actor, outcome=_("已发布"), authorize=False)
    record_event(
        action="annualreport.publish",
        actor=actor,
        obj=report,
        summary=str(report),
        data={"record": record.pk, "index_number": record.index_number},
        after=_snapshot(report),
    )
    return report
