"""The life of a gazette issue (政府公报一期), declared on the kernel workflow:

    draft ─publish→ published ─unpublish (reason required)→ draft

Publishing checks that the issue has contents, that every record in it is public (published
主动公开), that an uploaded historical issue has been processed and every article has a
title. The follow-ups (the PDF, the search index) run once the transaction commits
(services.publish_issue)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import ArticleSource, Processing


class IssueState(models.TextChoices):
    DRAFT = "draft", _("编辑中")
    PUBLISHED = "published", _("已发布")


def issue_is_complete(issue, context) -> None:
    """Contents present, records public, historical text processed and titled."""
    from sunshine.disclosure.records.selectors import public_records

    problems = []
    articles = list(issue.articles.all())
    if not articles:
        problems.append(gettext("本期还没有任何文章。"))
    if issue.processing in (Processing.PENDING, Processing.RUNNING):
        problems.append(gettext("上传的历史公报尚未处理完毕，请稍候再发布。"))
    record_ids = {a.record_id for a in articles if a.source == ArticleSource.RECORD}
    if record_ids:
        public = set(public_records().filter(pk__in=record_ids).values_list("pk", flat=True))
        hidden = [a for a in articles if a.record_id in record_ids - public]
        for article in hidden:
            problems.append(
                gettext("“%(title)s”已不是公开的政府信息（未发布或已撤回），请先移出本期。")
                % {"title": article.title}
            )
    untitled = [a for a in articles if not a.title.strip()]
    if untitled:
        problems.append(gettext("有 %(n)d 篇文章没有标题，请补全。") % {"n": len(untitled)})
    if problems:
        raise ValidationError(problems)


ISSUE_WORKFLOW = Workflow(
    name="gazette_issue",
    states=IssueState,
    initial=IssueState.DRAFT,
    transitions=[
        Transition(
            "publish",
            IssueState.DRAFT,
            IssueState.PUBLISHED,
            action="gazette.publish",
            label=_("发布本期"),
            guards=(issue_is_complete,),
            audit_action="gazette.publish",
        ),
        Transition(
            "unpublish",
            IssueState.PUBLISHED,
            IssueState.DRAFT,
            action="gazette.publish",
            label=_("撤下本期"),
            requires_comment=True,
            audit_action="gazette.unpublish",
        ),
    ],
)
