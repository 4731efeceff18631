"""What the 公开答复库 adds to the rest of the portal: a way in on the 政务公开 column and a
sitemap section (the list and each public answer)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.answers.selectors import public_answers
from sunshine.portal.columns import register_column_entry
from sunshine.portal.sitemaps import SitemapRows, SitemapUrl, register_sitemap_section


def answers_sitemap(request):
    yield SitemapUrl(reverse("portal:answers_list"), changefreq="daily", priority=0.5)
    yield SitemapRows(
        public_answers().values_list("pk", "updated_at"),
        lambda pk, changed: SitemapUrl(
            reverse("portal:answers_detail", args=[pk]), lastmod=changed
        ),
    )


def register() -> None:
    register_column_entry(
        "zwgk",
        label=_("公开答复库"),
        url_name="answers_list",
        description=_("已答复的政府信息公开申请，去除个人信息后公开"),
        order=31,
    )
    register_sitemap_section("answers", answers_sitemap)
