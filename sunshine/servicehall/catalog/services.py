"""Every write to the service catalog (政务服务事项 and 办事指南). Each act is one transaction:
permission on the implementing agency, change, audit event; state changes go through the
kernel workflow (logged and audited); the search index follows publication."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.services import delete_attachment, store_attachment
from sunshine.kernel.workflow.services import transition

from .choices import ItemState as S
from .guide import check_days
from .indexing import index_item
from .models import ServiceItem, ServiceMaterial, ServiceTheme
from .validation import clean_item_fields, clean_text

MATERIAL_LIMITS = {"name": 200, "description": 500}


def _snapshot(item: ServiceItem) -> dict:
    return {
        "code": item.code,
        "name": item.name,
        "state": str(item.state),
        "promised_days": item.promised_days,
        "statutory_days": item.statutory_days,
        "online": item.online,
        "offline": item.offline,
    }


def _lock(item: ServiceItem) -> None:
    item.refresh_from_db(from_queryset=ServiceItem.objects.select_for_update())


def _editable(item: ServiceItem) -> None:
    if item.state != S.DRAFT:
        raise ValidationError(_("只有草稿状态的事项可以修改；已发布的事项请先撤回。"))


def _set_themes(item: ServiceItem, themes) -> None:
    if themes is not None:
        item.themes.set(list(themes))


@transaction.atomic
def create_item(*, agency, actor, code: str, name: str, themes=None, **fields) -> ServiceItem:
    """A draft item of `agency`; the guide may be incomplete until publication."""
    item = ServiceItem(agency=agency)
    require(actor, "service_item.edit", item)
    code = (code or "").strip()
    if not code or len(code) > 40:
        raise ValidationError({"code": _("请填写事项编码（不超过 40 个字符）。")})
    if ServiceItem.objects.filter(code=code).exists():
        raise ValidationError({"code": _("事项编码已被使用。")})
    cleaned = clean_item_fields({"name": name, **fields})
    if not cleaned.get("name"):
        raise ValidationError({"name": _("请填写事项名称。")})
    check_days(cleaned.get("promised_days"), cleaned.get("statutory_days"))
    for key, value in cleaned.items():
        setattr(item, key, value)
    item.code, item.state, item.created_by, item.created_at = code, S.DRAFT, actor, clock.now()
    if not item.handling_unit:
        item.handling_unit = agency.name
    item.save()
    _set_themes(item, themes)
    record_event(
        action="service_item.create", actor=actor, obj=item, summary=item.name,
        after=_snapshot(item),
    )  # fmt: skip
    return item


@transaction.atomic
def update_item(*, item: ServiceItem, actor, themes=None, **changes) -> ServiceItem:
    require(actor, "service_item.edit", item)
    _lock(item)
    _editable(item)
    before = _snapshot(item)
    cleaned = clean_item_fields(changes)
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError({"name": _("请填写事项名称。")})
    for key, value in cleaned.items():
        setattr(item, key, value)
    check_days(item.promised_days, item.statutory_days)
    item.save()
    _set_themes(item, themes)
    record_event(
        action="service_item.update", actor=actor, obj=item, summary=item.name,
        data={"fields": sorted(changes)}, before=before, after=_snapshot(item),
    )  # fmt: skip
    return item


@transaction.atomic
def add_material(
    *, item: ServiceItem, actor, name: str, required: bool = True, copies: int = 1,
    description: str = "", template=None,
) -> ServiceMaterial:  # fmt: skip
    """A 办理材料 row, with its blank form / sample (空白表格) as an optional template file."""
    require(actor, "service_item.edit", item)
    _lock(item)
    _editable(item)
    cleaned = clean_text({"name": name, "description": description}, MATERIAL_LIMITS)
    if not cleaned["name"]:
        raise ValidationError({"name": _("请填写材料名称。")})
    if not 1 <= int(copies or 0) <= 99:
        raise ValidationError({"copies": _("份数应为 1 至 99。")})
    position = item.materials.count()
    material = ServiceMaterial.objects.create(
        item=item, required=bool(required), copies=int(copies), position=position, **cleaned
    )
    if template is not None:
        store_attachment(owner=material, uploaded_file=template, actor=actor, extract="no")
    record_event(
        action="service_item.add_material", actor=actor, obj=item, summary=material.name,
        data={"material": material.pk, "required": material.required},
    )  # fmt: skip
    return material


@transaction.atomic
def attach_template(*, material: ServiceMaterial, actor, uploaded_file) -> Attachment:
    require(actor, "service_item.edit", material.item)
    _editable(material.item)
    return store_attachment(owner=material, uploaded_file=uploaded_file, actor=actor, extract="no")


@transaction.atomic
def remove_material(*, material: ServiceMaterial, actor) -> None:
    item = material.item
    require(actor, "service_item.edit", item)
    _lock(item)
    _editable(item)
    for attachment in material.attachments.all():
        delete_attachment(attachment=attachment, actor=actor)
    record_event(
        action="service_item.remove_material", actor=actor, obj=item, summary=material.name,
        data={"material": material.pk},
    )  # fmt: skip
    material.delete()


@transaction.atomic
def publish_item(*, item: ServiceItem, actor) -> ServiceItem:
    """Publish the guide: refused, naming every missing element, unless it is complete."""
    transition(obj=item, name="publish", actor=actor, set_fields={"published_at": clock.now()})
    index_item(item)
    return item


@transaction.atomic
def withdraw_item(*, item: ServiceItem, actor, reason: str) -> ServiceItem:
    transition(obj=item, name="withdraw", actor=actor, comment=reason)
    index_item(item)
    return item


@transaction.atomic
def revise_item(*, item: ServiceItem, actor) -> ServiceItem:
    transition(obj=item, name="revise", actor=actor)
    return item


@transaction.atomic
def ensure_theme(*, slug: str, name: str, audience: str, position: int = 0) -> ServiceTheme:
    """Data rows of the theme lists (used by the demo and the initial setup; idempotent)."""
    theme, _created = ServiceTheme.objects.update_or_create(
        slug=slug, defaults={"name": name, "audience": audience, "position": position}
    )
    return theme
