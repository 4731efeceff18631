"""The completeness check of a 办事指南 (rules.md §6): every element present, each missing one
named, and 承诺时限 ≤ 法定时限."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# (field, label) of the text elements; 办理材料 is checked on the material rows.
GUIDE_TEXT_FIELDS = [
    ("name", gettext_lazy("事项名称")),
    ("basis", gettext_lazy("设定依据")),
    ("conditions", gettext_lazy("申请条件")),
    ("location", gettext_lazy("办理地点")),
    ("handling_unit", gettext_lazy("办理机构")),
    ("fee_standard", gettext_lazy("收费标准")),
    ("office_hours", gettext_lazy("办理时间")),
    ("phone", gettext_lazy("联系电话")),
    ("procedure", gettext_lazy("办理流程")),
]


def missing_elements(item) -> list[str]:
    """The labels of the guide elements the item still lacks, in the order of the guide."""
    missing = []
    for field, label in GUIDE_TEXT_FIELDS:
        if not str(getattr(item, field) or "").strip():
            missing.append(str(label))
        if field == "conditions" and (item.pk is None or not item.materials.exists()):
            missing.append(_("办理材料"))
    if not item.promised_days:
        missing.append(_("承诺时限"))
    if not item.statutory_days:
        missing.append(_("法定时限"))
    return missing


def check_days(promised: int | None, statutory: int | None) -> None:
    if promised and statutory and promised > statutory:
        raise ValidationError(
            {
                "promised_days": _("承诺时限（%(p)s 个工作日）不得超过法定时限（%(s)s 个工作日）。")
                % {"p": promised, "s": statutory}
            }
        )


def check_guide(item) -> None:
    problems = []
    missing = missing_elements(item)
    if missing:
        problems.append(_("办事指南要素不全，缺少：%(list)s。") % {"list": "、".join(missing)})
    try:
        check_days(item.promised_days, item.statutory_days)
    except ValidationError as exc:
        problems.extend(exc.messages)
    if not (item.online or item.offline):
        problems.append(_("请至少选择一种办理渠道（网上办理或窗口办理）。"))
    if not (item.for_persons or item.for_enterprises):
        problems.append(_("请选择面向对象（个人或法人）。"))
    if problems:
        raise ValidationError(problems)
