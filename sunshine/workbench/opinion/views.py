"""Staff pages of 政务舆情: the events with their clocks in deadline colours, registering an
event, and one event's page (clocks, responses, captured items with the sentiment summary)
with its acts: respond, change the level, hand to another agency, close with the evaluation,
capture an item. Thin: reads through the scoped selectors (what a user may not see is a 404),
writes through the services; a refused form is shown again with the text typed kept."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.policy import agencies_for, can, can_anywhere
from sunshine.participation.opinion import selectors, services
from sunshine.participation.opinion.choices import OpinionLevel, OpinionState, Sentiment

from ..access import staff_required
from ..actions import run_action
from .forms import CloseForm, EventForm, ItemForm, LevelForm, ReassignForm, ResponseForm
from .registry import may_view

PAGE_SIZE = 30
ITEMS_PAGE_SIZE = 20


def _require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看政务舆情的权限。"))


def _event(request, pk):
    event = selectors.event_for_staff(request.user, pk)
    if event is None:
        raise Http404(_("该舆情事件不存在，或不在您的权限范围内。"))
    return event


@never_cache
@staff_required
def event_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "")
    state = state if state in OpinionState.values else ""
    level = request.GET.get("level", "")
    level = level if level in OpinionLevel.values else ""
    q = request.GET.get("q", "").strip()[:100]
    overdue = request.GET.get("overdue") == "1"
    events = selectors.staff_events(
        request.user, state=state or None, level=level or None, q=q or None, overdue=overdue
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_live_clocks(page.object_list)
    context = {
        "page": page,
        "state": state,
        "level": level,
        "q": q,
        "overdue": overdue,
        "states": OpinionState.choices,
        "levels": OpinionLevel.choices,
        "may_create": can_anywhere(request.user, "opinion.create"),
        "filtered": bool(state or level or q or overdue),
    }
    return render(request, "workbench/opinion/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not can_anywhere(request.user, "opinion.create"):
        raise PermissionDenied(_("您没有登记舆情事件的权限。"))
    agencies = agencies_for(request.user, "opinion.create").filter(is_active=True).order_by("path")
    initial = {"involved_agency": request.user.agency_id, "source": "weibo"}
    form = EventForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.create_event(actor=request.user, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已登记舆情事件，回应时限已开始计算。"),
            redirect_to=lambda event: reverse("workbench:opinion_detail", kwargs={"pk": event.pk}),
        )
        if done:
            return done
    return render(request, "workbench/opinion/form.html", {"form": form})


def _sentiment_bars(summary: list[dict]) -> list[dict]:
    """Segments of a 100-wide SVG bar (negative, neutral, positive)."""
    colours = {
        Sentiment.NEGATIVE: "#b3261e",
        Sentiment.NEUTRAL: "#8a8a8a",
        Sentiment.POSITIVE: "#1b7a3a",
    }
    x, bars = 0.0, []
    for row in summary:
        width = round(row["share"] * 100, 2)
        bars.append({**row, "x": x, "width": width, "colour": colours[row["label"]]})
        x += width
    return bars


def _render_detail(request, event, *, forms: dict | None = None, status: int = 200):
    user, forms = request.user, forms or {}
    is_open = not event.is_closed
    may = {
        "respond": is_open and can(user, "opinion.respond", event),
        "level": is_open and can(user, "opinion.set_level", event),
        "reassign": is_open and can(user, "opinion.reassign", event),
        "close": is_open and can(user, "opinion.close", event),
        "capture": can(user, "opinion.capture", event),
    }
    label = request.GET.get("sentiment", "")
    label = label if label in Sentiment.values else ""
    items = Paginator(selectors.event_items(event, label=label or None), ITEMS_PAGE_SIZE)
    summary = selectors.sentiment_summary(event)

    def form(name, cls, **initial):
        if name in forms:  # refused: shown again with its errors and the text typed
            return forms[name]
        return cls(initial=initial) if may[name] else None

    context = {
        "event": event,
        "clocks": selectors.event_clocks(event),
        "responses": selectors.event_responses(event),
        "changes": selectors.responsibility_changes(event),
        "items": items.get_page(request.GET.get("page")),
        "sentiment": label,
        "summary": summary,
        "bars": _sentiment_bars(summary),
        "response_form": form("respond", ResponseForm, publish=True),
        "level_form": form("level", LevelForm),
        "reassign_form": form("reassign", ReassignForm),
        "close_form": form("close", CloseForm),
        "item_form": form("capture", ItemForm),
    }
    return render(request, "workbench/opinion/detail.html", context, status=status)


@never_cache
@staff_required
def detail(request, pk):
    return _render_detail(request, _event(request, pk))


def _act(request, pk, *, name, form_class, service, done):
    """POST of one of the event page's forms: run the service; when refused, show the page
    again with this form bound (the text typed is kept) and its errors."""
    event = _event(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        response = run_action(
            request,
            lambda: service(event, **form.cleaned_data),
            form=form,
            success=done,
            redirect_to=reverse("workbench:opinion_detail", args=[event.pk]),
        )
        if response:
            return response
    event = _event(request, pk)
    return _render_detail(request, event, forms={name: form}, status=400)


@staff_required
@require_POST
def respond(request, pk):
    def service(event, *, publish, **data):
        return services.record_response(event=event, actor=request.user, publish=publish, **data)

    return _act(
        request,
        pk,
        name="respond",
        form_class=ResponseForm,
        service=service,
        done=_("已登记回应，相应时限已停止计时。"),
    )


@staff_required
@require_POST
def change_level(request, pk):
    def service(event, **data):
        return services.change_level(event=event, actor=request.user, **data)

    return _act(
        request,
        pk,
        name="level",
        form_class=LevelForm,
        service=service,
        done=_("已调整舆情级别，回应时限已相应调整。"),
    )


@staff_required
@require_POST
def reassign(request, pk):
    def service(event, **data):
        return services.change_responsible_agency(event=event, actor=request.user, **data)

    return _act(
        request,
        pk,
        name="reassign",
        form_class=ReassignForm,
        service=service,
        done=_("已变更责任单位，理由已记录。"),
    )


@staff_required
@require_POST
def close(request, pk):
    def service(event, **data):
        return services.close_event(event=event, actor=request.user, **data)

    return _act(
        request,
        pk,
        name="close",
        form_class=CloseForm,
        service=service,
        done=_("舆情事件已办结，效果评估已记录。"),
    )


@staff_required
@require_POST
def capture(request, pk):
    def service(event, **data):
        return services.capture_items(event=event, actor=request.user, items=[data])

    return _act(
        request,
        pk,
        name="capture",
        form_class=ItemForm,
        service=service,
        done=_("已录入舆情信息，情感倾向已计算。"),
    )
