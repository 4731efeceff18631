"""Forms of the gazette pages. They only collect input: the services validate and their
ValidationErrors are shown next to the fields (attach_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class IssueForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=1949, max_value=2100)
    number = forms.IntegerField(label=_("期号"), min_value=1, max_value=999, help_text=_("第几期"))
    total_number = forms.IntegerField(
        label=_("总期号"), required=False, min_value=1, help_text=_("总第几期，可不填")
    )
    publication_date = forms.DateField(
        label=_("出版日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    cover_note = forms.CharField(
        label=_("封面说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class NewIssueForm(IssueForm):
    agency = forms.ModelChoiceField(label=_("编辑机关"), queryset=None, empty_label=None)
    historical = forms.BooleanField(
        label=_("历史公报"),
        required=False,
        help_text=_("往期公报：创建后上传整期 PDF，系统逐页识别文字并按标题拆分文章。"),
    )
    field_order = ["agency", "year", "number", "total_number", "publication_date", "cover_note"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("公报 PDF"),
        help_text=_("整期公报的 PDF：电子版直接提取文字，扫描件逐页文字识别（每页约 2–3 秒）。"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    doc_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    section = forms.CharField(
        label=_("栏目"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"list": "gz-sections"}),
    )
    page_start = forms.IntegerField(label=_("起始页"), min_value=1, required=False)
    page_end = forms.IntegerField(label=_("结束页"), min_value=1, required=False)
    body = forms.CharField(
        label=_("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("每段一行。"),
    )


class SplitForm(forms.Form):
    paragraph = forms.IntegerField(label=_("从第几段起拆为新文章"), min_value=1)
    title = forms.CharField(
        label=_("新文章标题"),
        max_length=300,
        required=False,
        help_text=_("不填则以该段文字作为新文章的标题。"),
    )


class ShiftForm(forms.Form):
    count = forms.IntegerField(label=_("段数"), min_value=1, max_value=500, initial=1)
    direction = forms.ChoiceField(
        label=_("方向"),
        choices=[
            ("in", _("把下一篇开头的段落移入本篇")),
            ("out", _("把本篇末尾的段落移到下一篇")),
        ],
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
