import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.orgs.services import create_agency, import_agencies_csv, update_agency
from sunshine.testing.factories import RegionFactory, make_credit_code

pytestmark = pytest.mark.django_db


def test_tree_paths_and_subtree(province):
    county, root, city = province["county"], province["root"], province["city"]
    assert county.path == f"/{root.pk}/{city.pk}/{county.pk}/"
    assert county.depth == 2 and county.is_within(root) and not root.is_within(county)
    assert set(Agency.objects.filter(path__startswith=city.path)) == {city, county}


def test_wrong_credit_code_gets_a_clear_error_naming_the_field(province):
    with pytest.raises(ValidationError) as exc:
        create_agency(
            name="某局",
            region=RegionFactory(),
            org_code="X1",
            credit_code="11440000MB2C1234X0",
            parent=province["root"],
        )
    assert "credit_code" in exc.value.message_dict
    assert "统一社会信用代码" in exc.value.message_dict["credit_code"][0]
    assert not Agency.objects.filter(name="某局").exists()


def test_moving_an_agency_moves_its_subtree_and_is_audited(province):
    city, county, transport = province["city"], province["county"], province["transport"]
    update_agency(actor=None, agency=city, parent=transport)
    county.refresh_from_db()
    assert county.path.startswith(transport.path) and county.depth == 3
    assert AuditEvent.objects.filter(action="agency.update", object_id=str(city.pk)).exists()


def test_an_agency_cannot_become_its_own_descendant(province):
    with pytest.raises(ValidationError):
        update_agency(actor=None, agency=province["city"], parent=province["county"])


CSV_HEADER = "name,short_name,kind,parent,region_code,region_name,doc_prefix,org_code,credit_code\n"


def test_csv_import_creates_and_updates(province):
    text = CSV_HEADER + (
        f"广东省教育厅,省教育厅,department,广东省人民政府,440000,广东省,粤教,006939756,{make_credit_code(77)}\n"
        f"广东省教育考试院,考试院,other,广东省教育厅,440000,广东省,,006939757,{make_credit_code(78)}\n"
    )
    report = import_agencies_csv(text=text)
    assert report.errors == [] and report.created == 2
    exam = Agency.objects.get(name="广东省教育考试院")
    assert exam.parent.name == "广东省教育厅" and exam.depth == 2
    again = import_agencies_csv(text=text)
    assert again.created == 0 and again.updated == 2
    assert Agency.objects.filter(name="广东省教育考试院").count() == 1


def test_csv_import_reports_bad_rows_by_line_and_saves_nothing(province):
    text = CSV_HEADER + (
        f"广东省卫生健康委员会,省卫健委,department,广东省人民政府,440000,广东省,粤卫,006940000,{make_credit_code(90)}\n"
        "广东省水利厅,省水利厅,department,广东省人民政府,440000,广东省,粤水,006940001,11440000006940001X\n"
        f"广东省林业局,,department,不存在的机关,440000,广东省,,006940002,{make_credit_code(91)}\n"
    )
    report = import_agencies_csv(text=text)
    assert report.created == 0
    assert len(report.errors) == 2
    assert report.errors[0].startswith("第3行") and "统一社会信用代码" in report.errors[0]
    assert report.errors[1].startswith("第4行") and "不存在的机关" in report.errors[1]
    assert not Agency.objects.filter(name="广东省卫生健康委员会").exists()
