"""Forms of the staff briefing pages; the services validate (messages next to the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.orgs.models import Agency
from sunshine.participation.briefings.choices import BriefingKind, MediaKind

from ..meetings.forms import LocalDateTimeField


class BriefingForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("主办单位"), queryset=None)
    kind = forms.ChoiceField(label=_("形式"), choices=BriefingKind.choices)
    title = forms.CharField(label=_("标题"), required=False)
    scheduled_at = LocalDateTimeField(label=_("举行时间"))
    place = forms.CharField(label=_("地点"), required=False)
    online_url = forms.CharField(
        label=_("在线收看地址"),
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    summary = forms.CharField(
        label=_("简介"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agencies=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), required=False)
    post = forms.CharField(label=_("职务"), required=False)
    agency = forms.ModelChoiceField(
        label=_("所在单位"), queryset=Agency.objects.filter(is_active=True), required=False
    )
    is_principal_leader = forms.BooleanField(label=_("主要负责人"), required=False)


SpeakerFormSet = forms.formset_factory(SpeakerForm, extra=2, max_num=20)


class PoliciesForm(forms.Form):
    policies = forms.CharField(
        label=_("相关政策文件"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个已主动公开文件的索引号（或文件编号）。"),
    )

    def refs(self) -> list[str]:
        return [ln.strip() for ln in self.cleaned_data["policies"].splitlines() if ln.strip()]


class RecordForm(forms.Form):
    transcript = forms.CharField(
        label=_("文字实录"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("每段一行，纯文字。"),
    )
    video = forms.CharField(
        label=_("视频链接"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    audio = forms.CharField(
        label=_("音频链接"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo = forms.CharField(
        label=_("图片链接"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个链接，以 http:// 或 https:// 开头。"),
    )

    def media_links(self) -> list[dict]:
        return [
            {"kind": kind, "url": line.strip()}
            for kind in MediaKind.values
            for line in self.cleaned_data.get(kind, "").splitlines()
            if line.strip()
        ]

    @classmethod
    def initial_for(cls, briefing) -> dict:
        initial = {"transcript": briefing.transcript}
        for kind in MediaKind.values:
            initial[kind] = "\n".join(
                m["url"] for m in briefing.media_links or [] if m.get("kind") == kind
            )
        return initial


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("上传附件"), help_text=_("发布稿、图片等：PDF、DOCX、XLSX、TXT 或图片。")
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
