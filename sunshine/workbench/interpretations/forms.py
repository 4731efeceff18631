"""Forms of the interpretation pages. They only collect input: the services validate and
their ValidationErrors are shown next to the fields (attach_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.interpretations.choices import InterpretationKind


class InterpretationForm(forms.Form):
    kind = forms.ChoiceField(label=_("解读形式"), choices=InterpretationKind.choices)
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(
        label=_("解读正文 / 文字实录"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("文字解读必填；访谈、发布会可填写文字实录。每段一行。"),
    )
    media_url = forms.CharField(
        label=_("音视频地址"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("音视频解读必填；以 http:// 或 https:// 开头。"),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("上传图片或文件"),
        help_text=_("图解请上传图片（PNG、JPEG、GIF、WEBP）；也可上传 PDF、DOCX、XLSX、TXT。"),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("免于解读的理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
