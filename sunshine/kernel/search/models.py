import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

# "Visible from the start": public documents without an embargo get this instead of NULL, so
# that the visibility test is one comparison that an index can serve.
ALWAYS = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class SearchDocument(models.Model):
    """检索文档: one searchable item of any module (a record, an interpretation, a gazette
    article, ...), written only by `search.services`. Site-independent: one search across the
    site cluster.

    This table is kept narrow (keys, filters, visibility, what a hit shows) so that counting
    and faceting thousands of matches reads few pages; the long texts are in SearchText.
    """

    doc_type = models.CharField(_("类型"), max_length=40)
    object_id = models.CharField(_("对象编号"), max_length=64)
    title = models.CharField(_("标题"), max_length=500)
    url = models.CharField(_("链接"), max_length=500)

    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    doc_key = models.CharField(max_length=100, blank=True, db_index=True)
    # doc_key backwards: a 文号's end (`629号`, `〔2016〕629号`) is a prefix of it, which the
    # b-tree index serves on both databases (keys.py).
    doc_key_reversed = models.CharField(max_length=100, blank=True, db_index=True)
    index_number = models.CharField(_("索引号"), max_length=100, blank=True)
    index_key = models.CharField(max_length=100, blank=True, db_index=True)

    agency_id = models.BigIntegerField(_("机关"), null=True, blank=True, db_index=True)
    agency_path = models.CharField(max_length=255, blank=True, db_index=True)
    agency_name = models.CharField(_("机关名称"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    topic = models.CharField(_("主题分类"), max_length=60, blank=True)
    kind = models.CharField(_("体裁"), max_length=40, blank=True)
    validity = models.CharField(_("有效性"), max_length=20, blank=True)
    date = models.DateField(_("日期"), null=True, blank=True)

    is_public = models.BooleanField(_("公开"), default=False)
    visible_from = models.DateTimeField(_("公开时间"), default=ALWAYS)
    extra = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # Hash of everything the document was indexed from: re-indexing an unchanged item is a
    # no-op.
    digest = models.CharField(max_length=64, blank=True)
    indexed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "object_id"], name="search_doc_unique")
        ]
        indexes = [
            # Read backwards for "newest first, undated last" on SQLite; PostgreSQL has
            # search_doc_date_desc in that order (migration 0003; SQLite cannot declare it).
            models.Index(fields=["date", "id"], name="search_doc_date"),
            models.Index(fields=["doc_type", "date"], name="search_doc_type_date"),
            # Selective filters let PostgreSQL start from the documents instead of the matches.
            models.Index(fields=["year"], name="search_doc_year"),
            models.Index(fields=["topic"], name="search_doc_topic"),
            models.Index(fields=["kind"], name="search_doc_kind"),
        ]

    def __str__(self):
        return f"{self.doc_type}:{self.object_id} {self.title}"


class SearchText(models.Model):
    """The long texts of a SearchDocument: the body (for snippets) and the space-joined tokens
    of title and body (segment.index_tokens) that the full-text index reads. The index lives
    beside this table and is not a Django field (migration 0002):
    - SQLite: the FTS5 table `search_fts` (external content = this table, rowid = doc_id),
      kept in sync by triggers;
    - PostgreSQL: the generated column `search_vector` (title weight A, body weight B) with a
      GIN index, `title_vector` (in line, GIN index) and `sample` (doc_id % 64, indexed;
      migration 0003, which also keeps the long values of this table out of line).
    """

    doc = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    body = models.TextField(_("正文"), blank=True)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)

    class Meta:
        verbose_name = _("检索正文")
        verbose_name_plural = _("检索正文")

    def __str__(self):
        return str(self.doc_id)


class SynonymGroup(models.Model):
    """同义词组: words that a query treats as one (社会保险 社保), added by staff in the workbench
    on top of the shipped dictionary data/synonyms.txt (synonyms.py). Words are stored
    normalised (segment.normalize_text), separated by spaces, the full name first. A group is
    switched off, not deleted, so that the audit trail keeps what it said."""

    words = models.CharField(_("同义词"), max_length=500)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("添加人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("添加时间"))
    updated_at = models.DateTimeField(_("修改时间"))

    class Meta:
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词组")
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return self.words

    @property
    def word_list(self) -> list[str]:
        return self.words.split()


class SearchQueryCount(models.Model):
    """检索词统计: how often a query was searched on the portal on a day, and how often it found
    something; nothing about who searched (no user, address or session). Feeds 热门搜索 and
    the "did you mean" of a search that found nothing. Queries that look like personal data
    (long digit runs, e-mail addresses) are never counted (services.record_query)."""

    query = models.CharField(_("检索词"), max_length=100)
    day = models.DateField(_("日期"))
    searches = models.PositiveIntegerField(_("检索次数"), default=0)
    found = models.PositiveIntegerField(_("有结果次数"), default=0)

    class Meta:
        verbose_name = _("检索词统计")
        verbose_name_plural = _("检索词统计")
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="search_query_count_unique")
        ]
