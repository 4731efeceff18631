"""The demo catalog loads through the import and is idempotent."""

import io

import pytest

from sunshine.demo import catalog_data, disclosure_data, kernel_data
from sunshine.disclosure.catalog.models import Catalog, CatalogItem

pytestmark = pytest.mark.django_db


def test_demo_catalog_loads_once():
    kernel_data.load()
    disclosure_data.load(stdout=io.StringIO())
    out = io.StringIO()
    catalog_data.load(stdout=out)
    assert "13 added" in out.getvalue()
    out = io.StringIO()
    catalog_data.load(stdout=out)
    assert "0 added, 0 updated, 13 unchanged" in out.getvalue()
    catalog = Catalog.objects.get()
    assert catalog.agency.name == "广东省交通运输厅"
    assert CatalogItem.objects.filter(limit_kind="none").count() == 0  # every limit understood
