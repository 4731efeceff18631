"""An agency's page (/gkml/<id>/) links to what other features publish about it: the FOI
guide of every agency, and 公共资源交易 only where the agency supervises projects."""

import pytest

from sunshine.opendata.trading.tests.factories import imported_project
from sunshine.testing.factories.catalog import CatalogItemFactory, catalog
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.django_db


def agency_page(client, agency) -> str:
    response = client.get(f"/gkml/{agency.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_supervising_agency_links_its_projects_and_every_agency_its_foi_guide(client, gov):
    market, env = gov["market"], gov["env"]
    for agency in (market, env):
        officer = staff_with("disclosure_officer", agency)
        CatalogItemFactory(catalog=catalog({}, agency=agency, actor=officer), actor=officer)
    imported_project(market, gov["editor"])

    html = agency_page(client, market)
    assert f'href="/ggzy/?agency={market.pk}"' in html and "监管的交易项目 1 个" in html
    assert f'href="/ysqgk/{market.pk}/"' in html

    html = agency_page(client, env)  # supervises no project: no trading link
    assert "/ggzy/?agency=" not in html
    assert f'href="/ysqgk/{env.pk}/"' in html
