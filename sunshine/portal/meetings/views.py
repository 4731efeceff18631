"""会议公开 on the portal: the list of public meetings (/hygk/), one meeting with its 列席 plan,
minutes and decisions, the application form, and the published draw with everything needed to
re-run it. Thin: reads through the meetings selectors, writes through the services."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sunshine.kernel.accounts.forms import save_form
from sunshine.kernel.sites.scope import within_site
from sunshine.participation.meetings import selectors, services
from sunshine.participation.meetings.applications import applications_closed
from sunshine.participation.meetings.choices import PUBLISH_MODES, MeetingState

from ..pagecache import anonymous_page_cache, render_context
from .forms import ApplicationForm

PAGE_SIZE = 20
COLUMN = {
    "current_column": "hdjl",
    "column_name": gettext_lazy("会议公开"),
    "column_type": gettext_lazy("互动交流"),
}
PUBLIC_STATES = [s for s in MeetingState.choices if s[0] != MeetingState.PLANNED]


def _meeting(pk):
    meeting = selectors.meeting_for_public(pk)
    if meeting is None:
        raise Http404(_("该会议不存在或不公开。"))
    return meeting


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


@anonymous_page_cache
def meeting_list(request):
    state = request.GET.get("state", "")
    state = state if state in dict(PUBLIC_STATES) else ""
    items = within_site(selectors.public_meetings(state=state or None), request)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for meeting in page.object_list:
        meeting.modes = [str(label) for key, label in PUBLISH_MODES if key in meeting.publish_modes]
    context = {
        **COLUMN,
        "article_title": _("会议公开"),
        "page": page,
        "state": state,
        "states": PUBLIC_STATES,
    }
    return render(request, "portal/meetings/list.html", render_context(request, context))


def _detail_context(request, meeting) -> dict:
    modes = [str(label) for key, label in PUBLISH_MODES if key in meeting.publish_modes]
    starts = timezone.localtime(meeting.starts_at)
    return {
        **COLUMN,
        "meeting": meeting,
        "modes": modes,
        "seat_rows": selectors.seat_rows(meeting),
        "accepting": not applications_closed(meeting),
        "draw": selectors.public_draw(meeting),
        "description": _paragraphs(meeting.description),
        "minutes": _paragraphs(meeting.minutes),
        "decisions": _paragraphs(meeting.decisions),
        "article_title": meeting.title,
        "pub_date": f"{starts:%Y-%m-%d %H:%M}",
        "content_source": meeting.agency.name,
        "author": meeting.agency.name,
        "description_meta": meeting.title,
    }


@anonymous_page_cache
def meeting_detail(request, pk):
    meeting = _meeting(pk)
    context = _detail_context(request, meeting)
    context["my_application"] = selectors.application_of(request.user, meeting)
    return render(request, "portal/meetings/detail.html", render_context(request, context))


@anonymous_page_cache
def meeting_draw(request, pk):
    meeting = _meeting(pk)
    context = _detail_context(request, meeting)
    if context["draw"] is None:
        raise Http404(_("该会议尚未抽签。"))
    context["article_title"] = _("%(title)s 列席抽签结果") % {"title": meeting.title}
    return render(request, "portal/meetings/draw.html", render_context(request, context))


@require_http_methods(["GET", "POST"])
def meeting_apply(request, pk):
    meeting = _meeting(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    existing = selectors.application_of(request.user, meeting)
    categories = [
        (r["category"], f"{r['label']}（{r['seats']}）") for r in selectors.seat_rows(meeting)
    ]
    initial = {"name": request.user.enterprise_name or request.user.display_name}
    form = ApplicationForm(request.POST or None, categories=categories, initial=initial)
    if request.method == "POST" and existing is None and form.is_valid():

        def save(**data):
            return services.apply(actor=request.user, meeting=meeting, **data)

        if save_form(form, save) is not None:
            messages.success(
                request,
                _("报名成功。报名截止后将公开抽签（如报名人数超过名额），结果会通知您。"),
            )
            return redirect("portal:meetings_detail", pk=meeting.pk)
    context = {
        **COLUMN,
        "meeting": meeting,
        "form": form,
        "existing": existing,
        "accepting": not applications_closed(meeting),
        "article_title": _("报名列席：%(title)s") % {"title": meeting.title},
    }
    return render(request, "portal/meetings/apply.html", context)
