"""列席报名: a citizen or enterprise applies to attend a public meeting. One application per
account per meeting; the checks give one clear message per field so the form can show it
next to the field and keep what was typed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.moderation.checks import contains_markup

from .models import AttendanceApplication, Category, Meeting

NAME_MAX = 60
CONTACT_MAX = 100
REASON_MAX = 2000


def applications_closed(meeting: Meeting, now=None) -> bool:
    """Whether the application period is over (state or deadline)."""
    if meeting.state != Meeting.State.APPLICATIONS_OPEN:
        return True
    close_at = meeting.applications_close_at
    return close_at is not None and (now or clock.now()) >= close_at


def _check_fields(meeting: Meeting, *, category: str, name: str, contact: str, reason: str):
    errors: dict[str, str] = {}
    if category not in Category.values:
        errors["category"] = _("请选择列席类别。")
    elif not meeting.seats.filter(category=category, seats__gt=0).exists():
        errors["category"] = _("该会议没有此类别的列席名额。")
    if not name:
        errors["name"] = _("请填写姓名或单位名称。")
    elif len(name) > NAME_MAX:
        errors["name"] = _("姓名或单位名称不能超过%(n)d个字。") % {"n": NAME_MAX}
    elif contains_markup(name):
        errors["name"] = _("姓名不能包含网页代码（HTML）。")
    if not contact:
        errors["contact"] = _("请填写联系方式（手机号码或电子邮箱）。")
    elif len(contact) > CONTACT_MAX:
        errors["contact"] = _("联系方式不能超过%(n)d个字。") % {"n": CONTACT_MAX}
    elif contains_markup(contact):
        errors["contact"] = _("联系方式不能包含网页代码（HTML）。")
    if len(reason) > REASON_MAX:
        errors["reason"] = _("申请理由不能超过%(n)d个字（现有%(len)d个字）。") % {
            "n": REASON_MAX,
            "len": len(reason),
        }
    elif contains_markup(reason):
        errors["reason"] = _("申请理由不能包含网页代码（HTML），请只填写文字。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def apply(
    *, actor, meeting: Meeting, category: str, name: str, contact: str, reason: str = ""
) -> AttendanceApplication:
    """A citizen or enterprise applies to attend (列席). One application per user per meeting."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("请先登录后再报名。"))
    if actor.is_government_staff:
        raise PermissionDenied(_("工作人员不能以公众身份报名列席。"))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if applications_closed(meeting):
        raise ValidationError(_("该会议当前不接受列席报名（报名未开始或已截止）。"))
    name, contact, reason = name.strip(), contact.strip(), reason.strip()
    _check_fields(meeting, category=category, name=name, contact=contact, reason=reason)
    if meeting.applications.filter(applicant=actor).exists():
        raise ValidationError(_("您已报名该会议，每人只能报名一次。"))
    application = AttendanceApplication.objects.create(
        meeting=meeting,
        category=category,
        applicant=actor,
        name=name,
        contact=contact,
        reason=reason,
        created_at=clock.now(),
    )
    record_event(
        action="meeting.apply",
        actor=actor,
        obj=application,
        agency=meeting.agency,
        data={"meeting": meeting.pk, "category": category},
    )
    return application
