"""The one-click way from a source page to a new 问责 case: the panel that the pages of an
overdue clock, a 差评整改 case, a 督办 and a citizen message render with their object,

    {% load accountability %}{% accountability_panel "overdue_clock" clock %}

It lists the cases opened from that object (those the user may see) and, for those who may
open cases, shows "发起问责" when the object may be a source now (a clock only once overdue)
and has no open case; the button opens the pre-filled form (workbench:accountability_new)."""

from django.urls import reverse
from django.utils.http import urlencode

from sunshine.governance.accountability import selectors

from ..access import may_anywhere


def panel_context(user, kind: str, obj) -> dict:
    if obj is None or user is None or not may_anywhere(user, "accountability.view"):
        return {"show": False}
    cases = list(selectors.cases_of_source(user, obj).order_by("-opened_at", "-id")[:5])
    may_open = False
    if may_anywhere(user, "accountability.open") and not any(c.is_open for c in cases):
        ref = selectors.source_ref(kind, obj)
        may_open = ref is not None and not ref.problem
    url = reverse("workbench:accountability_new") + "?" + urlencode({"source": kind, "id": obj.pk})
    return {"show": bool(cases) or may_open, "cases": cases, "may_open": may_open, "open_url": url}
