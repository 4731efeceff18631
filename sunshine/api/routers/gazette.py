"""政府公报: published issues and their contents, for anyone. Only what the gazette's public
selectors return (published issues; of their articles, records that are public and the text
articles of historical issues) is ever listed."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from sunshine.disclosure.gazette.selectors import (
    article_for_public,
    gazette_name,
    issue_for_public,
    issue_label,
    public_articles,
    public_issues,
)

from ..errors import NotFound
from ..links import portal_url
from ..pagination import limit_param, offset_param, page, year_param

router = Router(tags=["gazette"])


def _has_pdf(issue) -> bool:
    return bool(issue.source_attachment_id if issue.historical else issue.pdf)


class IssueOut(Schema):
    id: int
    year: int
    number: int
    total_number: int | None
    title: str
    label: str
    publication_date: dt.date
    published_at: dt.datetime
    historical: bool
    url: str
    pdf_url: str

    @staticmethod
    def resolve_title(obj) -> str:
        return f"{gazette_name()} {issue_label(obj)}"

    @staticmethod
    def resolve_label(obj) -> str:
        return issue_label(obj)

    @staticmethod
    def resolve_published_at(obj):
        return timezone.localtime(obj.published_at)  # +08:00, as on the pages

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("gazette_issue", obj.year, obj.number)

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return portal_url("gazette_pdf", obj.year, obj.number) if _has_pdf(obj) else ""


class ArticleOut(Schema):
    id: int
    order: int
    section: str
    title: str
    doc_number: str
    kind: str  # "record": a government-information record; "text": an article of an old issue
    record_id: int | None
    source: str
    page_start: int | None
    page_end: int | None
    url: str

    @staticmethod
    def resolve_kind(obj) -> str:
        return "record" if obj.record_id else "text"

    @staticmethod
    def resolve_url(obj) -> str:
        if obj.record_id:
            return portal_url("records_detail", obj.record_id)
        return portal_url("gazette_article", obj.pk)


class IssueDetail(IssueOut):
    cover_note: str
    agency_name: str
    articles: list[ArticleOut]

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_articles(obj) -> list:
        return public_articles(obj)


class ArticleDetail(ArticleOut):
    body: str
    ocr_confidence: float | None
    issue: IssueOut


class IssuePage(Schema):
    count: int
    items: list[IssueOut]


@router.get("", response=IssuePage, summary="政府公报各期")
def list_issues(
    request,
    year: int | None = year_param("只看该年度的各期"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    """Published issues, newest first."""
    issues = public_issues(year=year)
    return page(issues, limit, offset)


@router.get("/articles/{int:article_id}", response=ArticleDetail, summary="历史公报文章全文")
def get_article(request, article_id: int):
    article = article_for_public(article_id)
    if article is None:
        raise NotFound(_("该公报文章不存在或尚未发布。"))
    return article


@router.get("/{int:year}/{int:number}", response=IssueDetail, summary="一期政府公报的目录")
def get_issue(request, year: int, number: int):
    issue = issue_for_public(year, number)
    if issue is None:
        raise NotFound(_("该期政府公报不存在或尚未发布。"))
    return issue
