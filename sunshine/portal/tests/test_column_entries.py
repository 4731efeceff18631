import pytest
from django.urls import reverse

from sunshine.portal import columns


@pytest.fixture
def entry():
    columns.register_column_entry(
        "hdjl", label="无障碍入口", url_name="accessibility", description="说明", order=1
    )
    yield
    columns.unregister_column_entry("hdjl", "accessibility")


@pytest.mark.django_db
def test_a_registered_entry_is_linked_from_its_column_page(client, entry):
    html = client.get(reverse("portal:column", args=["hdjl"])).content.decode()
    assert 'class="column-entries"' in html
    assert f'href="{reverse("portal:accessibility")}"' in html
    assert "无障碍入口" in html and "说明" in html


def test_entries_are_ordered_and_idempotent(entry):
    columns.register_column_entry("hdjl", label="无障碍入口", url_name="accessibility", order=1)
    assert [e.url_name for e in columns.column_entries("hdjl")].count("accessibility") == 1
    assert columns.column_entries("no-such-column") == []
