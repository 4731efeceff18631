"""Reads of the government gazette (政府公报).

Public reads (`public_*`, `issue_for_public`, `article_for_public`) only ever return published
issues, and of their articles only those that are public themselves: a record article while
its record is public (published 主动公开 — a record withdrawn after the issue appeared drops
out), a text article always. Staff reads are scoped by "gazette.view_staff" in the query."""

from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.access.policy import scope
from sunshine.kernel.sites.resolver import site_for_host
from sunshine.kernel.workflow.selectors import AvailableTransition, available_transitions, history

from .choices import ArticleSource
from .models import GazetteArticle, GazetteIssue, GazettePage
from .workflow import IssueState

_BRACKETS = str.maketrans("[(（［【", "〔〔〔〔〔") | str.maketrans("])）］】", "〕〕〕〕〕")

# --- Names --------------------------------------------------------------------------------


def gazette_name(site_name: str | None = None) -> str:
    """ "<site name>公报" (广东省人民政府公报), or settings.GAZETTE_NAME."""
    configured = getattr(settings, "GAZETTE_NAME", "")
    if configured:
        return configured
    if not site_name:
        site_name = site_for_host(settings.SITE_DOMAIN).name
    return _("%(site)s公报") % {"site": site_name}


def issue_label(issue: GazetteIssue) -> str:
    """2026年第5期（总第1234期）."""
    label = _("%(year)d年第%(number)d期") % {"year": issue.year, "number": issue.number}
    if issue.total_number:
        label += _("（总第%(total)d期）") % {"total": issue.total_number}
    return label


@dataclass(frozen=True)
class Section:
    name: str
    articles: list


def by_section(articles) -> list[Section]:
    """Consecutive articles under the same heading, in order (the table of contents)."""
    return [
        Section(name, list(group)) for name, group in groupby(articles, key=lambda a: a.section)
    ]


# --- Public -------------------------------------------------------------------------------


def public_issues(*, year: int | None = None) -> QuerySet[GazetteIssue]:
    """Published issues, newest first."""
    qs = GazetteIssue.objects.filter(state=IssueState.PUBLISHED)
    if year:
        qs = qs.filter(year=year)
    return qs.defer("cover_note", "processing_error").order_by("-year", "-number")


