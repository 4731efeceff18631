from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.opendata.trading.choices import COMPLAINT_TEXT_MAX


def _area(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": COMPLAINT_TEXT_MAX}),
    )


class ComplaintForm(forms.Form):
    """投诉书 (政府采购质疑和投诉办法 Art. 18): the service checks every field and says which
    one is wrong; the form keeps what was typed."""

    announcement = forms.TypedChoiceField(
        label=_("针对的公告"), required=False, coerce=int, empty_value=None
    )
    complainant_name = forms.CharField(
        label=_("投诉人名称"), required=False, max_length=200,
        help_text=_("供应商的单位名称或个人姓名。"),
    )  # fmt: skip
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), required=False, max_length=18,
        help_text=_("单位必填；个人投诉可不填（姓名公开时隐去名字）。"),
    )  # fmt: skip
    contact = forms.CharField(label=_("联系电话"), required=False, max_length=40)
    matters = _area(_("投诉事项"), _("具体的投诉事项。"))
    facts = _area(_("事实依据"), _("证明权益受到损害的事实和依据。"))
    request_text = _area(_("投诉请求"), rows=3)
    challenge = _area(
        _("质疑和质疑答复情况"),
        _("投诉前应先向采购人或代理机构质疑：写明质疑日期、答复日期和答复内容。"),
        rows=3,
    )

    def __init__(self, *args, announcements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["announcement"].choices = [("", _("整个项目"))] + [
            (a.pk, f"{a.published_on:%Y-%m-%d} {a.title}") for a in announcements
        ]


class CorrectionForm(forms.Form):
    """补正: what the 补正通知 asked for; the service checks it and keeps it."""

    text = _area(_("补正内容"), _("逐项说明补正的内容。"), rows=5)
    file = forms.FileField(
        label=_("补正材料（可选）"),
        required=False,
        help_text=_("一个文件：PDF、Word、Excel、文本或图片。"),
    )
