"""Groups of similar citizen messages (近似重复 / 同一话题) and what the grouping keeps between
runs. Written only by services.py and grouping.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import GroupKind


class MessageGroup(models.Model):
    """A set of messages on one matter. `label` is its top terms (staff only: the terms may
    come from unpublished messages); the portal shows the masked subject of the representative
    published member instead. Counts, votes and the hot score are denormalised by
    `refresh_hot_scores` (periodic) so that the hot list is one indexed query.

    `hot_score` orders the hot list: ln(base) + ln2·(latest − 2000-01-01)/half-life with
    base = count_weight·ln(1+count) + votes_weight·ln(1+max(0, net votes)); the same order as
    the decayed score base·2^(−age/half-life), see grouping.hot_score."""

    Kind = GroupKind

    kind = models.CharField(_("类型"), max_length=20, choices=GroupKind.choices, db_index=True)
    label = models.CharField(_("关键词"), max_length=200, blank=True)
    centroid = models.JSONField(_("话题向量"), default=dict, blank=True)
    representative = models.ForeignKey(
        "citizen_messages.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("代表留言"),
    )
    public_representative = models.ForeignKey(
        "citizen_messages.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("公开代表留言"),
    )
    message_count = models.PositiveIntegerField(_("留言数"), default=0)
    public_count = models.PositiveIntegerField(_("公开留言数"), default=0)
    votes_up = models.PositiveIntegerField(_("点赞数"), default=0)
    votes_down = models.PositiveIntegerField(_("反对数"), default=0)
    first_at = models.DateTimeField(_("最早留言"), null=True, blank=True)
    latest_at = models.DateTimeField(_("最新留言"), null=True, blank=True)
    hot_score = models.FloatField(_("热度"), default=0.0)
    is_reviewed = models.BooleanField(
        _("已人工调整"), default=False, help_text=_("合并或拆分过的分组，批量重新分组时保留。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-hot_score", "-id"]
        indexes = [
            models.Index(fields=["kind", "hot_score"]),
        ]
        verbose_name = _("留言分组")
        verbose_name_plural = _("留言分组")

    def __str__(self):
        return self.label or f"#{self.pk}"

    @property
    def votes_net(self) -> int:
        return self.votes_up - self.votes_down

    @property
    def terms(self) -> list[str]:
        return [t for t in self.label.split(" · ") if t]


class MessageGroupMember(models.Model):
    """A message in a group; `similarity` to the group (Jaccard of shingles for near-duplicates,
    cosine to the centroid for topics). A message is in at most one group of each kind."""

    group = models.ForeignKey(
        MessageGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("分组")
    )
    message = models.ForeignKey(
        "citizen_messages.Message",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("留言"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=GroupKind.choices)
    similarity = models.FloatField(_("相似度"), default=1.0)
    added_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "kind"], name="message_topics_one_group_per_kind"
            )
        ]
        indexes = [models.Index(fields=["group", "message"])]
        verbose_name = _("分组成员")
        verbose_name_plural = _("分组成员")


class MessageFingerprint(models.Model):
    """What grouping computed for one message: the MinHash signature of its text (64 × uint32)
    and its jieba tokens (so a regroup only segments new or edited messages). `digest` tells
    when the text changed."""

    message = models.OneToOneField(
        "citizen_messages.Message",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    minhash = models.BinaryField()
    tokens = models.TextField(blank=True)
    digest = models.CharField(max_length=40)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("留言指纹")
        verbose_name_plural = _("留言指纹")


class TopicTerm(models.Model):
    """The vocabulary of the last batch grouping with its idf, for assigning new messages to
    the nearest topic between two batch runs."""

    term = models.CharField(max_length=60, unique=True)
    idf = models.FloatField()

    class Meta:
        verbose_name = _("话题词")
        verbose_name_plural = _("话题词")


class MonthlyMessageStats(models.Model):
    """留言统计月汇总: the statistics numbers of the messages of one local month (by message
    time), one agency and one category: the sum of those messages' MessageStatsFact rows
    (summary.py builds both; nothing else writes them). Clocks of another agency than the
    message's (a transfer) are kept apart in `other_clocks`."""

    month = models.DateField(_("月份"))  # the first day
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("承办单位"),
    )
    category = models.CharField(_("留言分类"), max_length=40, blank=True)
    total = models.PositiveIntegerField(_("留言数"), default=0)
    replied = models.PositiveIntegerField(_("已答复"), default=0)
    open = models.PositiveIntegerField(_("办理中"), default=0)
    workdays_total = models.BigIntegerField(_("答复工作日合计"), default=0)
    days_total = models.FloatField(_("答复天数合计"), default=0)
    hist_on_time = models.PositiveIntegerField(_("历史按时"), default=0)
    hist_late = models.PositiveIntegerField(_("历史超时"), default=0)
    clock_on_time = models.PositiveIntegerField(_("按时答复"), default=0)
    clock_late = models.PositiveIntegerField(_("超时答复"), default=0)
    # {"<agency id>": [on time, late]} for stopped reply clocks of another agency.
    other_clocks = models.JSONField(_("其他单位计时"), default=dict, blank=True)

    class Meta:
        verbose_name = _("留言统计月汇总")
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["month", "agency"])]


class MessageStatsFact(models.Model):
    """留言统计明细: what one counted message (not 不予受理) adds to its month's summary row, as
    the job last counted it. A message changed since then is corrected by taking this out and
    counting the message again; the row is kept by message id without a foreign key, so that a
    message deleted outside the ORM can still be taken out by the next job run."""

    message_id = models.BigIntegerField(_("留言"), primary_key=True)
    month = models.DateField(_("月份"))
    agency_id = models.BigIntegerField(_("承办单位"), null=True, blank=True)
    category = models.CharField(_("留言分类"), max_length=40, blank=True)
    total = models.PositiveSmallIntegerField(_("留言数"), default=1)
    replied = models.PositiveSmallIntegerField(_("已答复"), default=0)
    open = models.PositiveSmallIntegerField(_("办理中"), default=0)
    workdays_total = models.IntegerField(_("答复工作日"), default=0)
    days_total = models.FloatField(_("答复天数"), default=0)
    hist_on_time = models.PositiveSmallIntegerField(_("历史按时"), default=0)
    hist_late = models.PositiveSmallIntegerField(_("历史超时"), default=0)
    clock_on_time = models.PositiveSmallIntegerField(_("按时答复"), default=0)
    clock_late = models.PositiveSmallIntegerField(_("超时答复"), default=0)
    other_clocks = models.JSONField(_("其他单位计时"), default=dict, blank=True)

    class Meta:
        verbose_name = _("留言统计明细")
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["month", "agency_id", "category"])]


class MessageStatsState(models.Model):
    """When the summary was last brought up to date: every message saved before `built_at` is
    counted in it (MessageStatsFact, MonthlyMessageStats); messages saved since are corrected
    live. `built_through` is the last month the summary holds (this month, once built)."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    built_through = models.DateField(_("汇总截至"), null=True, blank=True)
    built_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("留言统计汇总状态")
        verbose_name_plural = verbose_name
