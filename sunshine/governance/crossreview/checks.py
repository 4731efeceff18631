"""Small checks shared by the 交叉互评 services."""

from django.utils.translation import gettext as _

from sunshine.kernel.moderation.checks import contains_markup

from .choices import SUBMIT_DAYS_MAX, TEXT_MAX
from .models import ReviewRound


def clean_text(errors: dict, name: str, value, *, required=False, limit=TEXT_MAX) -> str:
    value = str(value or "").strip()
    if required and not value:
        errors[name] = _("此项必填。")
    elif len(value) > limit:
        errors[name] = _("不能超过%(n)s个字。") % {"n": limit}
    elif contains_markup(value):
        errors[name] = _("不能包含网页代码（HTML）。")
    return value


def clean_submit_days(errors: dict, value):
    if value in (None, ""):
        return None
    try:
        days = int(value)
    except (TypeError, ValueError):
        errors["submit_days"] = _("请填写整数。")
        return None
    if not 1 <= days <= SUBMIT_DAYS_MAX:
        errors["submit_days"] = _("评分期限须为1至%(n)s个工作日。") % {"n": SUBMIT_DAYS_MAX}
    return days


def within(round_: ReviewRound, agency) -> bool:
    return agency is not None and agency.path.startswith(round_.agency.path)


def lock_round(round_: ReviewRound) -> ReviewRound:
    return ReviewRound.objects.select_for_update().get(pk=round_.pk)
