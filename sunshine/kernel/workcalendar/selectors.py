"""Reads of the working calendar for staff pages (the calendar itself is public knowledge)."""

from django.db.models import Count, Q, QuerySet

from .models import CalendarDay, CalendarYear


def calendar_years() -> QuerySet[CalendarYear]:
    """Every year with its counts of holidays and make-up working days, newest first."""
    return CalendarYear.objects.annotate(
        off_count=Count("days", filter=Q(days__is_off_day=True)),
        makeup_count=Count("days", filter=Q(days__is_off_day=False)),
    ).order_by("-year")


def calendar_year(year: int) -> CalendarYear | None:
    return calendar_years().filter(year=year).first()


def days_of_notice(year: int) -> QuerySet[CalendarDay]:
    """The days a year's notice sets (may include late December of the year before)."""
    return CalendarDay.objects.filter(notice__year=year).order_by("date")


def notice_year_of(day) -> int | None:
    """The year of the notice that sets `day`, if any."""
    return CalendarDay.objects.filter(date=day).values_list("notice__year", flat=True).first()
