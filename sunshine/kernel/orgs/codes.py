"""Check characters of national identifiers. Pure functions; the error texts name the field."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015 统一社会信用代码: 31 characters (no I, O, S, V, Z).
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB 11643-1999 公民身份号码: ISO 7064 MOD 11-2.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18 or any(c not in CREDIT_CHARS for c in code):
        raise ValidationError(
            _("统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）。"),
            code="credit_code_format",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("统一社会信用代码校验位错误，请核对后重新输入。"), code="credit_code_check"
        )


def id_number_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str) -> None:
    import datetime as dt

    code = (value or "").strip().upper()
    if len(code) != 18 or not code[:17].isdigit() or code[17] not in "0123456789X":
        raise ValidationError(_("居民身份证号码应为18位，最后一位可为数字或X。"), code="id_format")
    try:
        dt.date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        raise ValidationError(_("居民身份证号码中的出生日期无效。"), code="id_birthdate") from None
    if id_number_check_char(code[:17]) != code[17]:
        raise ValidationError(_("居民身份证号码校验位错误，请核对后重新输入。"), code="id_check")


def mask_id_number(value: str) -> str:
    """440106********123X style: region and last four stay visible."""
    return value[:6] + "*" * 8 + value[-4:] if value and len(value) == 18 else value


def mask_mobile(value: str) -> str:
    return value[:3] + "****" + value[-4:] if value and len(value) == 11 else value


def validate_region_code(value: str) -> None:
    if not (value or "").isdigit() or len(value) != 6:
        raise ValidationError(_("行政区划代码应为6位数字。"), code="region_code")
