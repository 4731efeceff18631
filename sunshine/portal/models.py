"""The portal's own table: the column lists as last computed (columns.py), so that a page whose
cache is cold reads every column of the home page in one query instead of asking each
provider (one or two queries each)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnSnapshot(models.Model):
    """栏目快照: the newest `size` items of column `slug` ([{title, url, date}]), kept fresh by
    a periodic job and recomputed by the page when older than columns.SNAPSHOT_SECONDS."""

    slug = models.SlugField(_("栏目"), max_length=40)
    size = models.PositiveSmallIntegerField(_("条数"))
    items = models.JSONField(_("条目"), default=list, blank=True)
    refreshed_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("栏目快照")
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["slug", "size"], name="portal_snapshot_slug_size")
        ]

    def __str__(self) -> str:
        return f"{self.slug}:{self.size}"
