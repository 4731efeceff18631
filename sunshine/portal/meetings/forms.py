"""The 列席 application form. It only collects input: the service checks it and its messages
are put next to the fields, with everything typed kept."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ApplicationForm(forms.Form):
    category = forms.ChoiceField(label=_("列席类别"), widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("姓名或单位名称"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_("联系方式"),
        required=False,
        help_text=_("手机号码或电子邮箱，仅供工作人员联系，不公开。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    reason = forms.CharField(
        label=_("申请理由"),
        required=False,
        help_text=_("选填，不超过2000字；请勿填写网页代码。"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = list(categories)
        # The service gives the message for a missing choice, next to the field.
        self.fields["category"].required = False
