"""What 数据开放 adds to the workbench at start-up: the dashboard queue of 有条件开放
applications waiting for review (on their clocks), and the generated-dataset sources that read
other modules' public data — 行政执法公示 (双公示) first. A source lives here, in a shell,
because the domains do not import each other; it reads only the other domain's public selector
(the masked public view), so a dataset shows exactly what the portal shows."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.governance.enforcement.selectors import public_decisions, public_view
from sunshine.opendata.datasets.selectors import review_queue
from sunshine.opendata.datasets.sources import DataSource, register_source

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def applications_waiting(user, limit: int) -> list[QueueItem]:
    if not may_anywhere(user, "dataset.review_access"):
        return []
    return [
        QueueItem(
            title=a.dataset.title,
            url=reverse("workbench:opendata_application", args=[a.pk]),
            due=a.review_due_at,
            label=_("数据使用申请"),
        )
        for a in review_queue(user)[:limit]
    ]


def F(name, title, type_="string", unit="", description=""):
    return {
        "name": name,
        "title": title,
        "type": type_,
        "unit": unit,
        "description": description or title,
    }


# The 双公示 columns (行政许可 and 行政处罚 in one table, told apart by `kind`).
ENFORCEMENT_FIELDS = (
    F("kind", "决定类别", description="行政许可或行政处罚"),
    F("doc_number", "决定文书号"),
    F("title", "项目或案件名称"),
    F("party_name", "行政相对人名称", description="自然人只显示姓氏"),
    F("party_kind", "行政相对人类别"),
    F("credit_code", "统一社会信用代码", description="自然人不公开"),
    F("legal_rep", "法定代表人"),
    F("basis", "依据"),
    F("content", "决定内容"),
    F("penalty_categories", "处罚类别", description="多项以顿号分隔"),
    F("fine_amount", "罚款金额", "number", "万元"),
    F("confiscated_amount", "没收金额", "number", "万元", "没收违法所得、没收非法财物的金额"),
    F("license_number", "许可证书编号"),
    F("valid_from", "有效期自", "date"),
    F("valid_to", "有效期至", "date"),
    F("decided_on", "决定日期", "date"),
    F("published_on", "公示日期", "date"),
    F("agency", "决定机关"),
    F("withdrawn", "已撤回公示", "boolean", description="决定被变更、撤销或确认违法、无效后撤回"),
    F("withdraw_reason", "撤回理由"),
)


def enforcement_rows(agency):
    """The published (and withdrawn, with the reason only) decisions of the agency's subtree,
    oldest first, as the portal shows them: natural persons masked, no ID numbers."""
    decisions = public_decisions(agency_id=agency.pk, include_withdrawn=True).order_by(
        "published_at", "pk"
    )
    for decision in decisions.iterator(chunk_size=2000):
        v = public_view(decision)
        yield [
            v.kind_label,
            v.doc_number,
            v.title,
            v.party_name,
            v.party_kind_label,
            v.credit_code,
            v.legal_rep,
            v.basis,
            v.content,
            "、".join(v.categories),
            v.fine_amount,
            v.confiscated_amount,
            v.license_number,
            v.valid_from,
            v.valid_to,
            v.decided_on,
            v.published_at.date() if v.published_at else None,
            v.agency_name,
            v.withdrawn,
            v.withdraw_reason,
        ]


ENFORCEMENT = DataSource(
    key="enforcement-decisions",
    label=gettext_lazy("行政执法公示（双公示）"),
    fields=ENFORCEMENT_FIELDS,
    rows=enforcement_rows,
    defaults={
        "title": gettext_lazy("行政许可和行政处罚决定（双公示）"),
        "notes": gettext_lazy(
            "本机关及所属单位在网站公示的行政许可、行政处罚决定：文书号、行政相对人、依据、"
            "决定内容、罚款金额和决定日期。自然人只显示姓氏；撤回公示的决定保留文书号和撤回理由。"
            "每日根据行政执法公示自动更新。"
        ),
        "topic": "credit",
        "industry": "S",
        "open_class": "unconditional",
        "update_frequency": "daily",
        "license_id": "CC-BY-4.0",
        "tags": ["双公示", "行政许可", "行政处罚", "信用"],
    },
)


def register() -> None:
    register_queue_provider("opendata", applications_waiting)
    register_source(ENFORCEMENT)
