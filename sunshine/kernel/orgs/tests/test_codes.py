import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel.orgs.codes import (
    mask_id_number,
    validate_credit_code,
    validate_id_number,
)


@pytest.mark.parametrize("code", ["91440300708461136T", "914403001922038216"])
def test_real_credit_codes_pass(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("91440300708461136X", "校验位"),
        ("9144030070846113", "18位"),
        ("91440300708461136I", "18位"),  # I is not in the GB 32100 character set
    ],
)
def test_bad_credit_codes_name_the_problem(code, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert fragment in exc.value.messages[0]
    assert "统一社会信用代码" in exc.value.messages[0]


def test_id_number_check_digit():
    validate_id_number("11010519491231002X")  # the GB 11643 standard's own example
    with pytest.raises(ValidationError, match="校验位"):
        validate_id_number("110105194912310021")
    with pytest.raises(ValidationError, match="出生日期"):
        validate_id_number("110105194913310025")
    assert mask_id_number("11010519491231002X") == "110105********002X"
