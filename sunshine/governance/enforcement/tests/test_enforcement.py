"""行政执法公示: the 7-working-day publication clock, 法制审核 before a 重大执法决定, masking of
natural persons, withdrawal (行政处罚法 Art. 48), validation and scope. Dates worked out by hand
on the official 2026 calendar (holidays-cn/2026.json)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.governance.enforcement import selectors, services
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import clocks_for, open_clock
from sunshine.kernel.search.models import SearchDocument
from sunshine.testing.factories.enforcement import license_data, penalty_data
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(gov):
    from sunshine.kernel.accounts.roles import Role as R
    from sunshine.testing.factories.kernel import RoleGrantFactory

    both = staff_with(R.DRAFTER, gov["market"], display_name="既承办又审核")
    RoleGrantFactory(user=both, agency=gov["market"], role=R.REVIEWER)
    return gov | {
        "both": both,
        "reviewer": staff_with(R.REVIEWER, gov["market"], display_name="法制科审核员"),
        "drafter": gov["viewer"],  # DRAFTER: registers and decides, may not publish
    }


def _register(people, data, actor=None):
    return services.register(actor=actor or people["editor"], agency=people["market"], **data)


def test_publication_is_due_7_working_days_after_the_decision_over_national_day(people):
    # Decided Wed 2026-09-30. From the next day: 1–7 Oct 国庆 (off), Thu 8 Oct wd 1, Fri 9 wd 2,
    # Sat 10 Oct 调休 workday wd 3, Mon 12 wd 4, 13 wd 5, 14 wd 6, Thu 15 Oct wd 7: due 10-15.
    on_time = _register(people, license_data("粤交许〔2026〕1号", n=1))
    late = _register(people, penalty_data("粤交罚〔2026〕2号", n=2))
    with frozen(dt.datetime(2026, 10, 8, 9, 0)):
        for d in (on_time, late):
            services.decide(actor=people["drafter"], decision=d, decided_on=dt.date(2026, 9, 30))
    assert open_clock(on_time, "enforcement.publish").due_date == dt.date(2026, 10, 15)
    with frozen(dt.datetime(2026, 10, 15, 17, 30)):
        on_time = services.publish(actor=people["editor"], decision=on_time)
    with frozen(dt.datetime(2026, 10, 16, 9, 0)):
        late = services.publish(actor=people["editor"], decision=late)
    assert on_time.published_late is False and late.published_late is True
    assert [c.met_deadline for c in clocks_for(late)] == [False]
    rows = {r["agency"]: r for r in selectors.timeliness_by_agency(people["supervisor"])}
    market = rows["广东省市场监督管理局"]
    assert (market["on_time"], market["late"], market["rate"]) == (1, 1, 50.0)


def test_a_decision_date_in_the_future_is_refused_and_a_drafter_may_not_publish(people):
    d = _register(people, license_data(n=3), actor=people["drafter"])
    with frozen(dt.datetime(2026, 10, 8, 9, 0)):
        with pytest.raises(ValidationError) as exc:
            services.decide(actor=people["drafter"], decision=d, decided_on="2026-10-09")
        assert "decided_on" in exc.value.message_dict
        services.decide(actor=people["drafter"], decision=d, decided_on="2026-10-08")
        with pytest.raises(PermissionDenied):
            services.publish(actor=people["drafter"], decision=d)
        with pytest.raises(PermissionDenied):
            services.publish(actor=people["env_editor"], decision=d)


def test_a_major_decision_needs_an_approved_legal_review_first(people):
    d = _register(people, penalty_data(n=4) | {"is_major": True})
    with pytest.raises(ValidationError) as exc:
        services.decide(actor=people["editor"], decision=d, decided_on="2026-09-18")
    assert "法制审核" in exc.value.messages[0]
    # Sent Fri 2026-09-18. From the next day: Sat 19 off, Sun 20 Sep 调休 workday wd 1, Mon 21
    # wd 2, 22 wd 3, 23 wd 4, Thu 24 Sep wd 5: the legal office's 5 working days end 09-24.
    with frozen(dt.datetime(2026, 9, 18, 15, 0)):
        services.request_review(actor=people["both"], decision=d, note="拟吊销许可证件")
    assert open_clock(d, "enforcement.legal_review").due_date == dt.date(2026, 9, 24)
    with pytest.raises(ValidationError) as exc:  # the sender does not review their own request
        services.review(actor=people["both"], decision=d, outcome="approved", opinion="")
    assert "送审人" in exc.value.messages[0]
    with pytest.raises(PermissionDenied):
        services.review(actor=people["drafter"], decision=d, outcome="approved", opinion="")
    with pytest.raises(ValidationError) as exc:  # returned needs the opinion
        services.review(actor=people["reviewer"], decision=d, outcome="returned", opinion=" ")
    assert "opinion" in exc.value.message_dict
    with frozen(dt.datetime(2026, 9, 21, 10, 0)):
        services.review(
            actor=people["reviewer"], decision=d, outcome="returned", opinion="事实认定证据不足"
        )
    d.refresh_from_db()
    assert d.state == "draft" and not d.review_passed
    with frozen(dt.datetime(2026, 9, 22, 10, 0)):
        services.request_review(actor=people["editor"], decision=d)
        services.review(actor=people["reviewer"], decision=d, outcome="approved", opinion="同意")
        d = services.decide(actor=people["editor"], decision=d, decided_on="2026-09-22")
    assert d.state == "decided"
    met = [c.met_deadline for c in clocks_for(d) if c.rule == "enforcement.legal_review"]
    assert met == [True, True]


def test_editing_after_approval_needs_a_new_review(people):
    d = _register(people, penalty_data(n=5) | {"is_major": True})
    services.request_review(actor=people["editor"], decision=d)
    services.review(actor=people["reviewer"], decision=d, outcome="approved", opinion="同意")
    d.refresh_from_db()
    assert d.review_passed
    services.edit(actor=people["editor"], decision=d, **(penalty_data(n=5) | {
        "is_major": True, "content": "吊销道路运输经营许可证。"}))  # fmt: skip
    d.refresh_from_db()
    assert not d.review_passed


def test_a_natural_person_is_masked_everywhere_the_public_reads(people, client):
    d = _register(people, penalty_data("粤交罚〔2026〕9号", "车辆超限运输案", "李四", person=True))
    services.decide(actor=people["editor"], decision=d, decided_on=d.created_at.date())
    services.publish(actor=people["editor"], decision=d)
    view = selectors.public_view(d)
    assert view.party_name == "李*" and view.credit_code == ""
    page = client.get(f"/xzzf/{d.pk}/").content.decode()
    assert "李*" in page and "李四" not in page and "11010519491231002X" not in page
    body = client.get(f"/api/v1/enforcement/{d.pk}").json()
    assert body["party_name"] == "李*" and "id_number" not in body
    doc = SearchDocument.objects.get(doc_type="enforcement", object_id=str(d.pk))
    assert "李四" not in doc.title + doc.text.body and "李*" in doc.title
    assert not selectors.public_decisions(q="李四").exists()  # not searchable by the real name
    assert selectors.public_decisions(q="超限").exists()


def test_withdrawal_takes_the_content_down_and_publishes_the_reason(people, client):
    d = _register(people, penalty_data("粤交罚〔2026〕10号", n=10))
    with frozen(dt.datetime(2026, 10, 30, 9, 0)):
        services.decide(actor=people["editor"], decision=d, decided_on="2026-10-30")
        services.publish(actor=people["editor"], decision=d)
    # Revoked on Mon 2026-11-02; three (calendar) days: due Thu 11-05. Withdrawn on Fri 11-06: late.
    with pytest.raises(ValidationError) as exc:
        services.withdraw(actor=people["editor"], decision=d, revoked_on="2026-11-02", reason="")
    assert "reason" in exc.value.message_dict
    with frozen(dt.datetime(2026, 11, 6, 9, 0)):
        services.withdraw(
            actor=people["editor"], decision=d, revoked_on="2026-11-02", reason="经行政复议被撤销"
        )
    withdraw_clock = clocks_for(d).get(rule="enforcement.withdraw")
    assert withdraw_clock.due_date == dt.date(2026, 11, 5) and withdraw_clock.met_deadline is False
    assert not selectors.public_decisions().filter(pk=d.pk).exists()
    assert not SearchDocument.objects.filter(doc_type="enforcement", object_id=str(d.pk)).exists()
    page = client.get(f"/xzzf/{d.pk}/").content.decode()
    assert "经行政复议被撤销" in page and "擅自从事道路普通货物运输经营" not in page


def test_every_wrong_field_is_named(people):
    bad = penalty_data(n=11) | {
        "credit_code": "91440100MA59XXXXX1",
        "facts": "",
        "fine_amount": "",
        "power_code": "NO-SUCH",
        "valid_to": "2026-13-01",
    }
    with pytest.raises(ValidationError) as exc:
        _register(people, bad)
    assert {"credit_code", "facts", "fine_amount", "power_code"} <= set(exc.value.message_dict)
    _register(people, license_data("粤交许〔2026〕12号", n=12))
    with pytest.raises(ValidationError) as exc:
        _register(people, license_data("粤交许〔2026〕12号", n=13))
    assert "doc_number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _register(people, license_data(n=14) | {"content": "<script>x</script>"})
    assert "content" in exc.value.message_dict


def test_staff_reads_are_scoped_to_their_agencies(people):
    mine = _register(people, license_data(n=15))
    services.register(actor=people["env_editor"], agency=people["env"], **license_data(n=16))
    assert list(selectors.decisions_for_staff(people["editor"])) == [mine]
    assert selectors.decision_for_staff(people["env_editor"], mine.pk) is None
    assert selectors.decisions_for_staff(people["supervisor"]).count() == 2
    with pytest.raises(PermissionDenied):
        services.register(actor=people["editor"], agency=people["env"], **license_data(n=17))
