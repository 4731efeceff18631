from django.db import models
from django.utils.translation import gettext_lazy as _


class Site(models.Model):
    """One website of the cluster (网站集群), with its own identity; found by host name."""

    host = models.CharField(_("域名"), max_length=120, unique=True)
    name = models.CharField(_("网站名称"), max_length=100)
    id_code = models.CharField(_("网站标识码"), max_length=20)
    icp = models.CharField(_("ICP备案号"), max_length=60, blank=True)
    psb = models.CharField(_("公安备案号"), max_length=60, blank=True)
    sponsor = models.CharField(_("主办单位"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    agency = models.ForeignKey("orgs.Agency", null=True, blank=True, on_delete=models.PROTECT)
    is_default = models.BooleanField(_("默认站点"), default=False)

    class Meta:
        verbose_name = _("网站")

    def __str__(self):
        return self.name


class Column(models.Model):
    """栏目: a section of a site. `kind` is the ColumnType of the page metadata."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="columns")
    slug = models.SlugField(max_length=40)
    name = models.CharField(_("栏目名称"), max_length=40)
    kind = models.CharField(_("栏目类型"), max_length=40, blank=True)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort", "id"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="uniq_column_slug")]

    def __str__(self):
        return self.name
