import pytest

from sunshine.disclosure.records.tests.factories import make_people

from .factories import gazette_people, make_issue, public_record


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(province):
    people = make_people(
        province["office"], other_agency=province["transport"], root=province["root"]
    )
    people["province"] = province
    return gazette_people(people)


@pytest.fixture
def records(people):
    return [
        public_record(
            people,
            "广东省人民政府办公厅关于推进阳光政务建设工作的通知",
            "粤府办〔2026〕1号",
            body="各地级以上市人民政府，省政府各部门、各直属机构：\n为深入推进阳光政务建设，现就有关事项通知如下。\n一、提高认识。",
        ),
        public_record(
            people,
            "广东省人民政府办公厅关于印发政务公开工作要点的通知",
            "粤府办〔2026〕2号",
            body="《政务公开工作要点》已经省人民政府同意，现印发给你们，请认真贯彻执行。",
        ),
    ]


@pytest.fixture
def issue(people):
    return make_issue(people)
