"""Forms of the 公开答复库 staff pages: they only collect input; the services check it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=400)
    question = forms.CharField(
        label=_("申请内容（已去除个人信息）"), widget=forms.Textarea(attrs={"rows": 5})
    )
    answer = forms.CharField(
        label=_("答复内容（已去除个人信息）"), widget=forms.Textarea(attrs={"rows": 8})
    )
    files = forms.MultipleChoiceField(
        label=_("一并公开的文件（已处理的提供文件）"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, released=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].choices = [(str(f.pk), f.title) for f in released]
        if not released:
            del self.fields["files"]
        for field in self.fields.values():
            field.required = False  # the service names what is missing


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=600, required=False)
