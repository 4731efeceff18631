"""Forms of the account pages. They only collect input: the rules live in services.py, whose
ValidationError message dicts are put back on these fields (attach_errors)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def attach_errors(form: forms.Form, exc: ValidationError, aliases=None) -> None:
    """Show a service's ValidationError next to the fields it names (the rest on top);
    `aliases` maps a service's field name to the form's (e.g. comment -> change_note)."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            field = aliases.get(field, field)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


def report_refusal(request, exc) -> None:
    """Show a service's refusal (ValidationError or PermissionDenied) as error messages, for
    actions that have no form to put them on (buttons that POST)."""
    from django.contrib import messages

    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def attach_refusal(form: forms.Form, exc, aliases=None) -> None:
    """Show a service's refusal on the form: a ValidationError next to the fields it names
    (attach_errors), a PermissionDenied's reason on top."""
    if isinstance(exc, ValidationError):
        attach_errors(form, exc, aliases)
    else:
        form.add_error(None, str(exc))


def save_form(form: forms.Form, save):
    """Run `save(**form.cleaned_data)` (a service call); when the service refuses, show its
    reasons on the form and return None, so the page re-renders with the user's input kept.
    (The portal's forms; the workbench uses sunshine.workbench.actions.run_action.)"""
    from django.core.exceptions import PermissionDenied

    try:
        return save(**form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        attach_refusal(form, exc)
    return None


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"), widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class _PasswordPair(forms.Form):
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少10位，须包含字母和数字等不同类型的字符。"),
    )
    password2 = forms.CharField(
        label=_("确认密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password2") != data.get("password"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data


class CitizenRegistrationForm(_PasswordPair):
    field_order = ["email", "display_name", "mobile", "id_number", "password", "password2"]
    email = forms.CharField(
        label=_("电子邮箱"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    mobile = forms.CharField(
        label=_("手机号码"),
        max_length=11,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}),
    )
    id_number = forms.CharField(
        label=_("居民身份证号码"),
        max_length=18,
        required=False,
        help_text=_("选填；填写后用于实名办理业务。"),
    )


class EnterpriseRegistrationForm(_PasswordPair):
    field_order = ["email", "enterprise_name", "credit_code", "display_name", "password"]
    email = forms.CharField(
        label=_("电子邮箱"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    enterprise_name = forms.CharField(label=_("单位名称"), max_length=100)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    display_name = forms.CharField(label=_("联系人姓名"), max_length=60, required=False)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("请输入密码确认"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("我已了解：注销后个人信息将被删除，且无法恢复。"))
