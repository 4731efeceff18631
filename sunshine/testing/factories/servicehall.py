"""Test data for the service catalog: complete guides built through the services."""

import factory

from sunshine.kernel.files.testing import make_pdf
from sunshine.servicehall.catalog import services
from sunshine.servicehall.catalog.models import ServiceItem

from .kernel import AgencyFactory, staff_with

GUIDE = {
    "basis": "《中华人民共和国道路运输条例》第二十四条",
    "conditions": "有与其经营业务相适应并经检测合格的车辆；有符合规定条件的驾驶人员。",
    "location": "广州市越秀区白云路27号 省政务服务中心二楼",
    "fee_standard": "不收费",
    "office_hours": "工作日 9:00-12:00，14:00-17:30（法定节假日除外）",
    "phone": "020-12345678",
    "procedure": "网上申请 → 受理 → 审查 → 决定 → 办结 → 送达",
}


def template_file(name="申请表.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, make_pdf([["道路运输经营申请表"]]), "application/pdf")


class ServiceItemFactory(factory.django.DjangoModelFactory):
    """A draft 办事事项 of `agency` with the whole guide, created by `actor` (default: a new
    approver there) through `services.create_item`; `make_item` adds materials and publishes."""

    class Meta:
        model = ServiceItem

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("approver", o.agency))
    code = factory.Sequence(lambda n: f"T{n + 1:06d}")
    name = "道路旅客运输经营许可"
    themes = None
    promised_days = 10
    statutory_days = 20
    for_persons = True
    for_enterprises = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_item(**{**GUIDE, **kwargs})


def make_item(
    agency,
    *,
    actor=None,
    publish=True,
    name="道路旅客运输经营许可",
    promised_days=10,
    statutory_days=20,
    materials=(("道路运输经营申请表", True), ("营业执照", False)),
    themes=None,
    **fields,
):
    """A published item of `agency` with `materials` (the first with its 申请表 template)."""
    actor = actor or staff_with("approver", agency)
    item = ServiceItemFactory(
        agency=agency, actor=actor, name=name, themes=themes, promised_days=promised_days,
        statutory_days=statutory_days, **fields,
    )  # fmt: skip
    for i, (mname, required) in enumerate(materials):
        services.add_material(
            item=item,
            actor=actor,
            name=mname,
            required=required,
            template=template_file() if i == 0 else None,
        )
    if publish:
        services.publish_item(item=item, actor=actor)
    item.refresh_from_db()
    return item
