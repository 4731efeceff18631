"""Historical gazette articles in the site search: kernel/search doc type "gazette_article".

Only the articles with their own text (historical issues: text layer or OCR) are indexed; the
records of compiled issues are indexed as records already. An article is in the index exactly
while its issue is published: publishing indexes the issue's articles, unpublishing removes
them (articles can only be changed while the issue is not published). The index follows once
the transaction commits; a failure is logged and the task retries."""

import logging
from collections.abc import Iterator

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django_tasks import task

from sunshine.kernel.jobs.retry import retrying
from sunshine.kernel.search.services import bulk_index, remove_documents

from .choices import TEXT_SOURCES
from .models import GazetteArticle, GazetteIssue
from .workflow import IssueState

logger = logging.getLogger(__name__)

DOC_TYPE = "gazette_article"


def article_url(pk: int) -> str:
    """The public page of a historical article (/gb/article/<pk>/)."""
    try:
        return reverse("portal:gazette_article", args=[pk])
    except NoReverseMatch:  # the portal's gazette pages not mounted
        return f"/gb/article/{pk}/"


def document_for(article: GazetteArticle) -> dict:
    issue = article.issue
    return {
        "doc_type": DOC_TYPE,
        "object_id": article.pk,
        "title": article.title,
        "body": article.body,
        "url": article_url(article.pk),
        "is_public": issue.is_public,
        "visible_from": issue.published_at,
        "agency": issue.agency,
        "doc_number": article.doc_number,
        "year": issue.year,
        "date": issue.publication_date,
        "extra": {
            "issue_id": issue.pk,
            "issue": str(issue),
            "section": article.section,
            "pages": article.pages_label,
            "source": article.source,
        },
    }


def _text_articles(issue_ids):
    return (
        GazetteArticle.objects.filter(issue_id__in=issue_ids, source__in=TEXT_SOURCES)
        .exclude(title="")
        .select_related("issue", "issue__agency")
        .order_by("pk")
    )


def sync_issue(issue_id: int) -> dict:
    """Make the index agree with the issue as it is now."""
    issue = GazetteIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        return {"indexed": 0, "removed": 0}
    ids = list(
        GazetteArticle.objects.filter(issue_id=issue_id, source__in=TEXT_SOURCES).values_list(
            "pk", flat=True
        )
    )
    if issue.state != IssueState.PUBLISHED:
        return {"indexed": 0, "removed": remove_documents(doc_type=DOC_TYPE, object_ids=ids)}
    result = bulk_index(document_for(a) for a in _text_articles([issue_id]))
    return {"indexed": result.written, "removed": 0}


@task()
@retrying(max_attempts=5, backoff_seconds=30.0)
def sync_issue_task(issue_id: int) -> dict:
    return sync_issue(issue_id)


def _after_commit(issue_id: int) -> None:
    try:
        sync_issue(issue_id)
    except Exception:  # the issue's change is committed; the index follows later
        logger.exception("search indexing of gazette issue %s failed; queued", issue_id)
        try:
            sync_issue_task.enqueue(issue_id)
        except Exception:
            logger.exception("could not enqueue gazette indexing of issue %s", issue_id)


def issue_changed(issue: GazetteIssue) -> None:
    """Call inside the transaction that published or unpublished an issue."""
    issue_id = issue.pk
    transaction.on_commit(lambda: _after_commit(issue_id))


def reindex_documents() -> Iterator[dict]:
    """`manage.py search_reindex --type gazette_article`: drops the articles of issues that are
    not published, then yields those of every published issue."""
    hidden = GazetteArticle.objects.exclude(issue__state=IssueState.PUBLISHED).values_list(
        "pk", flat=True
    )
    remove_documents(doc_type=DOC_TYPE, object_ids=list(hidden))
    published = GazetteIssue.objects.filter(state=IssueState.PUBLISHED).values_list("pk", flat=True)
    for article in _text_articles(list(published)).iterator(chunk_size=500):
        yield document_for(article)
