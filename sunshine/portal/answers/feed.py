"""The Atom feed of the 公开答复库 (/ysqgk/gkdf/feed.atom): the newest public answers (the
portal's Atom writer, as /zcwj/feed.atom)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.answers.selectors import public_answers

from ..feeds import AtomEntry, AtomFeed, atom_response, excerpt, tag_uri
from ..pagecache import anonymous_page_cache

FEED_SIZE = 50


def entry_id(host: str, answer) -> str:
    """tag:<site host>,<first publication date>:ysqgk/gkdf/<id>."""
    return tag_uri(host, answer.published_at, f"ysqgk/gkdf/{answer.pk}")


@anonymous_page_cache
def answer_feed(request):
    site = request.site
    host = site.host or request.get_host()
    list_url = request.build_absolute_uri(reverse("portal:answers_list"))
    entries = [
        AtomEntry(
            id=entry_id(host, answer),
            title=answer.title,
            link=request.build_absolute_uri(reverse("portal:answers_detail", args=[answer.pk])),
            published=answer.published_at,
            updated=max(answer.updated_at, answer.published_at),
            summary=f"{answer.outcome_label}。{excerpt(answer.answer, 160)}",
            author=answer.agency.name,
            categories=[answer.outcome_label],
        )
        for answer in public_answers()[:FEED_SIZE]
    ]
    feed = AtomFeed(
        id=list_url,
        title=_("%(site)s · 公开答复库") % {"site": site.name},
        subtitle=_("经申请人同意、去除个人信息后公开的政府信息公开申请答复"),
        alternate=list_url,
        self_link=request.build_absolute_uri(request.path),
        author=site.sponsor or site.name,
        entries=entries,
    )
    return atom_response(feed)
