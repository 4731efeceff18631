"""Where a 问责 case may come from, and how a source object is read: its agency, a title and a
staff URL for the case's snapshot, and whether it may be the source of a case now.

The kinds are data (`SOURCES`): three are kernel objects (an overdue deadline clock, a 差评整改
case, a 督办), read here directly; a complaint is a citizen message, which belongs to the
participation domain, so it is read through the kernel's 督办 registry (the messages feature
declares its messages there as the supervisable kind "message": model, title, staff URL,
agency) and never imported. A case keeps the reference generically (content type + id)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from .choices import SourceKind

COMPLAINT_SUPERVISABLE = "message"  # the 督办 kind of 网民留言 (participation/messages)


@dataclass(frozen=True)
class Source:
    kind: str
    model: Callable[[], type]
    title: Callable
    url: Callable
    agency: Callable
    problem: Callable = lambda obj: None  # why `obj` may not be a source now, or None


@dataclass(frozen=True)
class SourceRef:
    """A resolved source object, with what a new case copies from it."""

    kind: str
    obj: object
    title: str
    url: str
    agency: object
    problem: str | None

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.obj)


def _url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except Exception:
        return ""


# --- 超期办理: a clock that is overdue now, or stopped late ----------------------------------------


def _clock_model():
    return apps.get_model("deadlines", "Clock")


def _clock_problem(clock) -> str | None:
    from sunshine.kernel.deadlines.selectors import with_time_left

    if clock.state == clock.State.STOPPED:
        return None if clock.met_deadline is False else _("该期限已按期完成，不属于超期办理。")
    live = with_time_left([clock])[0]  # the urgency as of now, not the last sweep's
    if live.urgency != clock.Urgency.OVERDUE:
        return _("该期限尚未逾期。")
    return None


# --- 差评整改, 督办 -------------------------------------------------------------------------------


def _rectification_model():
    return apps.get_model("ratings", "RectificationCase")


def _order_model():
    return apps.get_model("oversight", "SupervisionOrder")


# --- 投诉举报: a citizen message, through the kernel's 督办 registry ------------------------------


def _complaint_entry():
    from sunshine.kernel.duban.registry import SUPERVISABLES

    return SUPERVISABLES.find(COMPLAINT_SUPERVISABLE)


def _complaint_model():
    entry = _complaint_entry()
    return entry.model_class if entry is not None else None


def _complaint(attr: str):
    def read(obj):
        entry = _complaint_entry()
        return getattr(entry, attr)(obj) if entry is not None else None

    return read


def _complaint_problem(obj) -> str | None:
    if _complaint("agency")(obj) is None:
        return _("该留言尚未分派承办单位。")
    return None


SOURCES: dict[str, Source] = {
    SourceKind.OVERDUE_CLOCK: Source(
        SourceKind.OVERDUE_CLOCK,
        _clock_model,
        title=lambda c: c.title,
        url=_url,
        agency=lambda c: c.agency,
        problem=_clock_problem,
    ),
    SourceKind.RECTIFICATION: Source(
        SourceKind.RECTIFICATION,
        _rectification_model,
        title=lambda c: _("差评整改：%(title)s") % {"title": c.title or c.kind},
        url=_url,
        agency=lambda c: c.agency,
    ),
    SourceKind.DUBAN: Source(
        SourceKind.DUBAN,
        _order_model,
        title=lambda o: _("督办：%(title)s") % {"title": o.title},
        url=_url,
        agency=lambda o: o.agency,
    ),
    SourceKind.COMPLAINT: Source(
        SourceKind.COMPLAINT,
        _complaint_model,
        title=lambda m: _("投诉：%(title)s") % {"title": _complaint("title")(m)},
        url=lambda m: _complaint("url")(m) or "",
        agency=_complaint("agency"),
        problem=_complaint_problem,
    ),
}


def source(kind: str) -> Source | None:
    return SOURCES.get(kind)


def resolve(kind: str, pk) -> SourceRef | None:
    """The source object `pk` of `kind`, or None when there is no such kind or object."""
    found = SOURCES.get(kind)
    if found is None:
        return None
    model = found.model()
    if model is None:
        return None
    try:
        obj = model._default_manager.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
    return ref_for(kind, obj) if obj is not None else None


def ref_for(kind: str, obj) -> SourceRef:
    found = SOURCES[kind]
    return SourceRef(
        kind=kind,
        obj=obj,
        title=str(found.title(obj) or obj)[:300],
        url=str(found.url(obj) or "")[:500],
        agency=found.agency(obj),
        problem=found.problem(obj),
    )
