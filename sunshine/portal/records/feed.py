"""The Atom feed of the 政策文件 column (/zcwj/feed.atom): the newest public records of the
site (a city's site: its agencies' records, kernel.sites.scope), each with its 来源."""

from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.sites.scope import within_site

from ..feeds import AtomEntry, AtomFeed, atom_response, excerpt, tag_uri
from ..pagecache import anonymous_page_cache
from .links import first_published, record_path

FEED_SIZE = 50


def entry_id(host: str, record) -> str:
    """tag:<site host>,<first publication date>:zcwj/<id> — never changes for a record."""
    return tag_uri(host, record.date_published, f"zcwj/{record.pk}")


def _summary(record) -> str:
    facts = [
        _("来源：%(agency)s") % {"agency": record.agency.name},
        record.issuer.name,
        record.doc_number,
        _("成文日期 %(d)s") % {"d": record.date_written},
    ]
    head = "，".join(f for f in facts if f)
    body = excerpt(record.body_start, 160)
    return f"{head}。{body}" if body else head


@anonymous_page_cache
def record_feed(request):
    site = request.site
    host = site.host or request.get_host()
    list_url = request.build_absolute_uri(reverse("portal:records_list"))
    records = within_site(public_records(), request)
    records = records.annotate(body_start=Substr("body", 1, 400))[:FEED_SIZE]
    entries = []
    for record in records:
        published = first_published(record)
        entries.append(
            AtomEntry(
                id=entry_id(host, record),
                title=record.title,
                link=request.build_absolute_uri(record_path(record)),
                published=published,
                updated=max(record.updated_at, record.published_at or record.updated_at),
                summary=_summary(record),
                author=record.issuer.name,
                categories=[str(record.get_topic_display())],
            )
        )
    feed = AtomFeed(
        id=list_url,
        title=_("%(site)s · 政策文件") % {"site": site.name},
        subtitle=_("%(site)s发布的政策文件") % {"site": site.name},
        alternate=list_url,
        self_link=request.build_absolute_uri(request.path),
        author=site.sponsor or site.name,
        entries=entries,
    )
    return atom_response(feed)
