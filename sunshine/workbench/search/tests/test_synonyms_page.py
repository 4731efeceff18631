"""/workbench/search/synonyms/: the general office adds a group (in effect at the next search,
audited), a refused group keeps what was typed, a group is switched off; others are refused."""

import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.search.models import SynonymGroup
from sunshine.kernel.search.query import search
from sunshine.testing.factories import staff_with

URL = "/workbench/search/synonyms/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(province):
    """A supervisor of the general office (a grant that reaches every agency)."""
    return staff_with(Role.SUPERVISOR, province["root"])


def test_add_refuse_and_switch_off(client, supervisor, index_doc,
                                   django_capture_on_commit_callbacks):  # fmt: skip
    client.force_login(supervisor)
    html = client.get(URL).content.decode()
    assert "检索同义词" in html and "社会保险 · 社保" in html  # the shipped dictionary
    response = client.post(URL, {"words": "健康码 粤康码!", "note": "疫情"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "粤康码!" in html and "不能作为同义词" in html and 'value="疫情"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"words": "健康码  粤康码", "note": "疫情"}, follow=True)
    assert "已添加同义词组“健康码 粤康码”" in response.content.decode()
    group = SynonymGroup.objects.get()
    assert (group.words, group.note, group.created_by) == ("健康码 粤康码", "疫情", supervisor)
    assert search("粤康码").total == 1
    assert AuditEvent.objects.filter(action="search.synonyms.add", object_id=str(group.pk)).exists()

    edit = f"{URL}{group.pk}/"
    assert 'value="健康码 粤康码"' in client.get(edit).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"words": group.words, "note": "已过时"})  # is_active unchecked
    group.refresh_from_db()
    assert not group.is_active and group.note == "已过时"
    assert search("粤康码").total == 0
    assert "已停用" in client.get(URL).content.decode()


def test_others_are_refused(client, officer):
    client.force_login(officer)  # a department's 公开办
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"words": "健康码 粤康码"}).status_code == 403
    assert not SynonymGroup.objects.exists()


@pytest.fixture
def index_doc(db):
    from sunshine.kernel.search.registry import register_doc_type
    from sunshine.kernel.search.services import index_document

    register_doc_type("wbtest", "测试文档")
    index_document(doc_type="wbtest", object_id=1, title="广东省健康码使用指南", body="",
                   url="/x/1/", is_public=True)  # fmt: skip
