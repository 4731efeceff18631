"""Staff pages of the working calendar: the years (loaded or not), a year's days, importing
a year and adding, changing or deleting single days (those need "calendar.edit")."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.access.policy import can
from sunshine.kernel.workcalendar import selectors, services, statutory
from sunshine.kernel.workcalendar.calendar import current_calendar

from ..access import staff_required
from .forms import DayForm, ImportForm, WorkdaysForm


def _calculation(form: WorkdaysForm) -> dict | None:
    if not form.is_bound or not form.is_valid():
        return None
    cal = current_calendar()
    start, n = form.cleaned_data["start"], form.cleaned_data["n"]
    try:
        day, provisional = cal.add_workdays(start, n)
    except ValidationError as exc:
        form.add_error("start", exc)
        return None
    return {"day": day, "provisional": provisional, "missing": cal.missing_years(start, day)}


@never_cache
@staff_required
def calendar_home(request, import_form=None, day_form=None, status=200):
    calc_form = WorkdaysForm(request.GET if "start" in request.GET else None)
    context = {
        "years": selectors.calendar_years(),
        "may_edit": can(request.user, "calendar.edit"),
        "import_form": import_form or ImportForm(),
        "day_form": day_form or DayForm(),
        "calc_form": calc_form,
        "calc": _calculation(calc_form),
        "late_december_from": current_calendar().late_december_from,
    }
    return render(request, "workbench/calendar/home.html", context, status=status)


@never_cache
@staff_required
def calendar_year(request, year: int, day_form=None, status=200):
    row = selectors.calendar_year(year)
    if row is None:
        raise Http404(_("没有 %(y)s 年的节假日安排。") % {"y": year})
    assumed_dates = current_calendar().assumed_holidays(year)
    context = {
        "year": row,
        "days": selectors.days_of_notice(year),
        # the statutory holidays counted while the year's notice is not loaded
        "assumed": [d for d in statutory.statutory_holidays(year) if d[0] in assumed_dates]
        if assumed_dates
        else [],
        "may_edit": can(request.user, "calendar.edit"),
        "day_form": day_form or DayForm(initial={"notice_year": year}),
    }
    return render(request, "workbench/calendar/year.html", context, status=status)


def _require_edit(request) -> None:
    if not can(request.user, "calendar.edit"):
        raise PermissionDenied(_("您没有权限维护工作日历。"))


@require_POST
@never_cache
@staff_required
def calendar_import(request):
    _require_edit(request)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            year = services.import_calendar(
                actor=request.user, raw=form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request,
                _("已导入 %(y)s 年节假日安排，进行中的期限已重新计算。") % {"y": year.year},
            )
            return redirect("workcalendar:year", year=year.year)
    return calendar_home(request, import_form=form, status=400)


@require_POST
@never_cache
@staff_required
def calendar_day_set(request):
    _require_edit(request)
    form = DayForm(request.POST)
    back_year = request.POST.get("back_year", "")
    if form.is_valid():
        data = form.cleaned_data
        try:
            day = services.set_calendar_day(
                actor=request.user,
                date=data["date"],
                is_off_day=data["kind"] == "off",
                name=data["name"],
                notice_year=data["notice_year"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("已保存 %(d)s，进行中的期限已重新计算。") % {"d": day.date.isoformat()}
            )
            return redirect("workcalendar:year", year=day.notice.year)
    if back_year.isdigit():
        return calendar_year(request, int(back_year), day_form=form, status=400)
    return calendar_home(request, day_form=form, status=400)


@require_POST
@never_cache
@staff_required
def calendar_day_delete(request, date: str):
    _require_edit(request)
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404 from None
    year = selectors.notice_year_of(day)
    try:
        services.delete_calendar_day(actor=request.user, date=day)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("workcalendar:home")
    messages.success(request, _("已删除 %(d)s，进行中的期限已重新计算。") % {"d": date})
    return redirect("workcalendar:year", year=year)


@require_POST
@never_cache
@staff_required
def calendar_year_loaded(request, year: int):
    _require_edit(request)
    loaded = request.POST.get("loaded") == "1"
    try:
        services.set_year_loaded(actor=request.user, year=year, loaded=loaded)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已更新 %(y)s 年的加载状态。") % {"y": year})
    return redirect("workcalendar:year", year=year)
