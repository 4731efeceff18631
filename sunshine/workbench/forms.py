"""Forms of the user and role administration. Input only; rules in accounts.services."""

from django import forms
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
