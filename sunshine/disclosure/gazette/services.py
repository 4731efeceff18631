"""Every write to the government gazette (政府公报) except the historical-issue processing
(historical.py). Each act is one transaction that checks the permission on the issue's agency,
changes the issue, and writes the audit event; publishing goes through the kernel workflow
(logged and audited there). Derived work (the PDF, the search index) follows on commit."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.services import delete_attachment
from sunshine.kernel.notify.publish import announce
from sunshine.kernel.workflow.services import transition

from . import indexing
from .choices import TEXT_SOURCES, ArticleSource
from .models import GazetteArticle, GazetteIssue
from .workflow import IssueState

ISSUE_FIELDS = ("year", "number", "total_number", "publication_date", "cover_note")
TEXT_FIELDS = ("title", "doc_number", "section", "body", "page_start", "page_end")
FIRST_YEAR = 1949
MAX_NUMBER = 999


def snapshot(issue: GazetteIssue) -> dict:
    return {
        "year": issue.year,
        "number": issue.number,
        "total_number": issue.total_number,
        "publication_date": str(issue.publication_date),
        "state": str(issue.state),
        "historical": issue.historical,
        "articles": list(issue.articles.order_by("order", "pk").values_list("pk", flat=True)),
    }


def lock(issue: GazetteIssue) -> None:
    issue.refresh_from_db(from_queryset=GazetteIssue.objects.select_for_update())


def must_be_draft(issue: GazetteIssue) -> None:
    if issue.state != IssueState.DRAFT:
        raise ValidationError(_("本期已发布，不能修改；如需修改，请先撤下本期。"))


def renumber(issue: GazetteIssue, ordered_ids: list[int] | None = None) -> list[int]:
    """Orders 1..n, in `ordered_ids` order (ids not listed keep their place after them)."""
    current = list(issue.articles.order_by("order", "pk").values_list("pk", "order"))
    rank = {pk: i for i, pk in enumerate(ordered_ids or [])}
    ids = [pk for pk, _o in sorted(current, key=lambda r: (rank.get(r[0], len(rank)), r[1], r[0]))]
    old = dict(current)
    for position, pk in enumerate(ids, start=1):
        if old[pk] != position:
            GazetteArticle.objects.filter(pk=pk).update(order=position)
    return ids


def next_order(issue: GazetteIssue) -> int:
    return (issue.articles.aggregate(last=Max("order"))["last"] or 0) + 1


def _clean_issue(values: dict, *, pk: int | None = None) -> dict:
    errors = {}
    year, number = values.get("year"), values.get("number")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= clock.today().year + 1:
        errors["year"] = _("年份应在 %(first)d 至 %(last)d 之间。") % {
            "first": FIRST_YEAR,
            "last": clock.today().year + 1,
        }
    if not isinstance(number, int) or not 1 <= number <= MAX_NUMBER:
        errors["number"] = _("期号应为 1 至 %(max)d 之间的整数。") % {"max": MAX_NUMBER}
    total = values.get("total_number")
    if total is not None and (not isinstance(total, int) or total < 1):
        errors["total_number"] = _("总期号应为正整数。")
    published = values.get("publication_date")
    if not isinstance(published, dt.date):
        errors["publication_date"] = _("请填写出版日期。")
    elif "year" not in errors and abs(published.year - year) > 1:
        errors["publication_date"] = _("出版日期与年份不符。")
    if not errors:
        clash = GazetteIssue.objects.filter(year=year, number=number).exclude(pk=pk)
        if clash.exists():
            errors["number"] = _("%(year)d年第%(number)d期已存在。") % {
                "year": year,
                "number": number,
            }
    if errors:
        raise ValidationError(errors)
    values["cover_note"] = (values.get("cover_note") or "").strip()
    return values


# --- Issues -------------------------------------------------------------------------------


@transaction.atomic
def create_issue(
    *,
    actor,
    agency,
    year: int,
    number: int,
    publication_date: dt.date,
    total_number: int | None = None,
    cover_note: str = "",
    historical: bool = False,
) -> GazetteIssue:
    """A new issue (draft) of the gazette edited by `agency`. `historical`: an old issue
    whose PDF will be uploaded (historical.upload_historical_pdf)."""
    require(actor, "gazette.edit", agency)
    values = _clean_issue(
        {
            "year": year,
            "number": number,
            "total_number": total_number,
            "publication_date": publication_date,
            "cover_note": cover_note,
        }
    )
    issue = GazetteIssue.objects.create(
        agency=agency,
        historical=historical,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=clock.now(),
        **values,
    )
    record_event(
        action="gazette.create",
        actor=actor,
        obj=issue,
        summary=str(issue),
        after=snapshot(issue),
    )
    return issue


@transaction.atomic
def update_issue(*, issue: GazetteIssue, actor, **changes) -> GazetteIssue:
    """Change year, number, total number, publication date or cover note of a draft."""
    require(actor, "gazette.edit", issue)
    unknown = set(changes) - set(ISSUE_FIELDS)
    if unknown:
        raise TypeError(f"update_issue: unknown fields {sorted(unknown)}")
    lock(issue)
    must_be_draft(issue)
    before = snapshot(issue)
    values = _clean_issue({**{f: getattr(issue, f) for f in ISSUE_FIELDS}, **changes}, pk=issue.pk)
    for name, value in values.items():
        setattr(issue, name, value)
    issue.save()
    record_event(
        action="gazette.update",
        actor=actor,
        obj=issue,
        summary=str(issue),
        data={"fields": sorted(changes)},
        before=before,
        after=snapshot(issue),
    )
    return issue


@transaction.atomic
def delete_issue(*, issue: GazetteIssue, actor) -> None:
    """Delete a draft issue that was never published, with its articles, pages and file."""
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    if issue.published_at is not None:
        raise ValidationError(_("本期曾经发布，不能删除（可保持撤下状态）。"))
    record_event(
        action="gazette.delete", actor=actor, obj=issue, summary=str(issue), before=snapshot(issue)
    )
    # The uploaded files first (audited, files removed on commit), then the issue.
    for attachment in issue.attachments.all():
        delete_attachment(attachment=attachment, actor=actor)
    pdf_storage, pdf_name = issue.pdf.storage, issue.pdf.name
    GazetteIssue.objects.filter(pk=issue.pk).delete()
    if pdf_name:
        transaction.on_commit(lambda: pdf_storage.delete(pdf_name), robust=True)


# --- Articles -----------------------------------------------------------------------------


def default_section(record) -> str:
    """The usual 栏目 of a record, by its 发文机关: the government, its office, a department."""
    kind = getattr(record.issuer, "kind", "")
    if kind == "government":
        return _("省政府文件")
    if kind == "office":
        return _("省政府办公厅文件")
    return _("部门文件")


@transaction.atomic
def add_record(*, issue: GazetteIssue, record, actor, section: str | None = None) -> GazetteArticle:
    """Put a published 主动公开 record in the issue: after the articles of its section (栏目;
    by default from its 发文机关), or at the end."""
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    public = public_records().select_related("issuer").filter(pk=record.pk).first()
    if public is None:
        raise ValidationError(_("只有已发布的主动公开政府信息才能刊登在公报上。"))
    if issue.articles.filter(record=public).exists():
        raise ValidationError(_("该文件已在本期中。"))
    section = (section if section is not None else default_section(public)).strip()[:60]
    article = GazetteArticle.objects.create(
        issue=issue,
        order=next_order(issue),
        section=section,
        source=ArticleSource.RECORD,
        record=public,
        title=public.title,
        doc_number=public.doc_number,
    )
    # Keep a section together: after the last article under the same heading, if any.
    ids = list(issue.articles.order_by("order", "pk").values_list("pk", "section"))
    same = [i for i, (pk, name) in enumerate(ids[:-1]) if name == section]
    if same and same[-1] != len(ids) - 2:
        order = [pk for pk, _name in ids[:-1]]
        order.insert(same[-1] + 1, article.pk)
        renumber(issue, order)
        article.refresh_from_db()
    record_event(
        action="gazette.add_record",
        actor=actor,
        obj=issue,
        summary=public.title,
        data={"article": article.pk, "record": public.pk, "section": article.section},
    )
    return article


@transaction.atomic
def remove_article(*, article: GazetteArticle, actor) -> None:
    issue = article.issue
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    before = snapshot(issue)
    record_event(
        action="gazette.remove_article",
        actor=actor,
        obj=issue,
        summary=article.title,
        data={"article": article.pk, "record": article.record_id, "source": article.source},
        before=before,
    )
    article.delete()
    renumber(issue)


@transaction.atomic
def reorder_articles(*, issue: GazetteIssue, actor, order: list[int]) -> list[int]:
    """Put the articles in the order of `order` (article ids; unlisted ones follow)."""
    require(actor, "gazette.edit", issue)
    lock(issue)
    must_be_draft(issue)
    before = snapshot(issue)["articles"]
    after = renumber(issue, [int(pk) for pk in order])
    if before != after:
        record_event(
            action="gazette.reorder",
            actor=actor,
            obj=issue,
            data={"order": after},
            before=before,
            after=after,
        )
    return after


def move_article(*, article: GazetteArticle, actor, offset: int) -> list[int]:
    """Move an article up (offset -1) or down (+1) in its issue."""
    ids = list(article.issue.articles.order_by("order", "pk").values_list("pk", flat=True))
    i = ids.index(article.pk)
    j = max(0, min(len(ids) - 1, i + offset))
    ids.insert(j, ids.pop(i))
    return reorder_articles(issue=article.issue, actor=actor, order=ids)


@transaction.atomic
def update_article(*, article: GazetteArticle, actor, **changes) -> GazetteArticle:
    """Edit an article: the 栏目 of any article; title, 文号, body and pages of a text
    article (a record article shows its record, edited in the records workflow)."""
    issue = article.issue
    require(actor, "gazette.edit", issue)
    allowed = ("section",) if article.source == ArticleSource.RECORD else TEXT_FIELDS
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(
            _("不能修改这些字段：%(names)s。") % {"names": ", ".join(sorted(unknown))}
        )
    lock(issue)
    must_be_draft(issue)
    article.refresh_from_db()
    before = {f: getattr(article, f) for f in allowed}
    values = {**before, **changes}
    if article.source in TEXT_SOURCES:
        values = clean_text_article(values)
    for name, value in values.items():
        setattr(article, name, value)
    article.section = (article.section or "").strip()[:60]
    article.save()
    record_event(
        action="gazette.update_article",
        actor=actor,
        obj=issue,
        summary=article.title,
        data={"article": article.pk, "fields": sorted(changes)},
        before={k: str(v) for k, v in before.items() if k != "body"},
        after={k: str(getattr(article, k)) for k in allowed if k != "body"},
    )
    return article


def clean_text_article(values: dict) -> dict:
    from sunshine.disclosure.docparse.docnumber import normalize_doc_number

    errors = {}
    values["title"] = " ".join((values.get("title") or "").split())
    if not values["title"]:
        errors["title"] = _("请填写标题。")
    elif len(values["title"]) > 300:
        errors["title"] = _("标题不能超过 300 个字。")
    number = (values.get("doc_number") or "").strip()
    values["doc_number"] = normalize_doc_number(number) or number
    if len(values["doc_number"]) > 60:
        errors["doc_number"] = _("文号不能超过 60 个字。")
    start, end = values.get("page_start"), values.get("page_end")
    if start and end and end < start:
        errors["page_end"] = _("结束页不能小于起始页。")
    values["body"] = "\n".join(
        p.strip() for p in (values.get("body") or "").splitlines() if p.strip()
    )
    if errors:
        raise ValidationError(errors)
    return values


# --- Publication --------------------------------------------------------------------------


def _enqueue_pdf(issue_id: int) -> None:
    from .tasks import generate_pdf_task

    generate_pdf_task.enqueue(issue_id)


@transaction.atomic
def publish_issue(*, issue: GazetteIssue, actor, comment: str = "") -> GazetteIssue:
    """Publish the issue: its page, PDF (typeset in the background for a compiled issue; the
    uploaded file for a historical one) and the search entries of its historical articles."""
    transition(
        obj=issue,
        name="publish",
        actor=actor,
        comment=comment,
        set_fields={"published_at": clock.now()},
    )
    indexing.issue_changed(issue)
    announce(
        item=f"gazette.{issue.pk}",
        title=_("政府公报%(y)d年第%(n)d期") % {"y": issue.year, "n": issue.number},
        url=f"/gb/{issue.year}/{issue.number}/",
        topics=["column.gb"],
        facets={"column": "gb"},
    )
    if not issue.historical:
        pk = issue.pk
        transaction.on_commit(lambda: _enqueue_pdf(pk), robust=True)
    return issue


@transaction.atomic
def unpublish_issue(*, issue: GazetteIssue, actor, comment: str) -> GazetteIssue:
    """Take the issue off the public site (reason required) so it can be corrected."""
    transition(obj=issue, name="unpublish", actor=actor, comment=comment)
    indexing.issue_changed(issue)
    return issue


@transaction.atomic
def request_pdf(*, issue: GazetteIssue, actor) -> None:
    """Typeset the issue's PDF again (on demand, e.g. a preview of a draft or after a record
    in it was revised). Runs in the background."""
    require(actor, "gazette.edit", issue)
    if issue.historical:
        raise ValidationError(_("历史公报使用上传的原件，不需要生成 PDF。"))
    record_event(action="gazette.request_pdf", actor=actor, obj=issue, summary=str(issue))
    pk = issue.pk
    transaction.on_commit(lambda: _enqueue_pdf(pk), robust=True)
