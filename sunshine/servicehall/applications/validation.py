"""Checks of what an applicant types and uploads (plain text, lengths, file types by content)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.kernel.files.sniff import check_upload
from sunshine.kernel.moderation.checks import contains_markup

from .choices import ApplicantKind

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
FORM_TEXT_LIMIT = 2000
MAX_FILES = 20


def clean_applicant(*, applicant_kind: str, applicant_name: str, contact_phone: str) -> dict:
    errors = {}
    name = (applicant_name or "").strip()
    phone = (contact_phone or "").strip().replace(" ", "")
    if applicant_kind not in ApplicantKind.values:
        errors["applicant_kind"] = _("请选择申请人类型。")
    if not name:
        errors["applicant_name"] = _("请填写申请人名称。")
    elif len(name) > 200:
        errors["applicant_name"] = _("申请人名称不能超过 200 个字。")
    elif contains_markup(name):
        errors["applicant_name"] = _("请填写纯文本，不要包含网页代码。")
    if not PHONE_RE.match(phone):
        errors["contact_phone"] = _("请填写正确的手机号码或固定电话（如 020-12345678）。")
    if errors:
        raise ValidationError(errors)
    return {"applicant_kind": applicant_kind, "applicant_name": name, "contact_phone": phone}


def clean_form_data(data: dict | None) -> dict:
    cleaned, errors = {}, {}
    for key, value in (data or {}).items():
        text = str(value or "").strip()
        if len(text) > FORM_TEXT_LIMIT:
            errors[key] = _("不能超过 %(n)s 个字。") % {"n": FORM_TEXT_LIMIT}
        elif contains_markup(text):
            errors[key] = _("请填写纯文本，不要包含网页代码。")
        cleaned[str(key)[:40]] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_files(files: list[tuple[object, object]]) -> None:
    """Every file's type and size, before anything is saved (kernel/files rules); the
    message names the file and sits on the field of its material."""
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("一次最多上传 %(n)s 个文件。") % {"n": MAX_FILES}})
    errors: dict[str, list[str]] = {}
    for material, upload in files:
        try:
            check_upload(upload)
        except ValidationError as exc:
            field = f"material_{material.pk}" if material is not None else "files"
            name = getattr(upload, "name", "")
            errors.setdefault(field, []).extend(f"{name}：{m}" for m in exc.messages)
        finally:
            if hasattr(upload, "seek"):
                upload.seek(0)
    if errors:
        raise ValidationError(errors)
