"""The shared pytest fixtures, one plugin for the whole suite (root conftest.py: pytest_plugins),
so that no conftest.py defines them again. Each name means one thing everywhere:

- `province`: the agency tree (省政府 → 办公厅, 交通运输厅; 广州市政府 → 天河区政府);
  `transport` is its 交通运输厅, the agency most tests work in.
- `officer`, `approver`, `drafter`: one staff member of `transport` with that role.
- `citizen` (real name, 身份证号 and mobile), `anonymous_citizen` (an e-mail only).
- `people`: the records staff of the 办公厅 (drafter, reviewer, approver, officer), a drafter of
  `transport`, a supervisor at the root and the tree itself; `catalog_people`,
  `gazette_people`, `messages_people`, `opinion_people`, `duban_people`, `staff` (ratings):
  the staff those features' tests need (see each).
- `gov` (a market regulator and an environment department under the province, their editors)
  and `check` (+ a 行政检查 item and its libraries): 权力清单 and 双随机、一公开.
- `media`: uploads go to a temporary MEDIA_ROOT.
- `rateables` / `supervisable`, `supervised_item`: a kernel model registered as a rateable or
  supervisable kind (the kernel's own tests import no domain).
- `application_hall`, `themed_hall`, `supervision_hall` (+ `supervision_now`): 办事服务 items,
  their handlers and applications.
- `cluster`: 网站集群 — the default provincial site and 广州市's (hosts in CLUSTER_HOSTS), with a
  published record of the province, the city and a county.

Domain factories are imported inside the fixtures, so that loading this plugin imports no domain
module before Django is set up."""

from dataclasses import dataclass, field

