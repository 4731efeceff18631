"""政府信息公开工作年度报告: a published report for anyone, as the JSON of
`manage.py annual_report --json` (sections 一…六, tables 二, 三, 四 with the template's names)."""

from django.utils.translation import gettext as _
from ninja import Router

from sunshine.disclosure.annualreport.selectors import published_report

from ..errors import NotFound

router = Router(tags=["annualreport"])


@router.get(
    "/{int:agency_id}/{int:year}",
    response=dict,
    summary="政府信息公开工作年度报告（已发布）",
)
def get_report(request, agency_id: int, year: int):
    report = published_report(agency_id, year) if 1 <= agency_id < 2**63 else None
    if report is None or not report.published_data:
        raise NotFound(_("该年度报告不存在或尚未发布。"))
    return report.published_data
