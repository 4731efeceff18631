"""Forms of the 网民留言 pages. They only collect input: the limits and checks are the
service's (participation.messages.texts), shown back next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.orgs.models import Agency
from sunshine.participation.messages.choices import BODY_MAX, SUBJECT_MAX


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MessageForm(forms.Form):
    agency = AgencyChoiceField(
        label=_("留言对象"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("不确定，请办公厅分派"),
        help_text=_("不清楚由哪个部门办理时，选择“不确定”，系统将给出建议，由办公厅分派。"),
    )
    subject = forms.CharField(
        label=_("留言主题"),
        required=False,
        strip=True,
        help_text=_("不超过 %(n)s 个字。") % {"n": SUBJECT_MAX},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("留言详情"),
        required=False,
        help_text=_("不超过 %(n)s 个字，请写明时间、地点和具体诉求，勿填写与诉求无关的个人信息。")
        % {"n": BODY_MAX},
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    attachments = MultipleFileField(
        label=_("附件"),
        help_text=_("选填，最多 3 个，支持图片、PDF、Word 等常见格式。"),
    )
    is_public = forms.BooleanField(
        label=_("同意答复后在网站公开（个人信息将隐去）"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).only(
            "pk", "name", "path"
        )