import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import (
    TEST_KIND,
    AgencyFactory,
    CitizenFactory,
    RegionFactory,
    make_id_number,
    staff_with,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache and the site language (zh-hans) active."""
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A request in an earlier test may have left English active in this thread.
    translation.activate("zh-hans")
    yield


@pytest.fixture
def media(settings, tmp_path):
    """Stored files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# -- the agency tree and its staff -------------------------------------------------------------


@pytest.fixture
def province(db):
    """A small tree: 省政府 → (办公厅, 交通运输厅), and 广州市政府 → 天河区政府."""
    gd = RegionFactory(code="440000", name="广东省")
    gz = RegionFactory(code="440100", name="广州市")
    th = RegionFactory(code="440106", name="天河区")
    root = AgencyFactory(name="广东省人民政府", kind="government", region=gd)
    office = AgencyFactory(name="广东省人民政府办公厅", parent=root, kind="office", region=gd)
    transport = AgencyFactory(name="广东省交通运输厅", parent=root, region=gd)
    city = AgencyFactory(name="广州市人民政府", parent=root, kind="government", region=gz)
    county = AgencyFactory(name="广州市天河区人民政府", parent=city, kind="government", region=th)
    return {"root": root, "office": office, "transport": transport, "city": city, "county": county}


@pytest.fixture
def transport(province):
    """广东省交通运输厅."""
    return province["transport"]


@pytest.fixture
def officer(transport):
    """The disclosure officer (公开办) of `transport`."""
    return staff_with(Role.DISCLOSURE_OFFICER, transport, display_name="公开办王")


@pytest.fixture
def approver(transport):
    """An approver (签发) of `transport`."""
    return staff_with(Role.APPROVER, transport, display_name="主任陈")


@pytest.fixture
def drafter(transport):
    """A drafter of `transport`."""
    return staff_with(Role.DRAFTER, transport)


@pytest.fixture
def citizen(db):
    """A citizen with a real name, 身份证号 and mobile."""
    return CitizenFactory(display_name="赵一鸣", id_number=make_id_number(7), mobile="13800138000")


@pytest.fixture
def anonymous_citizen(db):
    """A citizen account with an e-mail only."""
    return CitizenFactory()


@pytest.fixture
def people(province):
    """The records staff of the 办公厅 (agency), a drafter of the transport department
    (other_agency), a supervisor at the root, and the tree (province)."""
    from sunshine.testing.factories.records import make_people

    people = make_people(
        province["office"], other_agency=province["transport"], root=province["root"]
    )
    people["province"] = province
    return people


@pytest.fixture
def catalog_people(province):
    """`people`, with the transport department's own officer and the office's agency admin."""
    from sunshine.testing.factories.catalog import catalog_people

    return catalog_people(province)


@pytest.fixture
def gazette_people(people):
    """`people`, with the office's gazette editor (公开办), approver and drafter, and an officer
    of the transport department (outsider)."""
    from sunshine.testing.factories.gazette import gazette_people

    return gazette_people(people)


@pytest.fixture
def gazette_records(gazette_people):
    """Two public records of the office."""
    from sunshine.testing.factories.gazette import public_record

    return [
        public_record(
            gazette_people,
            "广东省人民政府办公厅关于推进阳光政务建设工作的通知",
            "粤府办〔2026〕1号",
            body="各地级以上市人民政府，省政府各部门、各直属机构：\n为深入推进阳光政务建设，现就有关事项通知如下。\n一、提高认识。",
        ),
        public_record(
            gazette_people,
            "广东省人民政府办公厅关于印发政务公开工作要点的通知",
            "粤府办〔2026〕2号",
            body="《政务公开工作要点》已经省人民政府同意，现印发给你们，请认真贯彻执行。",
        ),
    ]


@pytest.fixture
def gazette_issue(gazette_people):
    """Issue 1 of 2026 of the office's gazette."""
    from sunshine.testing.factories.gazette import make_issue

    return make_issue(gazette_people)


@pytest.fixture
def messages_people(province):
    """For 留言: a citizen, the transport department's drafter, officer and approver, another
    department (广东省教育厅) with its drafter and officer, and a supervisor at the office."""
    transport = province["transport"]
    other = AgencyFactory(name="广东省教育厅", parent=province["root"], region=transport.region)
    return {
        "transport": transport,
        "other": other,
        "office": province["office"],
        "citizen": CitizenFactory(),
        "drafter": staff_with("drafter", transport),
        "officer": staff_with("disclosure_officer", transport),
        "approver": staff_with("approver", transport),
        "other_drafter": staff_with("drafter", other),
        "other_officer": staff_with("disclosure_officer", other),
        "supervisor": staff_with("supervisor", province["office"]),
    }


@pytest.fixture
def opinion_people(province):
    """The transport department's staff (agency), a reviewer of the city (other_agency) and a
    supervisor at the office."""
    from sunshine.testing.factories.opinion import make_people

    return make_people(province)


@pytest.fixture
def duban_people(province):
    """A supervisor (office), a sysadmin (root), the transport department's drafter and
    officer, and an approver of the city (other)."""
    transport = province["transport"]
    return {
        "supervisor": staff_with("supervisor", province["office"]),
        "sysadmin": staff_with("sysadmin", province["root"]),
        "drafter": staff_with("drafter", transport),
        "officer": staff_with("disclosure_officer", transport),
        "other": staff_with("approver", province["city"]),
    }


@pytest.fixture
def staff(province):
    """The handlers of rated items: the transport department's staff, an approver of the city
    (other) and a supervisor at the office."""
    transport, city = province["transport"], province["city"]
    return {
        "drafter": staff_with("drafter", transport),
        "reviewer": staff_with("reviewer", transport),
        "approver": staff_with("approver", transport),
        "officer": staff_with("disclosure_officer", transport),
        "other": staff_with("approver", city),
        "supervisor": staff_with("supervisor", province["office"]),
    }


@pytest.fixture
def gov(db):
    """广东省人民政府 → 广东省市场监督管理局, 广东省生态环境厅; an editor of each and a supervisor."""
    gd = RegionFactory(code="440000", name="广东省")
    root = AgencyFactory(name="广东省人民政府", kind="government", region=gd)
    market = AgencyFactory(name="广东省市场监督管理局", parent=root, region=gd)
    env = AgencyFactory(name="广东省生态环境厅", parent=root, region=gd)
    return {
        "root": root,
        "market": market,
        "env": env,
        "editor": staff_with(Role.AGENCY_ADMIN, market, display_name="陈法规"),
        "env_editor": staff_with(Role.AGENCY_ADMIN, env, display_name="林环评"),
        "viewer": staff_with(Role.DRAFTER, market, display_name="王起草"),
        "supervisor": staff_with(Role.SUPERVISOR, root, display_name="周督查"),
    }


@pytest.fixture
def check(gov):
    """`gov` + a 行政检查 item of the market regulator (item) and its two libraries imported."""
    from sunshine.testing.factories.spotchecks import with_check_item

    return with_check_item(gov)


# -- kernel models standing for a domain's items ----------------------------------------------


@dataclass
class Rateables:
    """Agency rows standing for finished items handled by `handler`; who may rate each and
    when it finished are kept here."""

    handler: object
    raters: dict = field(default_factory=dict)
    finished: dict = field(default_factory=dict)
    bad_calls: list = field(default_factory=list)

    def make(self, rater=None, finished_at=None):
        item = AgencyFactory(parent=self.handler.parent)
        self.raters[item.pk] = rater
        self.finished[item.pk] = finished_at
        return item


@pytest.fixture
def rateables(province):
    """A rateable kind TEST_KIND (an Agency row stands for a finished item of `transport`)."""
    from sunshine.kernel.orgs.models import Agency
    from sunshine.kernel.ratings.registry import register_rateable, unregister_rateable

    state = Rateables(handler=province["transport"])

    def pending(cutoff):
        ids = [pk for pk, when in state.finished.items() if when is not None and when <= cutoff]
        return Agency.objects.filter(pk__in=ids)

    register_rateable(
        TEST_KIND,
        model="orgs.Agency",
        rater=lambda obj: state.raters.get(obj.pk),
        agency=lambda obj: state.handler,
        finished_at=lambda obj: state.finished.get(obj.pk),
        title=lambda obj: f"事项 {obj.name}",
        url=lambda obj: f"/items/{obj.pk}/",
        pending=pending,
        on_bad_rating=state.bad_calls.append,
        steps=("accept",),
        label="测试事项",
    )
    yield state
    unregister_rateable(TEST_KIND)


@pytest.fixture
def supervisable(province):
    """A supervisable kind TEST_KIND (an Agency row stands for an item handled by
    `transport`); yields the handler."""
    from sunshine.kernel.duban.registry import register_supervisable, unregister_supervisable

    handler = province["transport"]
    register_supervisable(
        TEST_KIND,
        model="orgs.Agency",
        title=lambda obj: f"事项 {obj.name}",
        url=lambda obj: f"/items/{obj.pk}/",
        agency=lambda obj: handler,
        label="测试事项",
    )
    yield handler
    unregister_supervisable(TEST_KIND)


@pytest.fixture
def supervised_item(supervisable, province):
    """One item of the supervisable kind."""
    return AgencyFactory(parent=province["root"])


# -- 办事服务 ----------------------------------------------------------------------------------


@pytest.fixture
def application_hall(province):
    """One published item of 省交通运输厅 and its handlers, an approver of the city (outsider)
    and a supervisor at the office."""
    from sunshine.testing.factories.servicehall import make_item

    agency = province["transport"]
    return {
        "agency": agency,
        "item": make_item(agency),
        "drafter": staff_with("drafter", agency),
        "reviewer": staff_with("reviewer", agency),
        "approver": staff_with("approver", agency),
        "outsider": staff_with("approver", province["city"]),
        "supervisor": staff_with("supervisor", province["office"]),
    }


@pytest.fixture
def themed_hall(province):
    """Two published items of 省交通运输厅, one for persons (theme 交通出行) and one for
    enterprises (theme 交通运输), and the handlers."""
    from sunshine.servicehall.catalog import services as catalog
    from sunshine.testing.factories.servicehall import make_item

    agency = province["transport"]
    person = catalog.ensure_theme(slug="jiaotong", name="交通出行", audience="person")
    ent = catalog.ensure_theme(slug="yunshu", name="交通运输", audience="enterprise")
    items = [
        make_item(
            agency, name="出租汽车驾驶员从业资格证核发", themes=[person], for_enterprises=False
        ),
        make_item(agency, name="道路货物运输经营许可", themes=[ent], for_persons=False),
    ]
    return {
        "agency": agency,
        "items": items,
        "person_theme": person,
        "drafter": staff_with("drafter", agency),
        "reviewer": staff_with("reviewer", agency),
        "approver": staff_with("approver", agency),
    }


@pytest.fixture
def supervision_hall(province):
    """The hand-built 电子监察 dataset of the transport department (see
    sunshine/testing/factories/supervision.py)."""
    from sunshine.testing.factories.supervision import build_hall

    return build_hall(province["transport"])


@pytest.fixture
def supervision_now():
    """The kernel clock frozen at the supervision dataset's "now" (15 Apr 2026)."""
    from sunshine.kernel import clock
    from sunshine.testing.factories.supervision import NOW

    with clock.frozen(NOW):
        yield NOW


@pytest.fixture
def as_user(client):
    """as_user(user) -> the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# 网站集群: the province's default site and Guangzhou's, with a published record at each level.
CLUSTER_HOSTS = {"gd": "www.gd.gov.cn", "gz": "www.gz.gov.cn"}


def _published(agency, title, day):
    from sunshine.disclosure.records import importing

    return importing.import_published_record(
        actor=None,
        agency=agency,
        title=title,
        doc_number="",
        date_written=day,
        date_published=day,
        topic="general",
        kind="notice",
        body=f"{title}。政务公开演示正文。",
        index=False,
    )


@pytest.fixture
def cluster(province, settings):
    """`gd` (default, the root) and `gz` (广州市) sites, hosts in CLUSTER_HOSTS and allowed;
    `records`: province / city / county, published and indexed for search."""
    import datetime as dt

    from sunshine.disclosure.records import indexing
    from sunshine.kernel.sites.services import ensure_site

    gd_host, gz_host = CLUSTER_HOSTS["gd"], CLUSTER_HOSTS["gz"]
    settings.ALLOWED_HOSTS = [gd_host, gz_host, "testserver"]
    gd = ensure_site(
        host=gd_host,
        name="广东省人民政府",
        id_code="4400000035",
        sponsor="广东省人民政府办公厅",
        agency=province["root"],
        is_default=True,
    )
    gz = ensure_site(
        host=gz_host,
        name="广州市人民政府",
        id_code="4401000001",
        sponsor="广州市人民政府办公厅",
        agency=province["city"],
    )
    records = {
        "province": _published(
            province["office"], "省府办公厅关于政务公开的通知", dt.date(2026, 3, 2)
        ),
        "city": _published(province["city"], "广州市政府关于公交优化的通知", dt.date(2026, 3, 3)),
        "county": _published(
            province["county"], "天河区政府关于社区服务的通知", dt.date(2026, 3, 4)
        ),
    }
    indexing.index_records()
    return {"gd": gd, "gz": gz, "records": records, **province}
