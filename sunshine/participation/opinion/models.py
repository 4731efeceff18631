"""政务舆情: public-opinion events (`OpinionEvent`), the posts and articles captured about them
(`OpinionItem`, with their sentiment), the government's responses (`OpinionResponse`,
published on the portal), the changes of responsible agency, the general office's overdue
notices, the 研判 records (`OpinionAnalysis`) and the multi-agency 会商
(`OpinionCoordination` with one `CoordinationPart` per invited agency). Written only by
services.py (and alerts.py for the notices)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    CoordinationState,
    EvaluationScore,
    OpinionLevel,
    OpinionState,
    PartState,
    ResponseChannel,
    ResponseKind,
    ResponseMethod,
    Sentiment,
    SourceChannel,
    Trend,
)


class OpinionEvent(models.Model):
    """政务舆情: one event of public opinion. The 涉事 agency (`involved_agency`) is first
    responsible (rules.md §8); the general office may hand the event to another agency
    (`responsible_agency`, audited with a reason). Its clocks (kernel deadlines, in hours from
    `first_seen_at`) depend on the level: 5 h authoritative information and 24 h press
    conference for a major emergency, 48 h response otherwise. Permission checks and clocks use
    `agency`, i.e. the responsible agency."""

    Level = OpinionLevel
    State = OpinionState

    title = models.CharField(_("事件名称"), max_length=200)
    summary = models.TextField(_("舆情概要"), blank=True)
    source = models.CharField(_("来源渠道"), max_length=20, choices=SourceChannel.choices)
    source_url = models.URLField(_("来源网址"), max_length=500, blank=True)
    first_seen_at = models.DateTimeField(_("首次发现时间"), db_index=True)
    level = models.CharField(_("舆情级别"), max_length=20, choices=OpinionLevel.choices)
    involved_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("涉事单位")
    )
    responsible_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位")
    )
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=OpinionState.choices,
        default=OpinionState.OPEN,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    # 效果评估, recorded when the event is closed.
    evaluation_score = models.PositiveSmallIntegerField(
        _("效果评估"), choices=EvaluationScore.choices, null=True, blank=True
    )
    evaluation_text = models.TextField(_("评估意见"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("评估人"),
    )
    evaluated_at = models.DateTimeField(_("评估时间"), null=True, blank=True)
    # Sentiment summary of the captured items, kept up to date by the services.
    item_count = models.PositiveIntegerField(_("采集条数"), default=0)
    negative_count = models.PositiveIntegerField(_("负面"), default=0)
    neutral_count = models.PositiveIntegerField(_("中性"), default=0)
    positive_count = models.PositiveIntegerField(_("正面"), default=0)
    sentiment_mean = models.FloatField(_("平均情感得分"), null=True, blank=True)
    clocks = GenericRelation("deadlines.Clock")

    class Meta:
        ordering = ["-first_seen_at", "-pk"]
        indexes = [
            models.Index(fields=["responsible_agency", "state"]),
            models.Index(fields=["state", "first_seen_at"]),
        ]
        verbose_name = _("政务舆情")
        verbose_name_plural = _("政务舆情")

    def __str__(self):
        return self.title

    @property
    def agency(self):
        """The agency that answers for the event (permission checks, clocks, audit)."""
        return self.responsible_agency

    @property
    def agency_id(self):
        return self.responsible_agency_id

    @property
    def is_closed(self) -> bool:
        return self.state == OpinionState.CLOSED

    def share(self, label: str) -> float | None:
        if not self.item_count:
            return None
        count = {
            Sentiment.NEGATIVE: self.negative_count,
            Sentiment.NEUTRAL: self.neutral_count,
            Sentiment.POSITIVE: self.positive_count,
        }[label]
        return count / self.item_count


class OpinionItem(models.Model):
    """A captured post or article about an event (采集信息), with the sentiment the shipped
    model gives its text. Internal: never shown on the portal."""

    Sentiment = Sentiment

    event = models.ForeignKey(
        OpinionEvent, on_delete=models.CASCADE, related_name="items", verbose_name=_("舆情事件")
    )
    source = models.CharField(_("来源渠道"), max_length=20, choices=SourceChannel.choices)
    url = models.URLField(_("网址"), max_length=500, blank=True)
    author_label = models.CharField(_("发布者"), max_length=100, blank=True)
    text = models.TextField(_("内容"))
    captured_at = models.DateTimeField(_("采集时间"), db_index=True)
    sentiment_score = models.FloatField(_("情感得分"), help_text=_("正面的概率，0–1"))
    sentiment_label = models.CharField(_("情感倾向"), max_length=10, choices=Sentiment.choices)
    # sha256 of source, url and text: a second import of the same file adds nothing.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("录入时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-captured_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "fingerprint"], name="opinion_item_unique_per_event"
            )
        ]
        verbose_name = _("舆情信息")
        verbose_name_plural = _("舆情信息")

    def __str__(self):
        return self.text[:40]


class OpinionResponse(models.Model):
    """回应: what the government said, when and where. Published on the portal (回应关切)
    with its event's title and agency. Its `kind` decides which clocks it stops."""

    Kind = ResponseKind
    Channel = ResponseChannel

    event = models.ForeignKey(
        OpinionEvent,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("舆情事件"),
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("回应单位")
    )
    kind = models.CharField(_("回应类型"), max_length=30, choices=ResponseKind.choices)
    channel = models.CharField(_("回应渠道"), max_length=20, choices=ResponseChannel.choices)
    responded_at = models.DateTimeField(_("回应时间"), db_index=True)
    text = models.TextField(_("回应内容"))
    url = models.URLField(_("原文网址"), max_length=500, blank=True)
    is_published = models.BooleanField(_("在门户公开"), default=True)
    on_time = models.BooleanField(
        _("按时回应"), null=True, blank=True, help_text=_("回应时间是否在所停止期限的到期时间之前")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"))

    class Meta:
        ordering = ["-responded_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "responded_at"])]
        verbose_name = _("舆情回应")
        verbose_name_plural = _("舆情回应")

    def __str__(self):
        return f"{self.event_id} {self.get_kind_display()}"


class ResponsibilityChange(models.Model):
    """A change of the responsible agency, with who and why (also in the audit log)."""

    event = models.ForeignKey(
        OpinionEvent, on_delete=models.CASCADE, related_name="responsibility_changes"
    )
    from_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("原责任单位")
    )
    to_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("新责任单位")
    )
    reason = models.CharField(_("理由"), max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("责任单位变更")
        verbose_name_plural = _("责任单位变更")


class OverdueNotice(models.Model):
    """The general office was told that an opinion clock is overdue: once per clock and due
    time (alerts.py), so the periodic task can run any number of times."""

    clock = models.ForeignKey("deadlines.Clock", on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField()
    event = models.ForeignKey(OpinionEvent, on_delete=models.CASCADE, related_name="+")
    notified_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clock", "due_at"], name="opinion_overdue_once")
        ]
        verbose_name = _("舆情逾期通报")
        verbose_name_plural = _("舆情逾期通报")


class OpinionCoordination(models.Model):
    """会商: the responsible agency (or the general office) asks other agencies, each for its
    part (`CoordinationPart`), and writes the joint response (联合回应 / 统一口径) from their
    answers. 国办发〔2016〕61号 一: an event that concerns several departments is answered by
    each "按照职责分工", "确保回应的信息准确一致". The joint response reaches the portal only as
    the event's `OpinionResponse` (`response`), recorded by the one response service."""

    State = CoordinationState

    event = models.ForeignKey(
        OpinionEvent,
        on_delete=models.PROTECT,
        related_name="coordinations",
        verbose_name=_("舆情事件"),
    )
    convenor_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("牵头单位")
    )
    topic = models.CharField(_("会商议题"), max_length=200)
    brief = models.TextField(_("情况通报"), blank=True)
    hours = models.PositiveSmallIntegerField(_("答复时限（小时）"))
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=CoordinationState.choices,
        default=CoordinationState.OPEN,
        db_index=True,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发起人"),
    )
    opened_at = models.DateTimeField(_("发起时间"))
    joint_response = models.TextField(_("联合回应（统一口径）"), blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("形成口径人"),
    )
    concluded_at = models.DateTimeField(_("形成口径时间"), null=True, blank=True)
    response = models.OneToOneField(
        OpinionResponse,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordination",
        verbose_name=_("发布的回应"),
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("舆情会商")
        verbose_name_plural = _("舆情会商")

    def __str__(self):
        return self.topic

    @property
    def agency(self):
        """Permission checks on the 会商 are those of its event (the responsible agency)."""
        return self.event.responsible_agency

    @property
    def is_open(self) -> bool:
        return self.state == CoordinationState.OPEN


class CoordinationPart(models.Model):
    """One invited agency's part of a 会商: the question it must answer, on its own clock
    (`opinion.coordination_reply`, hours, of the invited agency), and its answer. Its staff
    see this part only, never the other agencies' parts."""

    State = PartState

    coordination = models.ForeignKey(
        OpinionCoordination,
        on_delete=models.CASCADE,
        related_name="parts",
        verbose_name=_("会商"),
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("受邀单位")
    )
    question = models.TextField(_("请答复的问题"))
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=PartState.choices,
        default=PartState.PENDING,
        db_index=True,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("邀请人"),
    )
    invited_at = models.DateTimeField(_("邀请时间"))
    answer = models.TextField(_("答复意见"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("答复人"),
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    clocks = GenericRelation("deadlines.Clock")

    class Meta:
        ordering = ["coordination_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["coordination", "agency"], name="opinion_part_once_per_agency"
            )
        ]
        indexes = [models.Index(fields=["agency", "state"])]
        verbose_name = _("会商答复")
        verbose_name_plural = _("会商答复")

    def __str__(self):
        return f"{self.coordination.topic}（{self.agency.name}）"


class OpinionAnalysis(models.Model):
    """研判: the level (confirmed, or changed: then the event's level changes with its clocks,
    audited), the trend, the key concerns and the recommendation (回应方式 and 口径), by whom
    and when. Several over time are the event's history; the newest is the current one. The
    seed notice (三) lists 收集、会商、研判、回应 in this order: an event's first response needs
    one (services.analysis_required)."""

    Trend = Trend
    Method = ResponseMethod

    event = models.ForeignKey(
        OpinionEvent, on_delete=models.PROTECT, related_name="analyses", verbose_name=_("舆情事件")
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("研判单位")
    )
    level = models.CharField(_("研判级别"), max_length=20, choices=OpinionLevel.choices)
    previous_level = models.CharField(_("原级别"), max_length=20, choices=OpinionLevel.choices)
    level_reason = models.CharField(_("调整级别理由"), max_length=500, blank=True)
    trend = models.CharField(_("舆情走势"), max_length=10, choices=Trend.choices)
    concerns = models.TextField(_("主要关切"))
    method = models.CharField(_("建议回应方式"), max_length=30, choices=ResponseMethod.choices)
    talking_points = models.TextField(_("回应口径"), blank=True)
    coordination = models.ForeignKey(
        OpinionCoordination,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="analyses",
        verbose_name=_("依据的会商"),
    )
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("研判人"),
    )
    analysed_at = models.DateTimeField(_("研判时间"), db_index=True)

    class Meta:
        ordering = ["-analysed_at", "-pk"]
        verbose_name = _("舆情研判")
        verbose_name_plural = _("舆情研判")

    def __str__(self):
        return f"{self.event_id} {self.get_level_display()} {self.get_trend_display()}"

    @property
    def level_changed(self) -> bool:
        return self.level != self.previous_level
