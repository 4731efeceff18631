"""Forms of 督办; each field is a keyword of the matching service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.duban.rules import MAX_RESPONSE_DAYS

TEXT_MAX = 2000


def _text(label, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
        error_messages={
            "required": _("请填写%(label)s。") % {"label": label},
            "max_length": _("不能超过 %(limit_value)d 个字（现有 %(show_value)d 个字）。"),
        },
    )


class IssueForm(forms.Form):
    reason = _text(_("督办事由"), help_text=_("写明督办的问题和要求。"))
    response_days = forms.IntegerField(
        label=_("反馈时限（工作日）"),
        min_value=1,
        max_value=MAX_RESPONSE_DAYS,
        error_messages={
            "required": _("请填写反馈时限。"),
            "invalid": _("反馈时限应为整数。"),
            "min_value": _("反馈时限至少 1 个工作日。"),
            "max_value": _("反馈时限不能超过 %(limit_value)s 个工作日。"),
        },
    )


class RespondForm(forms.Form):
    prefix = "respond"
    text = _text(_("反馈情况"), help_text=_("写明办理情况和结果。"))


class CloseForm(forms.Form):
    prefix = "close"
    verdict = _text(
        _("办结意见"), required=False, help_text=_("承办机关尚未反馈时，必须写明办结理由。")
    )
