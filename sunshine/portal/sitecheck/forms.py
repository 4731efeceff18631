"""The 我为政府网站找错 form: it only collects input; the checks are the service's
(assessment.errorreports.services), shown back next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.assessment.errorreports.choices import (
    CONTACT_MAX,
    DESCRIPTION_MAX,
    URL_MAX,
    ErrorKind,
)


class ErrorReportForm(forms.Form):
    page_url = forms.CharField(
        label=_("出错页面网址"),
        max_length=URL_MAX,
        required=False,
        help_text=_("从出错页面进入时已自动填写。"),
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("错误类型"), choices=[("", "—")] + list(ErrorKind.choices), required=False
    )
    description = forms.CharField(
        label=_("错误描述"),
        required=False,
        help_text=_("不超过 %(n)s 个字：哪里错了，正确的应该是什么。") % {"n": DESCRIPTION_MAX},
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX}),
    )
    contact_name = forms.CharField(label=_("称呼（选填）"), max_length=40, required=False)
    contact = forms.CharField(
        label=_("联系方式（选填）"),
        max_length=CONTACT_MAX,
        required=False,
        help_text=_("电话或电子邮箱，仅用于核实情况，不会公开。"),
    )
    # A field people never see: a bot that fills it is refused (with the rate limit).
    website = forms.CharField(
        required=False,
        label=_("请勿填写"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
