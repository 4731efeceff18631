"""The fixed lists of 依申请公开 (条例 Arts 27–45), coded to the columns and rows of the annual
report's table three and table four (国办公开办函〔2021〕30号)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantType(models.TextChoices):
    """申请人类型: the seven columns of table three less 总计."""

    NATURAL_PERSON = "natural_person", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他")


ORGANISATION_TYPES = frozenset(ApplicantType.values) - {ApplicantType.NATURAL_PERSON}


class Channel(models.TextChoices):
    """申请渠道. Received date (条例 Art. 31): in person that day; post the day signed for;
    online the day the system confirms."""

    IN_PERSON = "in_person", _("当面")
    POST = "post", _("邮寄")
    ONLINE = "online", _("网络")
    FAX = "fax", _("传真")
    OTHER = "other", _("其他")


class DeliveryForm(models.TextChoices):
    """获取信息的方式 (the applicant's choice, 条例 Art. 29)."""

    PAPER = "paper", _("纸质文本")
    EMAIL = "email", _("电子邮件")
    DISC = "disc", _("光盘等存储介质")
    PICKUP = "pickup", _("当面领取")


class DeliveryMethod(models.TextChoices):
    """送达方式 of the reply letter."""

    IN_PERSON = "in_person", _("直接送达")
    POST = "post", _("邮寄送达")
    EMAIL = "email", _("电子邮件送达")
    ONLINE = "online", _("网上送达")


class RequestState(models.TextChoices):
    RECEIVED = "received", _("办理中")
    CORRECTION = "correction", _("待补正")
    THIRD_PARTY = "third_party", _("征求第三方意见")
    PAYMENT = "payment", _("待缴费")
    REPLIED = "replied", _("已答复")
    DELIVERED = "delivered", _("已送达")


OPEN_STATES = (
    RequestState.RECEIVED,
    RequestState.CORRECTION,
    RequestState.THIRD_PARTY,
    RequestState.PAYMENT,
)


class OutcomeGroup(models.TextChoices):
    """The six groups of table three row 三 (办理结果)."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD = "withheld", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")


class Outcome(models.TextChoices):
    """办理结果: one leaf of table three (条例 Art. 36). 尚未办结 is not an outcome: it is
    derived (no reply by the end of the year → row 四 结转下年度继续办理)."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    # 不予公开
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("属于国家秘密")
    WITHHELD_BY_LAW = "withheld_by_law", _("其他法律行政法规禁止公开")
    WITHHELD_SECURITY = "withheld_security", _("危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("保护第三方合法权益")
    WITHHELD_INTERNAL = "withheld_internal", _("属于三类内部事务信息")
    WITHHELD_PROCESS = "withheld_process", _("属于四类过程性信息")
    WITHHELD_ENFORCEMENT = "withheld_enforcement", _("属于行政执法案卷")
    WITHHELD_INQUIRY = "withheld_inquiry", _("属于行政查询事项")
    # 无法提供
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("本机关不掌握相关政府信息")
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation", _("没有现成信息需要另行制作")
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", _("补正后申请内容仍不明确")
    # 条例 Art. 36(五): its own outcome and letter, counted in table three with 不掌握.
    UNAVAILABLE_OTHER_AGENCY = "unavailable_other_agency", _("不属于本机关负责公开")
    # 不予处理
    NOT_PROCESSED_PETITION = "not_processed_petition", _("信访举报投诉类申请")
    NOT_PROCESSED_REPEAT = "not_processed_repeat", _("重复申请")
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", _("要求提供公开出版物")
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", _("无正当理由大量反复申请")
    NOT_PROCESSED_CONFIRMATION = (
        "not_processed_confirmation",
        _("要求行政机关确认或重新出具已获取信息"),
    )
    # 其他处理
    OTHER_NO_CORRECTION = (
        "other_no_correction",
        _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_NO_PAYMENT = (
        "other_no_payment",
        _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER = "other", _("其他")


def _group_of(code: str) -> str:
    if code in (Outcome.DISCLOSED, Outcome.PARTIAL):
        return code
    prefix = code.split("_", 1)[0]
    return {
        "withheld": OutcomeGroup.WITHHELD,
        "unavailable": OutcomeGroup.UNAVAILABLE,
        "not": OutcomeGroup.NOT_PROCESSED,
        "other": OutcomeGroup.OTHER,
    }[prefix]


OUTCOME_GROUP: dict[str, str] = {code: str(_group_of(code)) for code in Outcome.values}

# Outcomes that table three counts under another leaf: the 2021 template has no row of its own
# for 36(五) (information another agency is responsible for); it is reported as 不掌握.
TABLE_LEAF: dict[str, str] = {Outcome.UNAVAILABLE_OTHER_AGENCY: Outcome.UNAVAILABLE_NOT_HELD}


def outcomes_counted_as(leaf: str) -> list[str]:
    """The outcome codes table three counts in `leaf` (the leaf and those mapped onto it)."""
    return [leaf, *(code for code, target in TABLE_LEAF.items() if target == leaf)]


# The groups with their leaves, in the order of table three.
OUTCOME_TREE: list[tuple[str, list[str]]] = [
    (group, [c for c in Outcome.values if OUTCOME_GROUP[c] == group and c not in TABLE_LEAF])
    for group in OutcomeGroup.values
]
# Every outcome an officer can choose, by group (36(五) included).
OUTCOME_CHOICE_TREE: list[tuple[str, list[str]]] = [
    (group, [c for c in Outcome.values if OUTCOME_GROUP[c] == group])
    for group in OutcomeGroup.values
]


def outcome_group_label(code: str) -> str:
    return str(OutcomeGroup(OUTCOME_GROUP[code]).label)


def outcome_full_label(code: str) -> str:
    """ "不予公开 — 属于国家秘密"; a group with one leaf is just its name."""
    group = OUTCOME_GROUP[code]
    if group == code:
        return str(Outcome(code).label)
    return f"{outcome_group_label(code)}（{Outcome(code).label}）"


class ConsultationOpinion(models.TextChoices):
    """第三方意见 (条例 Art. 32)."""

    PENDING = "pending", _("尚未答复")
    AGREES = "agrees", _("同意公开")
    OBJECTS = "objects", _("不同意公开")
    NO_REPLY = "no_reply", _("逾期未提出意见")


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号 Art. 3: by count or by volume, one per application, never both."""

    BY_COUNT = "by_count", _("按件计收")
    BY_VOLUME = "by_volume", _("按量计收")


class CaseResult(models.TextChoices):
    """Table four: 结果维持, 结果纠正, 其他结果, 尚未审结."""

    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class LawsuitKind(models.TextChoices):
    DIRECT = "direct", _("未经复议直接起诉")
    AFTER_REVIEW = "after_review", _("复议后起诉")
