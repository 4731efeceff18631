import pytest

from sunshine.participation.messages.models import Message, MessageReply
from sunshine.participation.messages.services import import_historical_message
from sunshine.testing.factories.messages import at

pytestmark = pytest.mark.django_db


def test_import_is_idempotent_and_masks(province):
    kwargs = dict(
        source="import",
        external_id="2549",
        subject="A2区景蓉华苑物业管理有问题",
        body="\n\t\t\t\t\t\n\t\t\t\t\t我叫张三丰，电话13812345678，住景蓉华苑3栋2单元501室。",
        submitted_at=at(2019, 4, 25, 9, 32),
        author_label="A00045581",
        category="城乡建设",
        agency=province["transport"],
        reply_body="网友：您好！经核查……",
        replied_at=at(2019, 5, 10),
        votes_up=3,
    )
    message, created = import_historical_message(**kwargs)
    assert created
    assert message.state == Message.State.CLOSED
    assert message.body.startswith("我叫张三丰")
    assert "张三丰" not in message.public_body and "13812345678" not in message.public_body
    assert message.is_published and message.votes_up == 3
    again, created = import_historical_message(**kwargs)
    assert not created and again.pk == message.pk
    assert Message.objects.count() == 1 and MessageReply.objects.count() == 1


def test_import_without_reply_is_archived(province):
    message, created = import_historical_message(
        source="import",
        external_id="188006",
        subject="A3区一米阳光婚纱艺术摄影是否合法纳税了？",
        body="……",
        submitted_at=at(2019, 2, 28, 11, 25),
        author_label="A000102948",
        votes_down=1,
        votes_up=12,
    )
    assert created and message.state == Message.State.ARCHIVED and message.agency is None
    assert not message.replies.exists()
