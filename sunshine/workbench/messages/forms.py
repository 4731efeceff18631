"""Staff forms of 网民留言: they collect input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.orgs.models import Agency
from sunshine.participation.messages.categories import CATEGORIES


def _category_field(required=False):
    return forms.ChoiceField(
        label=_("留言分类"),
        choices=[("", _("（不变）"))] + [(c, c) for c in CATEGORIES],
        required=required,
    )


class _AgencyField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _agency_field(label):
    return _AgencyField(
        label=label,
        queryset=Agency.objects.filter(is_active=True).only("pk", "name", "path"),
        error_messages={"required": _("请选择承办单位。")},
    )


class AssignForm(forms.Form):
    agency = _agency_field(_("派往单位"))
    category = _category_field()
    comment = forms.CharField(label=_("派单意见"), required=False, max_length=500)


class TransferForm(forms.Form):
    agency = _agency_field(_("转办至"))
    category = _category_field()
    reason = forms.CharField(
        label=_("转办理由"),
        max_length=500,
        error_messages={"required": _("请填写转办理由。")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CategoryForm(forms.Form):
    category = _category_field(required=True)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"),
        max_length=500,
        error_messages={"required": _("请填写理由。")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("答复内容"),
        error_messages={"required": _("请填写答复内容。")},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    publish = forms.BooleanField(
        label=_("同时在网站公开（个人信息自动隐去）"), required=False, initial=True
    )


class ExtendForm(forms.Form):
    length = forms.IntegerField(
        label=_("延期（工作日）"),
        min_value=1,
        max_value=10,
        initial=10,
        error_messages={
            "required": _("请填写延期天数。"),
            "max_value": _("延期不得超过 10 个工作日。"),
            "min_value": _("延期天数应为正整数。"),
        },
    )
    reason = forms.CharField(
        label=_("延期理由"),
        max_length=300,
        error_messages={"required": _("请填写延期理由。")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishForm(forms.Form):
    published = forms.BooleanField(required=False)
    public_subject = forms.CharField(label=_("公开主题"), required=False, max_length=100)
    public_body = forms.CharField(
        label=_("公开留言内容"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    public_reply = forms.CharField(
        label=_("公开答复内容"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class BulkAssignForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(
        coerce=int, choices=[], error_messages={"required": _("请勾选要派单的留言。")}
    )
    agency = _agency_field(_("派往单位"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.data:
            self.fields["ids"].choices = [(v, v) for v in self.data.getlist("ids")]

    def clean_ids(self):
        return [int(v) for v in self.cleaned_data["ids"]]
