from django import forms
from django.utils.translation import gettext_lazy as _


class SynonymGroupForm(forms.Form):
    words = forms.CharField(
        label=_("同义词"),
        max_length=500,
        help_text=_("用空格分开，全称写在最前面，例如：社会保险 社保"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class SynonymChangeForm(SynonymGroupForm):
    is_active = forms.BooleanField(label=_("启用"), required=False)
