"""Shared test-data factories, one per model (factory-boy). Every test module uses these."""

import factory

from sunshine.kernel.accounts.models import RoleGrant, User
from sunshine.kernel.orgs.models import Agency, Region
from sunshine.testing.identity import make_credit_code
from sunshine.testing.identity import make_id_number as make_id_number  # for the tests

PASSWORD = "Sunshine-2026!"


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
