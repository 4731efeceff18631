"""The demo catalog loads through the import and is idempotent."""

import pytest
from django.core.management import call_command

from sunshine.disclosure.catalog.models import Catalog, CatalogItem

pytestmark = pytest.mark.django_db


def test_demo_catalog_loads_once(capsys):
    call_command("load_demo")
    call_command("load_catalog_demo")
    assert "13 added" in capsys.readouterr().out
    call_command("load_catalog_demo")
    assert "0 added, 0 updated, 13 unchanged" in capsys.readouterr().out
    catalog = Catalog.objects.get()
    assert catalog.agency.name == "广东省交通运输厅"
    assert CatalogItem.objects.filter(limit_kind="none").count() == 0  # every limit understood
