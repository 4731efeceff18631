"""Checking an application's fields before a service writes them: every problem at once, by
field, in words an applicant understands (identity numbers checked with the kernel's
GB 11643 / GB 32100 validators; no markup in plain-text fields)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.orgs.codes import validate_credit_code, validate_id_number

from .choices import ApplicantType, Channel, DeliveryForm

NAME_MAX = 100
DESCRIPTION_MAX = 2000
DESCRIPTION_MIN = 5
TEXT_MAX = 2000
_PHONE = re.compile(r"^[0-9+\-() ]{7,20}$")

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_number",
    "credit_code",
    "contact_person",
    "phone",
    "email",
    "address",
    "description",
    "delivery_form",
)


def clean_text(value, *, field: str, label: str, errors: dict, required=True, max_length=TEXT_MAX):
    text = str(value or "").replace("\r\n", "\n").strip()
    if required and not text:
        errors[field] = [_("请填写%(label)s。") % {"label": label}]
    elif len(text) > max_length:
        errors[field] = [
            _("%(label)s不能超过 %(n)s 个字（现为 %(m)s 个字）。")
            % {"label": label, "n": max_length, "m": len(text)}
        ]
    elif contains_markup(text):
        errors[field] = [_("%(label)s中不能包含网页标记或脚本。") % {"label": label}]
    return text


def clean_application(values: dict) -> dict:
    """The cleaned applicant and request fields (ValidationError by field)."""
    errors: dict[str, list[str]] = {}
    kind = str(values.get("applicant_type") or "")
    if kind not in ApplicantType.values:
        errors["applicant_type"] = [_("请选择申请人类型。")]
    name = clean_text(
        values.get("applicant_name"),
        field="applicant_name",
        label=_("申请人姓名或名称"),
        errors=errors,
        max_length=NAME_MAX,
    )
    id_number = str(values.get("id_number") or "").strip().upper()
    credit_code = str(values.get("credit_code") or "").strip().upper()
    if kind == ApplicantType.NATURAL_PERSON:
        credit_code = ""
        if not id_number:
            errors["id_number"] = [_("自然人申请须填写居民身份证号码。")]
        else:
            try:
                validate_id_number(id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
    elif kind:
        id_number = ""
        if not credit_code:
            errors["credit_code"] = [_("法人或其他组织申请须填写统一社会信用代码。")]
        else:
            try:
                validate_credit_code(credit_code)
            except ValidationError as exc:
                errors["credit_code"] = exc.messages
    contact_person = clean_text(
        values.get("contact_person"),
        field="contact_person",
        label=_("联系人"),
        errors=errors,
        required=kind not in ("", ApplicantType.NATURAL_PERSON),
        max_length=60,
    )
    phone = str(values.get("phone") or "").strip()
    if not phone:
        errors["phone"] = [_("请填写联系电话。")]
    elif not _PHONE.match(phone):
        errors["phone"] = [_("联系电话格式不正确。")]
    email = str(values.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("电子邮箱格式不正确。")]
    address = clean_text(
        values.get("address"),
        field="address",
        label=_("通信地址"),
        errors=errors,
        required=False,
        max_length=200,
    )
    description = clean_text(
        values.get("description"),
        field="description",
        label=_("所需信息的描述"),
        errors=errors,
        max_length=DESCRIPTION_MAX,
    )
    if description and len(description) < DESCRIPTION_MIN and "description" not in errors:
        errors["description"] = [
            _("请具体描述所需政府信息的名称、文号或者便于查询的其他特征（至少 %(n)s 个字）。")
            % {"n": DESCRIPTION_MIN}
        ]
    delivery_form = str(values.get("delivery_form") or "")
    if delivery_form not in DeliveryForm.values:
        errors["delivery_form"] = [_("请选择获取信息的方式。")]
    elif delivery_form == DeliveryForm.EMAIL and not email and "email" not in errors:
        errors["email"] = [_("选择电子邮件方式获取信息时，请填写电子邮箱。")]
    if errors:
        raise ValidationError(errors)
    return {
        "applicant_type": kind,
        "applicant_name": name,
        "id_number": id_number,
        "credit_code": credit_code,
        "contact_person": contact_person,
        "phone": phone,
        "email": email,
        "address": address,
        "description": description,
        "delivery_form": delivery_form,
        # Consent to the 公开答复库 (default no): only an explicit yes counts.
        "publish_consent": values.get("publish_consent") in (True, "on", "true", "1", 1),
    }


def check_channel(channel: str) -> None:
    if channel not in Channel.values:
        raise ValidationError({"channel": [_("请选择申请渠道。")]})
