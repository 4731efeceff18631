"""Forms of the public FOI pages: they only collect input; the rules (identity numbers, markup,
lengths) are in the domain's validation, whose errors are put back on these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.forms import ApplicationForm  # noqa: F401


class SupplyForm(forms.Form):
    text = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 5}))


class EstimateForm(forms.Form):
    items_this_month = forms.CharField(label=_("本件为本月第几件申请"), required=False)
    pages = forms.CharField(label=_("所需信息约多少页"), required=False)
