from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.opendata.datasets.choices import PURPOSE_MAX


class ApplicationForm(forms.Form):
    organization = forms.CharField(label=_("申请单位"), max_length=200, required=False)
    purpose = forms.CharField(
        label=_("申请用途"), max_length=PURPOSE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    use_scenario = forms.CharField(
        label=_("使用场景"), max_length=PURPOSE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    security_measures = forms.CharField(
        label=_("安全保障措施"),
        max_length=PURPOSE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：数据存放环境、访问控制、不向第三方提供、用后销毁等。"),
    )
