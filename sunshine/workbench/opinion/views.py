"""Staff pages of 政务舆情: the events with their clocks in deadline colours, registering an
event, and one event's page (clocks, responses, captured items with the sentiment summary)
with its acts: respond, change the level, hand to another agency, close with the evaluation,
capture an item, record a 研判, open a 会商. The 会商 page (the convenor's side: every part,
invite, the joint response, publish it as the event's response) and the part page (an invited
agency's side: its own question and answer only). Thin: reads through the scoped selectors
(what a user may not see is a 404), writes through the services; a refused form is shown again
with the text typed kept."""

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
from .forms import (
    AnalysisForm,
    AnswerForm,
    CloseForm,
    ConcludeForm,
    CoordinationForm,
    EventForm,
    InviteForm,
    ItemForm,
    LevelForm,
    PublishJointForm,
    ReassignForm,
    ResponseForm,
)
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

    may["analyse"] = is_open and can(user, "opinion.analyse", event)
    may["coordinate"] = is_open and can(user, "opinion.coordinate", event)
    coordinations = list(selectors.event_coordinations(event))
    analysis_form = forms.get("analyse")
    if analysis_form is None and may["analyse"]:
        analysis_form = AnalysisForm(initial={"level": event.level}, coordinations=coordinations)
    context = {
        "analyses": list(selectors.event_analyses(event)),
        "coordinations": coordinations,
        "analysis_form": analysis_form,
        "may_coordinate": may["coordinate"],
        "analysis_missing": is_open and services.analysis_missing(event),
        "analysis_required": services.analysis_required(event),
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


# --- 研判 ----------------------------------------------------------------------------------


@staff_required
@require_POST
def analyse(request, pk):
    event = _event(request, pk)
    coordinations = list(selectors.event_coordinations(event))
    form = AnalysisForm(request.POST, coordinations=coordinations)
    if form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("coordination", None)
        linked = next((c for c in coordinations if c.pk == chosen), None)
        done = run_action(
            request,
            lambda: services.record_analysis(
                event=event, actor=request.user, coordination=linked, **data
            ),
            form=form,
            success=_("已记录研判。"),
            redirect_to=reverse("workbench:opinion_detail", args=[event.pk]) + "#op-analyses",
        )
        if done:
            return done
    return _render_detail(request, _event(request, pk), forms={"analyse": form}, status=400)


# --- 会商: the convenor's side ---------------------------------------------------------------


def _coordination(request, pk):
    found = selectors.coordination_for_staff(request.user, pk)
    if found is None:
        raise Http404(_("该会商不存在，或不在您的权限范围内。"))
    return found


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def coordination_create(request, pk):
    event = _event(request, pk)
    if event.is_closed or not can(request.user, "opinion.coordinate", event):
        raise PermissionDenied(_("您没有就该舆情事件发起会商的权限。"))
    form = CoordinationForm(
        request.POST or None,
        initial={"hours": selectors.coordination_default_hours(), "topic": event.title},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.open_coordination(
                event=event,
                actor=request.user,
                topic=data["topic"],
                brief=data["brief"],
                hours=data["hours"],
                invitations=[{"agency": data["agency"], "question": data["question"]}],
            ),
            form=form,
            aliases={"invitations": "agency"},
            success=_("已发起会商，受邀单位已收到通知，答复时限已开始计算。"),
            redirect_to=lambda c: reverse("workbench:opinion_coordination", args=[c.pk]),
        )
        if done:
            return done
    return render(
        request,
        "workbench/opinion/coordination_form.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


def _render_coordination(request, coordination, *, forms=None, status=200):
    user, forms = request.user, forms or {}
    event = coordination.event
    active = not event.is_closed
    may_coordinate = active and can(user, "opinion.coordinate", event)
    is_open = coordination.is_open

    def form(name, cls, allowed, **initial):
        if name in forms:
            return forms[name]
        return cls(initial=initial) if allowed else None

    context = {
        "coordination": coordination,
        "event": event,
        "parts": selectors.coordination_parts(coordination),
        "invite_form": form("invite", InviteForm, may_coordinate and is_open),
        "conclude_form": form(
            "conclude",
            ConcludeForm,
            may_coordinate and coordination.state != "published",
            joint_response=coordination.joint_response,
        ),
        "publish_form": form(
            "publish",
            PublishJointForm,
            may_coordinate
            and coordination.state == "concluded"
            and can(user, "opinion.respond", event),
            kind="response",
            channel="website",
        ),
        "analysis_missing": active and services.analysis_missing(event),
        "analysis_required": services.analysis_required(event),
    }
    return render(request, "workbench/opinion/coordination.html", context, status=status)


@never_cache
@staff_required
def coordination_detail(request, pk):
    return _render_coordination(request, _coordination(request, pk))


def _coordination_act(request, pk, *, name, form_class, service, done, anchor=""):
    coordination = _coordination(request, pk)
    form = form_class(request.POST)
    url = reverse("workbench:opinion_coordination", args=[coordination.pk]) + anchor
    if form.is_valid():
        response = run_action(
            request,
            lambda: service(coordination, **form.cleaned_data),
            form=form,
            success=done,
            redirect_to=url,
        )
        if response:
            return response
    return _render_coordination(request, _coordination(request, pk), forms={name: form}, status=400)


@staff_required
@require_POST
def coordination_invite(request, pk):
    def service(coordination, **data):
        return services.invite_agency(coordination=coordination, actor=request.user, **data)

    return _coordination_act(
        request,
        pk,
        name="invite",
        form_class=InviteForm,
        service=service,
        done=_("已邀请该单位，答复时限已开始计算。"),
    )


@staff_required
@require_POST
def coordination_conclude(request, pk):
    def service(coordination, **data):
        return services.conclude_coordination(coordination=coordination, actor=request.user, **data)

    return _coordination_act(
        request,
        pk,
        name="conclude",
        form_class=ConcludeForm,
        service=service,
        done=_("已形成联合回应（统一口径）。"),
    )


@staff_required
@require_POST
def coordination_publish(request, pk):
    def service(coordination, **data):
        return services.publish_joint_response(
            coordination=coordination, actor=request.user, **data
        )

    return _coordination_act(
        request,
        pk,
        name="publish",
        form_class=PublishJointForm,
        service=service,
        done=_("联合回应已作为本事件的回应登记并公开。"),
    )


# --- 会商: an invited agency's side ----------------------------------------------------------


def _may_answer_anywhere(user) -> bool:
    return can_anywhere(user, "opinion.coordination_answer")


@never_cache
@staff_required
def part_list(request):
    if not _may_answer_anywhere(request.user):
        raise PermissionDenied(_("您没有答复舆情会商的权限。"))
    context = {
        "pending": selectors.parts_for_user(request.user, pending=True, limit=PAGE_SIZE),
        "recent": selectors.parts_for_user(request.user, pending=False, limit=PAGE_SIZE),
    }
    return render(request, "workbench/opinion/parts.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def part_detail(request, pk):
    part = selectors.part_for_staff(request.user, pk)
    if part is None:
        raise Http404(_("该会商事项不存在，或不是邀请贵单位答复的。"))
    coordination = part.coordination
    may_answer = (
        part.state == "pending"
        and coordination.is_open
        and not coordination.event.is_closed
        and can(request.user, "opinion.coordination_answer", part)
    )
    form = AnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("该会商事项已不能答复。"))
        if form.is_valid():
            done = run_action(
                request,
                lambda: services.answer_part(
                    part=part, actor=request.user, answer=form.cleaned_data["answer"]
                ),
                form=form,
                success=_("已答复，牵头单位已收到通知。"),
                redirect_to=reverse("workbench:opinion_part", args=[part.pk]),
            )
            if done:
                return done
    return render(
        request,
        "workbench/opinion/part.html",
        {"part": part, "coordination": coordination, "event": coordination.event, "form": form},
        status=400 if request.method == "POST" else 200,
    )
