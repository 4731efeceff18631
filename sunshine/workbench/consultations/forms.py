"""Forms of the consultation staff pages. They only collect input: the services validate and
their ValidationErrors are shown next to the fields (attach_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.participation.consultations.choices import Adoption, ModerationMode


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    summary = forms.CharField(
        label=_("内容简介"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    draft_text = forms.CharField(
        label=_("征求意见稿正文"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("按“第X章”“第X条”分行书写，系统自动逐条拆分；没有条文的，按段落拆分。"),
    )
    explanation = forms.CharField(
        label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    is_major_decision = forms.BooleanField(
        label=_("重大行政决策（征求意见期不少于30日）"), required=False
    )
    moderation_mode = forms.ChoiceField(
        label=_("意见审核方式"), choices=ModerationMode.choices, initial=ModerationMode.POST
    )
    start_date = forms.DateField(
        label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    contact = forms.CharField(
        label=_("意见反馈方式（电话、邮箱、地址）"), required=False, max_length=200
    )
    short_period_reason = forms.CharField(
        label=_("缩短征求期限的理由（仅签发人填写）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "重大行政决策征求意见期少于30日的，须由签发人说明理由，理由将公开并记入审计日志。"
        ),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"] = forms.ModelChoiceField(
                label=_("征求意见机关"), queryset=agencies, empty_label=None
            )
            self.order_fields(["agency"])


class ShortPeriodForm(forms.Form):
    short_period_reason = forms.CharField(
        label=_("缩短征求期限的理由"), widget=forms.Textarea(attrs={"rows": 2})
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("上传依据文件"), help_text=_("PDF、DOCX、XLSX、TXT 或图片。"))


class LinkForm(forms.Form):
    title = forms.CharField(label=_("依据名称"), max_length=300)
    url = forms.CharField(label=_("链接"), max_length=500, widget=forms.URLInput())


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), required=False, max_length=300)


class AdoptionForm(forms.Form):
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=Adoption.choices)
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GroupAdoptionForm(AdoptionForm):
    group_label = forms.CharField(label=_("意见归类"), max_length=100)


class FeedbackForm(forms.Form):
    feedback_report = forms.CharField(
        label=_("采纳情况说明"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("概述意见总体情况、采纳情况及未采纳的主要理由。每段一行。"),
    )
