"""The one generator of 居民身份证号码 (GB 11643) and of 统一社会信用代码 (GB 32100) for the tests
and the demo: deterministic for the same arguments and valid (the check characters are the
kernel's, sunshine/kernel/orgs/codes.py). No Django models and no factory-boy: the demo imports it."""

from sunshine.kernel.orgs.codes import CREDIT_CHARS, credit_code_check_char, id_number_check_char


def make_id_number(n: int, birth: str = "19800101", region: str = "440106") -> str:
    """The n-th (mod 1000) person born on `birth` (YYYYMMDD) in the county `region`."""
    body = f"{region}{birth}{n % 1000:03d}"
    if len(body) != 17 or not body.isdigit():
        raise ValueError(f"身份证号码前17位应为数字：{body!r}")
    return body + id_number_check_char(body)


def make_credit_code(
    n: int = 0, *, org_code: str | None = None, kind: str = "11", region: str = "440000"
) -> str:
    """`kind` is the 登记管理部门 and 机构类别 ("11" 机关, "91" 企业), `region` the 6-digit
    登记管理机关行政区划码, `org_code` the 9-character 主体标识码 (by default n written in the
    code's 31 characters)."""
    if org_code is None:
        org_code = "".join(CREDIT_CHARS[(n // 31**i) % 31] for i in range(9))
    body = kind + region + org_code
    if len(body) != 17 or any(c not in CREDIT_CHARS for c in body):
        raise ValueError(f"统一社会信用代码前17位无效：{body!r}")
    return body + credit_code_check_char(body)
