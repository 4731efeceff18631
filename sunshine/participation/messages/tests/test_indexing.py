import pytest

from sunshine.kernel.search.query import search
from sunshine.participation.messages import services
from sunshine.participation.messages.indexing import index_messages
from sunshine.participation.messages.services import import_historical_message
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.messages import at, submit

pytestmark = pytest.mark.django_db


def test_published_messages_are_searchable_masked_only(province):
    transport = province["transport"]
    drafter = staff_with("drafter", transport)
    officer = staff_with("disclosure_officer", transport)
    m = submit(CitizenFactory(), agency=transport, body="我叫张三丰，出租车拒载绕路。")
    assert search("拒载", doc_types=["message"]).total == 0
    services.reply_to_message(message=m, actor=drafter, body="已处罚驾驶员。", publish=True)
    hits = search("拒载", doc_types=["message"]).hits
    assert [h.object_id for h in hits] == [str(m.pk)]
    assert search("张三丰", doc_types=["message"]).total == 0
    assert search("处罚驾驶员", doc_types=["message"]).total == 1
    services.publish_message(message=m, actor=officer, published=False)
    assert search("拒载", doc_types=["message"]).total == 0


def test_imported_messages_are_indexed_in_bulk(province):
    m, _ = import_historical_message(
        source="import",
        external_id="9",
        subject="A市垃圾站臭气扰民",
        body="垃圾站每天散发臭味。",
        submitted_at=at(2019, 5, 1),
        author_label="A001",
        reply_body="已督促整改。",
        replied_at=at(2019, 5, 8),
    )
    assert index_messages([m.pk]) == 1
    assert search("垃圾站", doc_types=["message"]).total == 1
