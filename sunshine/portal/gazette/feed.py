"""The Atom feed of the gazette (/gb/feed.atom): one entry per published issue, newest first,
with its table of contents as the summary (shared builder sunshine/portal/feeds.py, written to
pass the W3C feed validator)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.gazette.selectors import (
    gazette_name,
    issue_label,
    public_contents,
    public_issues,
)

from ..feeds import AtomEntry, AtomFeed, atom_response, excerpt, tag_uri
from ..pagecache import anonymous_page_cache
from .links import issue_url

FEED_SIZE = 30


@anonymous_page_cache
def gazette_feed(request):
    site = request.site
    host = site.host or request.get_host()
    name = gazette_name(site.name)
    issues = list(public_issues().select_related("agency")[:FEED_SIZE])
    contents = public_contents(issues)
    entries = []
    for issue in issues:
        titles = [a.title for a in contents.get(issue.pk, [])]
        entries.append(
            AtomEntry(
                id=tag_uri(host, issue.publication_date, f"gb/{issue.year}/{issue.number}"),
                title=f"{name} {issue_label(issue)}",
                link=request.build_absolute_uri(issue_url(issue)),
                published=issue.published_at,
                updated=issue.published_at,
                summary=excerpt("；".join(titles), 500) or issue_label(issue),
                author=issue.agency.name,
                categories=[_("政府公报")],
            )
        )
    index = request.build_absolute_uri(reverse("portal:gazette_index"))
    feed = AtomFeed(
        id=index,
        title=name,
        subtitle=_("%(name)s各期目录。") % {"name": name},
        alternate=index,
        self_link=request.build_absolute_uri(request.path),
        author=site.sponsor or site.name,
        entries=entries,
    )
    return atom_response(feed)
