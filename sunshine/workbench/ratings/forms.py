"""Forms of the 差评整改 steps; each field is a keyword of the matching service."""

from django import forms
from django.utils.translation import gettext_lazy as _

NOTE_MAX = 2000
YES_NO = [("1", _("是")), ("0", _("否"))]


def _note(label, help_text=""):
    return forms.CharField(
        label=label,
        max_length=NOTE_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX}),
        error_messages={
            "required": _("请填写%(label)s。") % {"label": label},
            "max_length": _("不能超过 %(limit_value)d 个字（现有 %(show_value)d 个字）。"),
        },
    )


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择“是”或“否”。")},
    )


class CallbackForm(forms.Form):
    prefix = "callback"
    reached = _yes_no(_("是否联系上评价人"))
    note = _note(_("回访记录"), _("记录回访时间、方式和评价人反映的问题。"))


class VerifyForm(forms.Form):
    prefix = "verify"
    founded = _yes_no(_("反映的问题是否属实"))
    note = _note(_("核实情况"))


class RectifyForm(forms.Form):
    prefix = "rectify"
    note = _note(_("整改措施"), _("写明采取的整改措施和完成情况。"))


class PublishForm(forms.Form):
    prefix = "publish"
    text = _note(_("公示内容"), _("将在“好差评公示”栏目公开；个人信息会自动遮盖。"))


STEP_FORMS = {
    "callback": CallbackForm,
    "verify": VerifyForm,
    "rectify": RectifyForm,
    "publish": PublishForm,
}
