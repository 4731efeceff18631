"""Publication, versions, withdrawal and validity; only 主动公开 records reach the public."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.records import selectors, services
from sunshine.kernel import clock
from sunshine.testing.factories.records import draft, record_in

D = dt.date
pytestmark = pytest.mark.django_db


def test_full_happy_path_publishes_version_one(people):
    with clock.frozen(D(2026, 10, 9)):
        record = draft(people, doc_number="粤府办〔2016〕1号", normative=True)
        assert selectors.record_for_public(record.pk) is None
        services.submit(record=record, actor=people["drafter"])
        services.review(record=record, actor=people["reviewer"])
        services.sign_off(record=record, actor=people["approver"])
        assert list(selectors.public_records()) == []
        services.publish(record=record, actor=people["officer"], comment="按时发布")

    record.refresh_from_db()
    assert (record.state, record.date_published) == ("published", D(2026, 10, 9))
    version = record.current_version
    assert (version.number, version.title, version.created_by) == (
        1,
        record.title,
        people["officer"],
    )
    assert version.snapshot["doc_number"] == "粤府办〔2016〕1号"
    assert version.snapshot["date_published"] == "2026-10-09"
    assert version.snapshot["issuer"] == {"id": people["agency"].pk, "name": "广东省人民政府办公厅"}
    assert list(selectors.public_records()) == [record]
    assert selectors.record_for_public(record.pk) == record
    assert selectors.record_for_public("x") is None
    payload = selectors.search_payload(record)
    assert payload["is_public"] is True and payload["extra"]["version"] == 1
    assert payload["index_number"] == record.index_number and payload["year"] == 2026
    assert (payload["doc_type"], payload["agency"], payload["date"]) == (
        "record",
        people["agency"],
        D(2026, 10, 9),
    )


def test_revise_makes_version_two_and_the_public_sees_it(people):
    record = record_in("published", people, normative=True)
    with pytest.raises(ValidationError) as exc:
        services.revise(record=record, actor=people["approver"], change_note="", title="修订后")
    assert "comment" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.revise(record=record, actor=people["drafter"], change_note="x", title="修订后")
    with pytest.raises(ValidationError) as fixed:  # leaving the site is a withdrawal, not an edit
        services.revise(
            record=record, actor=people["approver"], change_note="x", disclosure_mode="withheld"
        )
    assert "公开属性" in fixed.value.message_dict["disclosure_mode"][0]

    services.revise(
        record=record,
        actor=people["approver"],
        change_note="更正第三条",
        title="广东省人民政府办公厅关于推进阳光政务建设工作的通知（修订）",
        body="修订后的正文",
    )
    public = selectors.record_for_public(record.pk)
    assert public.title.endswith("（修订）") and public.body == "修订后的正文"
    assert public.current_version.number == 2
    history = list(selectors.public_revision_history(public))
    assert [(v.number, v.change_note) for v in history] == [(2, "更正第三条"), (1, "首次发布")]
    assert history[1].title == "广东省人民政府办公厅关于推进阳光政务建设工作的通知"
    assert selectors.record_history(record).last().transition == "revise"

    plain = record_in("published", people, title="一般文件")
    services.revise(
        record=plain, actor=people["officer"], change_note="错字", title="一般文件（更正）"
    )
    assert list(selectors.public_revision_history(plain)) == []  # only for 规范性文件
    assert [v.number for v in selectors.record_versions(plain)] == [2, 1]


def test_withdraw_needs_a_reason_and_takes_the_record_off(people):
    record = record_in("published", people)
    with pytest.raises(ValidationError):
        services.withdraw(record=record, actor=people["approver"], comment="")
    with pytest.raises(PermissionDenied):
        services.withdraw(record=record, actor=people["officer"], comment="误发")
    services.withdraw(record=record, actor=people["approver"], comment="误发")
    assert record.state == "withdrawn"
    assert selectors.record_for_public(record.pk) is None
    assert selectors.search_payload(record)["is_public"] is False


def test_repealed_and_expired_stay_public_with_their_validity(people):
    repealed = record_in("published", people, title="甲")
    expired = record_in("published", people, title="乙")
    with pytest.raises(ValidationError):
        services.repeal(record=repealed, actor=people["approver"], comment="")
    services.repeal(
        record=repealed, actor=people["approver"], comment="被新文件废止", on=D(2026, 12, 1)
    )
    with clock.frozen(D(2026, 12, 31)):
        services.expire(record=expired, actor=people["approver"])
    assert (repealed.validity, repealed.validity_date) == ("repealed", D(2026, 12, 1))
    assert (expired.validity, expired.validity_date) == ("expired", D(2026, 12, 31))
    assert set(selectors.public_records()) == {repealed, expired}
    assert list(selectors.public_records(validity="repealed")) == [repealed]
    with pytest.raises(ValidationError, match="该文件已废止"):
        services.expire(record=repealed, actor=people["approver"])


@pytest.mark.parametrize("mode, ground", [("on_request", "process"), ("withheld", "state_secret")])
def test_non_proactive_records_are_filed_never_published(people, mode, ground):
    record = record_in(
        "signed_off", people, disclosure_mode=mode, withheld_reason="理由", withheld_ground=ground
    )
    with pytest.raises(ValidationError, match="只有主动公开的政府信息才能发布"):
        services.publish(record=record, actor=people["approver"])
    with pytest.raises(ValidationError, match="只有主动公开"):
        services.schedule(
            record=record, actor=people["approver"], at=clock.now() + dt.timedelta(days=1)
        )
    services.file_record(record=record, actor=people["officer"], comment="存档")
    assert record.state == "filed"
    services.repeal(record=record, actor=people["approver"], comment="废止")
    assert record.validity == "repealed"
    assert list(selectors.public_records()) == []
    assert selectors.record_for_public(record.pk) is None
    assert selectors.search_payload(record)["is_public"] is False


def test_proactive_records_cannot_be_filed(people):
    record = record_in("signed_off", people)
    with pytest.raises(ValidationError, match="应当发布"):
        services.file_record(record=record, actor=people["approver"])


def test_public_related_lists_only_public_records(people):
    hidden = draft(people, title="未发布的相关文件")
    shown = record_in("published", people, title="已发布的相关文件")
    record = record_in("published", people, related=[hidden, shown])
    assert list(selectors.public_related(record)) == [shown]


def test_imported_publication_date_is_kept(people):
    record = record_in("signed_off", people)
    record.date_published = D(2016, 12, 12)  # as an import would set it
    record.save(update_fields=["date_published"])
    services.publish(record=record, actor=people["approver"])
    assert record.date_published == D(2016, 12, 12)
