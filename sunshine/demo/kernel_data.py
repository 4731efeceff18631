"""Demo data for the kernel: a Guangdong-style agency tree, one user per role, the portal site.
Idempotent: running it again changes nothing. Demo passwords are printed in the README."""

from django.conf import settings

from sunshine.kernel.accounts import services as accounts
from sunshine.kernel.accounts.models import RoleGrant, User
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.orgs.services import create_agency, ensure_region
from sunshine.kernel.sites.services import ensure_site
from sunshine.testing.identity import make_credit_code

DEMO_PASSWORD = "Demo-2026!sun"

REGIONS = [
    ("440000", "广东省", None),
    ("440100", "广州市", "440000"),
    ("440200", "韶关市", "440000"),
    ("440224", "仁化县", "440200"),
]

# name, short name, kind, parent, region, 机关代字, 机构代码
AGENCIES = [
    ("广东省人民政府", "省政府", "government", None, "440000", "粤府", "006939500"),
    (
        "广东省人民政府办公厅",
        "省府办公厅",
        "office",
        "广东省人民政府",
        "440000",
        "粤府办",
        "006939518",
    ),
    (
        "广东省交通运输厅",
        "省交通运输厅",
        "department",
        "广东省人民政府",
        "440000",
        "粤交",
        "006939721",
    ),
    ("广东省教育厅", "省教育厅", "department", "广东省人民政府", "440000", "粤教", "006939604"),
    ("广东省财政厅", "省财政厅", "department", "广东省人民政府", "440000", "粤财", "006939612"),
    ("广州市人民政府", "广州市政府", "government", "广东省人民政府", "440100", "穗府", "007502010"),
    (
        "广州市交通运输局",
        "广州市交通局",
        "department",
        "广州市人民政府",
        "440100",
        "穗交",
        "007502214",
    ),
    ("韶关市人民政府", "韶关市政府", "government", "广东省人民政府", "440200", "韶府", "007062019"),
    ("仁化县人民政府", "仁化县政府", "government", "韶关市人民政府", "440224", "仁府", "007076521"),
]

# e-mail, name, agency, roles, superuser
USERS = [
    ("drafter@demo.gd.gov.cn", "陈起草", "广东省交通运输厅", ["drafter"], False),
    ("reviewer@demo.gd.gov.cn", "林审核", "广东省交通运输厅", ["reviewer"], False),
    ("approver@demo.gd.gov.cn", "黄签发", "广东省交通运输厅", ["approver"], False),
    ("officer@demo.gd.gov.cn", "张公开", "广东省交通运输厅", ["disclosure_officer"], False),
    ("admin@demo.gd.gov.cn", "李管理", "广东省交通运输厅", ["agency_admin"], False),
    ("supervisor@demo.gd.gov.cn", "周督查", "广东省人民政府办公厅", ["supervisor"], False),
    ("sysadmin@demo.gd.gov.cn", "系统管理员", "广东省人民政府", ["sysadmin"], True),
    ("gz.drafter@demo.gd.gov.cn", "吴起草", "广州市交通运输局", ["drafter", "reviewer"], False),
]


def ensure_staff(email, display_name, agency, roles, *, superuser=False) -> User:
    """The demo staff account `email` of `agency`, created the first time, with `roles` there."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            kind=User.Kind.STAFF,
            display_name=display_name,
            agency=agency,
            is_staff=superuser,
            is_superuser=superuser,
        )
    for role in roles:
        RoleGrant.objects.get_or_create(user=user, agency=agency, role=role)
    return user


def ensure_citizen(email, display_name, **fields) -> User:
    """The demo citizen `email`, registered as a citizen registers the first time."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = accounts.register_citizen(
            email=email, password=DEMO_PASSWORD, display_name=display_name, **fields
        )
    return user


def ensure_enterprise(email, enterprise_name, credit_code) -> User:
    """The demo enterprise account `email`, registered the first time."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = accounts.register_enterprise(
            email=email,
            password=DEMO_PASSWORD,
            enterprise_name=enterprise_name,
            credit_code=credit_code,
        )
    return user


def load(stdout=None) -> dict:
    regions = {}
    for code, name, parent in REGIONS:
        regions[code] = ensure_region(code, name, regions.get(parent) if parent else None)
    agencies = {a.name: a for a in Agency.objects.all()}
    for name, short, kind, parent, region, prefix, org_code in AGENCIES:
        if name not in agencies:
            agencies[name] = create_agency(
                name=name,
                short_name=short,
                kind=kind,
                parent=agencies.get(parent),
                region=regions[region],
                doc_prefix=prefix,
                org_code=org_code,
                credit_code=make_credit_code(org_code=org_code, region=region),
            )
    for email, display, agency_name, roles, superuser in USERS:
        ensure_staff(email, display, agencies[agency_name], roles, superuser=superuser)
    ensure_citizen(
        "citizen@demo.example.com", "王市民", mobile="13800138000", id_number="11010519491231002X"
    )
    ensure_enterprise("company@demo.example.com", "广东示范科技有限公司", "91440300708461136T")
    ensure_site(
        host=settings.SITE_DOMAIN,
        name=settings.SITE_NAME,
        id_code=settings.SITE_ID_CODE,
        sponsor=settings.SITE_SPONSOR,
        icp=settings.SITE_ICP,
        psb=settings.SITE_PSB,
        contact=settings.SITE_CONTACT,
        agency=agencies["广东省人民政府"],
        is_default=True,
    )
    return {"agencies": agencies}
