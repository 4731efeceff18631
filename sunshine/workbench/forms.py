"""Forms of the user and role administration (input only; rules in accounts.services), and the
renderer every form is drawn with (settings.FORM_RENDERER): a select's blank choice reads 请选择.
"""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import GLOBAL_ROLES, Role


class StaffCreateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("所属机关"), queryset=None, empty_label=None)
    email = forms.EmailField(label=_("电子邮箱"))
    display_name = forms.CharField(label=_("姓名"), max_length=60)
    password = forms.CharField(
        label=_("初始密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    roles = forms.MultipleChoiceField(
        label=_("角色"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, agencies, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["roles"].choices = roles


class GrantRoleForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("机关"), queryset=None, empty_label=None)
    role = forms.ChoiceField(label=_("角色"), choices=())

    def __init__(self, *args, agencies, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["role"].choices = roles


def role_choices(include_global: bool) -> list[tuple[str, str]]:
    return [(r.value, r.label) for r in Role if include_global or r not in GLOBAL_ROLES]


class ActiveForm(forms.Form):
    active = forms.BooleanField(required=False)


DASHES = BLANK_CHOICE_DASH[0][1]  # "---------": model fields' and ModelChoiceField's blank label
PLEASE_CHOOSE = _("请选择")


class PleaseChooseRenderer(DjangoTemplates):
    """Django's own form renderer, except that the blank option of a select, which Django
    labels "---------" (a model field's BLANK_CHOICE_DASH, ModelChoiceField's default
    empty_label), says 请选择. One place for every form: a form that names its own blank label
    (empty_label=_("全省范围")) keeps it, and a form without a blank choice is untouched."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name.endswith("select.html") else None
        for _group, options, _index in (widget or {}).get("optgroups", ()):
            for option in options:
                if option["value"] == "" and option["label"] == DASHES:
                    option["label"] = PLEASE_CHOOSE
        return super().render(template_name, context, request=request)
