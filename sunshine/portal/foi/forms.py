"""Forms of the public FOI pages: they only collect input; the rules (identity numbers, markup,
lengths) are in the domain's validation, whose errors are put back on these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.forms import ApplicationForm


class ApplyForm(ApplicationForm):
    """The online form: the application, and the pages the applicant expects, for the fee
    estimate shown inside the form (not part of the application; the agency decides the fee)."""

    pages = forms.CharField(
        label=_("所需信息约多少页"),
        required=False,
        help_text=_("仅用于估算费用，可不填。"),
        widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
    )

    def application(self) -> dict:
        """The values the service takes (without the estimate's input)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "pages"}


class SupplyForm(forms.Form):
    text = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 5}))


class DeadlineForm(forms.Form):
    """期限计算器: the days the applicant knows (validated by the domain's calculator)."""

    received = forms.CharField(
        label=_("收到申请日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("当面提交为提交之日，邮寄为签收之日，网上提交为系统确认之日。"),
    )
    correction_received = forms.CharField(
        label=_("收到补正申请日期（如有）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    third_party_sent = forms.CharField(
        label=_("征求第三方意见日期（如有）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    third_party_answered = forms.CharField(
        label=_("第三方答复日期（如有）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    extension = forms.CharField(
        label=_("延长的工作日（0–20）"), required=False, widget=forms.NumberInput()
    )


class EstimateForm(forms.Form):
    items_this_month = forms.CharField(label=_("本件为本月第几件申请"), required=False)
    pages = forms.CharField(label=_("所需信息约多少页"), required=False)
