"""Historical gazettes (历史公报): an old issue uploaded as a PDF is read page by page in the
background — the text layer of born-digital pages, OCR of scanned ones (pagetext.py) — and
split into articles by their titles (splitting.py). Staff check and correct the proposed split
(edit, merge, split, move paragraphs between neighbours, add, remove) before they publish the
issue; its articles then become searchable (indexing.py).

Every act of staff is one audited transaction with the permission "gazette.edit" on the issue;
the processing itself is the system's (actor None), also audited when it ends."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.services import delete_attachment, store_attachment
from sunshine.kernel.files.sniff import check_upload
from sunshine.kernel.jobs.retry import current_attempt

from .choices import TEXT_SOURCES, ArticleSource, PageSource, Processing
from .models import GazetteArticle, GazetteIssue, GazettePage
from .pagetext import PageReadError, count_pages, read_pages
from .services import clean_text_article, lock, must_be_draft, next_order, renumber, snapshot
from .splitting import PageText, split_pages

logger = logging.getLogger(__name__)


def _enqueue(issue_id: int, attachment_id: int) -> None:
    from .tasks import process_historical_task

    process_historical_task.enqueue(issue_id, attachment_id)


def _reset(issue: GazetteIssue) -> None:
    issue.pages.all().delete()
    issue.articles.filter(source__in=TEXT_SOURCES).delete()
    renumber(issue)


@transaction.atomic
def upload_historical_pdf(*, issue: GazetteIssue, actor, uploaded_file) -> Attachment:
    """Attach the PDF of an old issue (type and size checked by content; a damaged or
    encrypted PDF is refused) and queue its processing. Replaces an earlier upload with its
    pages and proposed articles."""
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    sniffed = check_upload(uploaded_file)
    if sniffed.kind != "pdf":
        raise ValidationError({"file": _("请上传 PDF 格式的公报文件。")})
    uploaded_file.seek(0)
    try:  # in the bounded worker: this request never parses the PDF itself
        pages_total = count_pages(uploaded_file.read())
    except PageReadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if pages_total == 0:
        raise ValidationError({"file": _("PDF 文件没有页面。")})
    uploaded_file.seek(0)
    previous = issue.source_attachment
    attachment = store_attachment(
        owner=issue, uploaded_file=uploaded_file, actor=actor, extract="no"
    )
    if previous is not None and previous.pk != attachment.pk:
        delete_attachment(attachment=previous, actor=actor)
    _reset(issue)
    issue.historical = True
    issue.source_attachment = attachment
    issue.processing = Processing.PENDING
    issue.pages_total, issue.pages_done, issue.processing_error = pages_total, 0, ""
    issue.save()
    record_event(
        action="gazette.upload",
        actor=actor,
        obj=issue,
        summary=attachment.original_name,
        data={"attachment": attachment.pk, "pages": pages_total, "sha256": attachment.sha256},
    )
    issue_id, attachment_id = issue.pk, attachment.pk
    transaction.on_commit(lambda: _enqueue(issue_id, attachment_id), robust=True)
    return attachment


@transaction.atomic
def reprocess(*, issue: GazetteIssue, actor) -> None:
    """Read and split the uploaded PDF again (the corrections made so far are lost)."""
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    if issue.source_attachment_id is None:
        raise ValidationError(_("本期没有上传的公报 PDF。"))
    _reset(issue)
    issue.processing, issue.pages_done, issue.processing_error = Processing.PENDING, 0, ""
    issue.save()
    record_event(action="gazette.reprocess", actor=actor, obj=issue, summary=str(issue))
    issue_id, attachment_id = issue.pk, issue.source_attachment_id
    transaction.on_commit(lambda: _enqueue(issue_id, attachment_id), robust=True)


# --- The processing (task worker) -------------------------------------------------------


def _claim(issue_id: int, attachment_id: int) -> GazetteIssue | None:
    with transaction.atomic():
        issue = GazetteIssue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.source_attachment_id != attachment_id:
            return None  # deleted, or a newer upload replaced this one
        if issue.processing not in (Processing.PENDING, Processing.RUNNING):
            return None  # done already (a repeated task) or failed for good
        issue.processing = Processing.RUNNING
        issue.save(update_fields=["processing", "updated_at"])
        return issue


def process_issue(issue_id: int, attachment_id: int) -> dict:
    """Read every page not read yet (a restarted task resumes), then propose the split.
    The pages are read in the bounded worker (pagetext.read_pages); each is saved in its own
    transaction as it comes, so the status page shows the progress. A file past a limit
    (an image's pixels, the worker's memory or time) fails the issue with that limit named."""
    issue = _claim(issue_id, attachment_id)
    if issue is None:
        return {"issue": issue_id, "status": "skipped"}
    try:
        with issue.source_attachment.file.open("rb") as fh:
            data = fh.read()
        done = set(issue.pages.values_list("number", flat=True))
        total = issue.pages_total or count_pages(data)
        todo = [n for n in range(1, total + 1) if n not in done]

        def save(page: PageText) -> None:
            with transaction.atomic():
                GazettePage.objects.update_or_create(
                    issue=issue,
                    number=page.number,
                    defaults={
                        "source": page.source,
                        "text": page.text,
                        "confidence": page.confidence,
                    },
                )
                GazetteIssue.objects.filter(pk=issue.pk).update(pages_done=page.number)

        # Page reading and OCR in the bounded worker, each page saved as soon as it is read.
        read_pages(data, todo, save)
        return _propose(issue)
    except Exception as exc:
        logger.exception("gazette: processing issue %s failed", issue_id)
        if isinstance(exc, PageReadError | OSError) or current_attempt().is_last:
            _failed(issue, exc)
            return {"issue": issue_id, "status": "failed"}
        raise  # retried


@transaction.atomic
def _propose(issue: GazetteIssue) -> dict:
    lock(issue)
    pages = [
        PageText(p.number, p.text, p.source, p.confidence) for p in issue.pages.order_by("number")
    ]
    proposed = split_pages(pages)
    issue.articles.filter(source__in=TEXT_SOURCES).delete()
    order = next_order(issue)
    for i, article in enumerate(proposed):
        GazetteArticle.objects.create(
            issue=issue,
            order=order + i,
            section=article.section[:60],
            source=ArticleSource.OCR
            if article.source == PageSource.OCR
            else ArticleSource.BORN_DIGITAL,
            title=article.title[:300],
            doc_number=article.doc_number[:60],
            body=article.body,
            page_start=article.page_start or None,
            page_end=article.page_end or None,
            ocr_confidence=article.confidence,
        )
    issue.processing = Processing.DONE
    issue.pages_done = len(pages)
    issue.save(update_fields=["processing", "pages_done", "updated_at"])
    ocr_pages = sum(1 for p in pages if p.source == PageSource.OCR)
    record_event(
        action="gazette.split_proposed",
        actor=None,
        obj=issue,
        summary=_("识别 %(pages)d 页，拆分出 %(n)d 篇文章")
        % {"pages": len(pages), "n": len(proposed)},
        data={"pages": len(pages), "ocr_pages": ocr_pages, "articles": len(proposed)},
        after=snapshot(issue),
    )
    return {"issue": issue.pk, "status": "done", "pages": len(pages), "articles": len(proposed)}


def _failed(issue: GazetteIssue, exc: Exception) -> None:
    message = (
        str(exc)
        if isinstance(exc, PageReadError)
        else _("处理失败：%(detail)s") % {"detail": repr(exc)[:300]}
    )
    with transaction.atomic():
        GazetteIssue.objects.filter(pk=issue.pk).update(
            processing=Processing.FAILED, processing_error=message
        )
        record_event(
            action="gazette.processing_failed",
            actor=None,
            obj=issue,
            summary=message[:200],
        )


# --- Corrections by staff ---------------------------------------------------------------


def _text_article(article: GazetteArticle) -> None:
    if article.source not in TEXT_SOURCES:
        raise ValidationError(_("政府信息文章的内容来自其文件，不能在此拆分或合并。"))


def _paragraphs(article: GazetteArticle) -> list[str]:
    return [p for p in article.body.split("\n") if p.strip()]


def _audit(action: str, actor, issue, summary: str, **data) -> None:
    record_event(action=action, actor=actor, obj=issue, summary=summary, data=data)


@transaction.atomic
def add_text_article(
    *, issue: GazetteIssue, actor, title: str, body: str = "", doc_number: str = "",
    section: str = "", page_start: int | None = None, page_end: int | None = None,
) -> GazetteArticle:  # fmt: skip
    """An article typed in by staff (one the split missed), at the end of the issue."""
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    values = clean_text_article(
        {"title": title, "body": body, "doc_number": doc_number, "section": section,
         "page_start": page_start, "page_end": page_end}
    )  # fmt: skip
    values["section"] = (values.get("section") or "").strip()[:60]
    article = GazetteArticle.objects.create(
        issue=issue, order=next_order(issue), source=ArticleSource.MANUAL, **values
    )
    _audit("gazette.add_article", actor, issue, article.title, article=article.pk)
    return article


def _neighbour(article: GazetteArticle) -> GazetteArticle | None:
    ids = list(article.issue.articles.order_by("order", "pk").values_list("pk", flat=True))
    i = ids.index(article.pk)
    return GazetteArticle.objects.get(pk=ids[i + 1]) if i + 1 < len(ids) else None


def _pages(*articles: GazetteArticle) -> tuple[int | None, int | None]:
    starts = [a.page_start for a in articles if a.page_start]
    ends = [a.page_end or a.page_start for a in articles if a.page_end or a.page_start]
    return (min(starts) if starts else None, max(ends) if ends else None)


@transaction.atomic
def merge_with_next(*, article: GazetteArticle, actor) -> GazetteArticle:
    """Join the next article to this one (its title becomes a paragraph): for a title the
    split took for a new article although it was not one."""
    issue = article.issue
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    _text_article(article)
    following = _neighbour(article)
    if following is None:
        raise ValidationError(_("这是本期最后一篇文章，没有可合并的下一篇。"))
    _text_article(following)
    parts = _paragraphs(article) + [following.title] + _paragraphs(following)
    article.body = "\n".join(p for p in parts if p)
    article.page_start, article.page_end = _pages(article, following)
    article.save()
    _audit(
        "gazette.merge_articles", actor, issue, article.title,
        article=article.pk, merged=following.pk, merged_title=following.title,
    )  # fmt: skip
    following.delete()
    renumber(issue)
    return article


@transaction.atomic
def split_article(
    *, article: GazetteArticle, actor, at_paragraph: int, title: str = ""
) -> GazetteArticle:
    """Cut an article before paragraph `at_paragraph` (0-based): the rest becomes a new
    article right after it, titled `title` or, when none is given, by its first paragraph."""
    issue = article.issue
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    _text_article(article)
    paragraphs = _paragraphs(article)
    if not 0 <= at_paragraph < len(paragraphs):
        raise ValidationError(_("请选择要从哪一段拆分。"))
    rest = paragraphs[at_paragraph:]
    new_title = " ".join((title or "").split())
    if not new_title:
        new_title, rest = rest[0], rest[1:]
    article.body = "\n".join(paragraphs[:at_paragraph])
    article.save()
    created = GazetteArticle.objects.create(
        issue=issue,
        order=article.order,
        section=article.section,
        source=article.source,
        title=new_title[:300],
        body="\n".join(rest),
        page_start=article.page_start,
        page_end=article.page_end,
        ocr_confidence=article.ocr_confidence,
    )
    ids = list(issue.articles.order_by("order", "pk").values_list("pk", flat=True))
    ids.remove(created.pk)
    ids.insert(ids.index(article.pk) + 1, created.pk)
    renumber(issue, ids)
    created.refresh_from_db()
    _audit(
        "gazette.split_article", actor, issue, article.title,
        article=article.pk, new_article=created.pk, at_paragraph=at_paragraph,
    )  # fmt: skip
    return created


@transaction.atomic
def move_paragraphs(*, article: GazetteArticle, actor, count: int) -> GazetteArticle:
    """Move the boundary with the next article: `count` > 0 takes the next article's first
    `count` paragraphs into this one; `count` < 0 gives this one's last paragraphs to it."""
    issue = article.issue
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    _text_article(article)
    following = _neighbour(article)
    if following is None:
        raise ValidationError(_("这是本期最后一篇文章，没有下一篇。"))
    _text_article(following)
    mine, theirs = _paragraphs(article), _paragraphs(following)
    if count == 0 or (count > 0 and count > len(theirs)) or (count < 0 and -count > len(mine)):
        raise ValidationError(_("要移动的段数超出了文章的段数。"))
    if count > 0:
        mine, theirs = mine + theirs[:count], theirs[count:]
    else:
        mine, theirs = mine[:count], mine[count:] + theirs
    article.body, following.body = "\n".join(mine), "\n".join(theirs)
    article.save()
    following.save()
    _audit(
        "gazette.move_paragraphs", actor, issue, article.title,
        article=article.pk, next_article=following.pk, count=count,
    )  # fmt: skip
    return article
