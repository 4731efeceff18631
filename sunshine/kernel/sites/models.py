from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Site(models.Model):
    """One website of the cluster (网站集群), with its own identity; found by host name.
    A site with an agency shows that agency's subtree only (a city's site: the city's
    agencies); the default site, or one without an agency, shows the whole cluster."""

    host = models.CharField(_("域名"), max_length=120, unique=True)
    name = models.CharField(_("网站名称"), max_length=100)
    id_code = models.CharField(_("网站标识码"), max_length=20)
    icp = models.CharField(_("ICP备案号"), max_length=60, blank=True)
    psb = models.CharField(_("公安备案号"), max_length=60, blank=True)
    sponsor = models.CharField(_("主办单位"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("所属机关"),
        help_text=_("本站只显示该机关及其下级机关的内容；不填则显示全部站点的内容。"),
    )
    is_default = models.BooleanField(_("默认站点"), default=False)

    class Meta:
        verbose_name = _("网站")

    def __str__(self):
        return self.name


class Column(models.Model):
    """栏目: a section of a site. `kind` is the ColumnType of the page metadata; `sort` its
    place in the navigation; `on_home` whether the site's home page shows it, and `home_sort`
    where (the home page's blocks follow their columns' home_sort)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="columns")
    slug = models.SlugField(max_length=40)
    name = models.CharField(_("栏目名称"), max_length=40)
    kind = models.CharField(_("栏目类型"), max_length=40, blank=True)
    sort = models.PositiveSmallIntegerField(_("排序"), default=100)
    on_home = models.BooleanField(_("在首页显示"), default=True)
    home_sort = models.PositiveSmallIntegerField(_("首页排序"), default=100)

    class Meta:
        ordering = ["sort", "id"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="uniq_column_slug")]

    def __str__(self):
        return self.name


class SharedItem(models.Model):
    """推送到子站: an item published on one site (a provincial policy) shown in a column of
    another site of the cluster, with its 来源 (the publishing agency). One row per target
    site and column: it is also the record of what was pushed where, by whom and when."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="shared_items", verbose_name=_("推送到")
    )
    column_slug = models.SlugField(_("栏目"), max_length=40)
    from_site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("推送自"),
    )
    source_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("来源")
    )
    # What was pushed: any module's object (the kernel knows no domain), its title and page.
    item_type = models.CharField(_("类型"), max_length=60)
    item_id = models.PositiveBigIntegerField()
    title = models.CharField(_("标题"), max_length=300)
    url = models.CharField(_("链接"), max_length=300)
    date = models.DateField(_("日期"), null=True, blank=True)
    pushed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("推送人"),
    )
    pushed_at = models.DateTimeField(_("推送时间"))

    class Meta:
        verbose_name = _("推送到子站的内容")
        verbose_name_plural = verbose_name
        ordering = ["-pushed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "column_slug", "item_type", "item_id"], name="uniq_shared_item"
            )
        ]
        indexes = [models.Index(fields=["site", "column_slug", "-date"], name="shared_site_col")]

    def __str__(self):
        return self.title
