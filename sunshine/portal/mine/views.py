"""我的 (/wode/): one page with the citizen's own lists (each module's, through sections.py),
the site inbox (kernel/notify, read and marked through its selectors and services), and the
account's data download and erasure (kernel/accounts' pages). Staff keep the workbench."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.notify import selectors as inbox_selectors
from sunshine.kernel.notify.inbox_actions import mark_all_read_and_go, mark_read_and_go

from . import own
from .sections import mine_section, mine_sections

OVERVIEW_SIZE = 5
SECTION_SIZE = 100
INBOX_PAGE = 20

own.register()


def citizen_page(view):
    """Signed in (else the login page), not staff (staff have the workbench), never cached."""

    @login_required
    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_government_staff:
            return redirect("workbench:dashboard")
        return view(request, *args, **kwargs)

    return wrapped


def _context(request, **extra):
    return {"column_name": _("我的"), "article_title": _("我的"), **extra}


@citizen_page
def overview(request):
    user = request.user
    sections = [(s, s.items(user, OVERVIEW_SIZE)) for s in mine_sections()]
    inbox = list(inbox_selectors.inbox_for(user)[:OVERVIEW_SIZE])
    return render(
        request,
        "portal/mine/overview.html",
        _context(request, sections=sections, inbox=inbox),
    )


@citizen_page
def section(request, key: str):
    found = mine_section(key)
    if found is None:
        raise Http404
    items = found.items(request.user, SECTION_SIZE)
    return render(
        request, "portal/mine/section.html", _context(request, section=found, items=items)
    )


@citizen_page
def inbox(request):
    page = Paginator(inbox_selectors.inbox_for(request.user), INBOX_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/mine/inbox.html", _context(request, page=page))


@citizen_page
@require_POST
def mark_read(request, pk: int):
    return mark_read_and_go(request, pk, "portal:mine_inbox")


@citizen_page
@require_POST
def mark_all_read(request):
    return mark_all_read_and_go(request, "portal:mine_inbox")