def public_years() -> list[tuple[int, int]]:
    """(year, number of published issues), newest year first."""
    rows = (
        GazetteIssue.objects.filter(state=IssueState.PUBLISHED)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return [(row["year"], row["n"]) for row in rows]


def issue_for_public(year, number) -> GazetteIssue | None:
    try:
        year, number = int(year), int(number)
    except (TypeError, ValueError):
        return None
    return (
        GazetteIssue.objects.filter(state=IssueState.PUBLISHED, year=year, number=number)
        .select_related("agency", "source_attachment")
        .first()
    )


def _public_article_filter() -> Q:
    return Q(source=ArticleSource.RECORD, record__in=public_records().values("pk")) | ~Q(
        source=ArticleSource.RECORD
    )


def public_articles(issue: GazetteIssue, *, with_body: bool = False) -> list[GazetteArticle]:
    """The public articles of a published issue in order (empty for any other issue); record
    articles come with their record and its 发文机关."""
    if not issue.is_public:
        return []
    qs = (
        GazetteArticle.objects.filter(issue=issue)
        .filter(_public_article_filter())
        .select_related("record", "record__issuer")
        .order_by("order", "pk")
    )
    if not with_body:
        qs = qs.defer("body", "record__body", "record__withheld_reason")
    return list(qs)


def public_contents(issues) -> dict[int, list[GazetteArticle]]:
    """The public articles of several published issues at once (feeds, API lists): issue id
    -> articles in order (titles and 文号 only)."""
    ids = [i.pk for i in issues if i.is_public]
    contents: dict[int, list[GazetteArticle]] = {pk: [] for pk in ids}
    rows = (
        GazetteArticle.objects.filter(issue_id__in=ids)
        .filter(_public_article_filter())
        .only("pk", "issue_id", "order", "title", "doc_number", "section", "source", "record_id")
        .order_by("issue_id", "order", "pk")
    )
    for article in rows:
        contents[article.issue_id].append(article)
    return contents


def article_for_public(pk) -> GazetteArticle | None:
    """A text article (historical issue) of a published issue, or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        GazetteArticle.objects.filter(pk=pk, issue__state=IssueState.PUBLISHED)
        .exclude(source=ArticleSource.RECORD)
        .select_related("issue", "issue__agency")
        .first()
    )


def public_text_articles() -> QuerySet[GazetteArticle]:
    """Every historical (text) article of a published issue (sitemap, reindex)."""
    return (
        GazetteArticle.objects.filter(issue__state=IssueState.PUBLISHED)
        .exclude(source=ArticleSource.RECORD)
        .order_by("pk")
    )


def issues_of_record(record) -> list[GazetteIssue]:
    """The published issues a record appeared in (for its page: "刊登于政府公报")."""
    return list(
        GazetteIssue.objects.filter(
            state=IssueState.PUBLISHED, articles__record_id=getattr(record, "pk", record)
        ).order_by("-year", "-number")
    )


# --- Staff --------------------------------------------------------------------------------


def staff_issues(
    user, *, year: int | None = None, state: str | None = None
) -> QuerySet[GazetteIssue]:
    """Every issue the staff user may see, newest first, with its article count."""
    qs = scope(user, "gazette.view_staff", GazetteIssue.objects.all())
    if year:
        qs = qs.filter(year=year)
    if state:
        qs = qs.filter(state=state)
    return (
        qs.select_related("agency")
        .defer("cover_note", "processing_error")
        .annotate(article_count=Count("articles"))
        .order_by("-year", "-number")
    )


def issue_for_staff(user, pk) -> GazetteIssue | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        scope(user, "gazette.view_staff", GazetteIssue.objects.all())
        .select_related("agency", "source_attachment", "created_by")
        .filter(pk=pk)
        .first()
    )


def staff_articles(issue: GazetteIssue) -> list[GazetteArticle]:
    """All articles of an issue in order, with whether each record is still public."""
    public_ids = set(
        public_records()
        .filter(pk__in=issue.articles.filter(record__isnull=False).values("record_id"))
        .values_list("pk", flat=True)
    )
    articles = list(
        issue.articles.select_related("record", "record__issuer")
        .defer("body", "record__body", "record__withheld_reason")
        .order_by("order", "pk")
    )
    for article in articles:
        article.record_is_public = article.record_id in public_ids
    return articles


def article_of_issue(issue: GazetteIssue, pk) -> GazetteArticle | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return issue.articles.select_related("record").filter(pk=pk).first()


def issue_pages(issue: GazetteIssue) -> QuerySet[GazettePage]:
    return issue.pages.order_by("number")


def records_to_add(issue: GazetteIssue, q: str = "", *, limit: int = 20) -> list:
    """Public records matching `q` (words of the title, an 索引号, a 文号 or its beginning
    such as 粤府办〔2016〕, in any bracket style) that are not in the issue yet, newest
    first."""
    from sunshine.disclosure.docparse.docnumber import normalize_doc_number

    q = (q or "").strip()
    qs = public_records().exclude(
        pk__in=issue.articles.filter(record__isnull=False).values("record_id")
    )
    if q:
        number = normalize_doc_number(q)
        prefix = q.translate(_BRACKETS)  # 粤府办[2016] -> 粤府办〔2016〕
        condition = Q(title__icontains=q) | Q(index_number=q) | Q(doc_number__startswith=prefix)
        if number:
            condition |= Q(doc_number=number)
        qs = qs.filter(condition)
    return list(qs[:limit])


def issue_actions(issue: GazetteIssue, user) -> list[AvailableTransition]:
    """The workflow buttons `user` may press on this issue now."""
    return available_transitions(issue, user)


def issue_history(issue: GazetteIssue):
    return history(issue)


def pending_for(user, *, limit: int = 20) -> list[GazetteIssue]:
    """Draft issues waiting for this user (editors: processed historical issues to correct;
    publishers: issues with contents not yet published)."""
    qs = scope(user, "gazette.edit", GazetteIssue.objects.all()) | scope(
        user, "gazette.publish", GazetteIssue.objects.all()
    )
    return list(
        qs.filter(state=IssueState.DRAFT)
        .annotate(article_count=Count("articles"))
        .filter(article_count__gt=0)
        .only("pk", "year", "number", "total_number", "publication_date", "processing")
        .order_by("publication_date", "pk")[:limit]
    )
