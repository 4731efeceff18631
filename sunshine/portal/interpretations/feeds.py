"""The Atom 1.0 feed of the 政策解读 column (/zcjd/feed.atom), as RFC 4287 and the W3C feed
validator want it: feed id, title, updated, author and link rel="self"; each entry an id that
never changes (a tag: URI on the site's canonical host and the publication date), title,
updated, link and summary."""

from urllib.parse import urlsplit

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from sunshine.disclosure.interpretations.selectors import public_interpretations
from sunshine.kernel.sites.scope import within_site

from ..feeds import CONTENT_TYPE as FEED_CONTENT_TYPE
from ..pagecache import anonymous_page_cache
from .links import interpretation_url
from .views import summary

FEED_SIZE = 50
CONTENT_TYPE = FEED_CONTENT_TYPE  # application/xml, so browsers apply the stylesheet


def entry_id(host: str, interpretation) -> str:
    """tag:<host>,<publication date>:/zcjd/<id>/ (RFC 4151) — stable: neither changes once
    published, and the site's canonical host does not depend on how it was reached."""
    authority = (urlsplit(f"//{host}").hostname or "").lower()
    day = timezone.localdate(interpretation.published_at)
    return f"tag:{authority},{day:%Y-%m-%d}:{interpretation_url(interpretation)}"


class StyledAtom1Feed(Atom1Feed):
    """Django's Atom1Feed ignores `stylesheets` (only its RSS feeds write them): the same
    write(), with the xml-stylesheet instructions before the root element."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


@anonymous_page_cache
def interpretation_feed(request):
    site = request.site
    host = site.host or request.get_host()
    list_url = request.build_absolute_uri(reverse("portal:interpretations_list"))
    feed = StyledAtom1Feed(
        title=_("%(site)s · 政策解读") % {"site": site.name},
        link=list_url,
        description="",
        subtitle=_("%(site)s发布的政策解读（文字、图解、音视频、访谈、发布会）。")
        % {"site": site.name},
        language="zh-Hans",
        feed_url=request.build_absolute_uri(request.path),
        feed_guid=list_url,
        author_name=site.sponsor or site.name,
        # The browser view of the feed, as every feed of feeds.py has it (atom_response).
        stylesheets=[Stylesheet(reverse("portal:feed_stylesheet"), mimetype="text/xsl")],
    )
    for item in within_site(public_interpretations(), request)[:FEED_SIZE]:
        feed.add_item(
            title=item.title,
            link=request.build_absolute_uri(interpretation_url(item)),
            description=summary(item.body, 200) or item.title,
            unique_id=entry_id(host, item),
            unique_id_is_permalink=False,
            pubdate=timezone.localtime(item.published_at),  # +08:00, as on the pages
            updateddate=timezone.localtime(item.published_at),
            author_name=item.agency.name,
            categories=[str(item.get_kind_display())],
        )
    response = HttpResponse(content_type=CONTENT_TYPE)
    feed.write(response, "utf-8")
    return response
