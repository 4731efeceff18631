from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.releases.choices import GROUND_CHOICES


def _grounds():
    return [("", _("请选择"))] + list(GROUND_CHOICES)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        help_text=_("PDF 或 DOCX，按文件内容识别；原件不对外提供。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    title = forms.CharField(
        label=_("名称"), max_length=200, required=False, help_text=_("不填则用文件名")
    )


class TextRedactionForm(forms.Form):
    text = forms.CharField(
        label=_("要删除的文字"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("从文件中复制粘贴；文件中出现的每一处都会删除。"),
    )
    ground = forms.ChoiceField(label=_("不予公开的理由"), choices=_grounds)
    note = forms.CharField(
        label=_("说明"),
        max_length=300,
        required=False,
        help_text=_("写入告知书，如“第三方姓名和联系方式”；不要写被删除的内容。"),
    )


class BoxRedactionForm(forms.Form):
    page = forms.IntegerField(label=_("页码"), min_value=1)
    x0 = forms.FloatField(label=_("左（点）"))
    y0 = forms.FloatField(label=_("上（点）"))
    x1 = forms.FloatField(label=_("右（点）"))
    y1 = forms.FloatField(label=_("下（点）"))
    ground = forms.ChoiceField(label=_("不予公开的理由"), choices=_grounds)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("x0", "y0", "x1", "y1"):
            self.fields[name].widget.attrs.update(step="any", inputmode="decimal")
