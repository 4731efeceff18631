"""Factories of the kernel: regions, agencies (through the service), users and role grants."""

import datetime as dt

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sunshine.kernel.accounts.models import RoleGrant, User
from sunshine.kernel.files.testing import make_xlsx
from sunshine.kernel.orgs.models import Agency, Region
from sunshine.testing.identity import make_credit_code

PASSWORD = "Sunshine-2026!"

# The kind under which the kernel's own tests register a kernel model (Agency) as a rateable or
# supervisable item (the kernel imports no domain, even in tests): see sunshine.testing.fixtures.
TEST_KIND = "test_item"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_upload(rows, name: str = "table.xlsx", *, content_type: str = XLSX):
    """An uploaded XLSX file whose first sheet holds `rows` (openpyxl), as a form receives it."""
    return SimpleUploadedFile(name, make_xlsx(rows), content_type=content_type)


def at(y, m, d, h=10, mi=0) -> dt.datetime:
    """An aware datetime in the site's time zone (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime(y, m, d, h, mi))


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "440000"
    name = "广东省"


class AgencyFactory(factory.django.DjangoModelFactory):
    """Creates through the service so that path/depth are right and the event is audited."""

    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试机关{n}")
    short_name = factory.Sequence(lambda n: f"测{n}")
    kind = Agency.Kind.DEPARTMENT
    parent = None
    region = factory.SubFactory(RegionFactory)
    doc_prefix = factory.Sequence(lambda n: f"测{n}")
    org_code = factory.Sequence(lambda n: f"T{n:07d}")
    credit_code = factory.Sequence(lambda n: make_credit_code(n + 1000))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from sunshine.kernel.orgs.services import create_agency

        return create_agency(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.gov.cn")
    kind = User.Kind.STAFF
    display_name = factory.Sequence(lambda n: f"工作人员{n}")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CitizenFactory(UserFactory):
    email = factory.Sequence(lambda n: f"citizen{n}@example.com")
    kind = User.Kind.CITIZEN
    display_name = factory.Sequence(lambda n: f"市民{n}")
    agency = None


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("user.agency")
    role = "drafter"


def staff_with(role: str, agency: Agency, **kwargs) -> User:
    user = UserFactory(agency=agency, **kwargs)
    RoleGrantFactory(user=user, agency=agency, role=role)
    return user


class RatingFactory(factory.django.DjangoModelFactory):
    """A 好差评 of `obj` (an item of a registered rateable kind) by `rater`, through
    `ratings.services.rate` (who may rate, when, and the 差评 follow-up are checked there)."""

    class Meta:
        model = "ratings.Rating"

    level = "satisfied"
    comment = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from sunshine.kernel.ratings.services import rate

        return rate(**kwargs)


class SupervisionOrderFactory(factory.django.DjangoModelFactory):
    """A 督办 of `target` (an item of a registered supervisable kind) issued by `actor`, through
    `duban.services.issue_order` (its response clock and notice start there)."""

    class Meta:
        model = "oversight.SupervisionOrder"

    reason = "请说明逾期原因并尽快办结。"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from sunshine.kernel.duban.services import issue_order

        return issue_order(**kwargs)
