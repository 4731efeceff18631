"""The search index of 公共资源交易 projects (doc type "trading"): one document per project with
its code, parties and announcements' titles and winners, so the one site search finds a
project by its 项目编号, 招标人 or 中标人."""

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse

from sunshine.kernel.search.services import index_document

DOC_TYPE = "trading"


def project_url(project) -> str:
    try:
        return reverse("portal:trading_detail", args=[project.pk])
    except NoReverseMatch:  # the portal is not mounted (a test settings module)
        return ""


def document_for(project, announcements=None) -> dict:
    notices = list(project.announcements.all() if announcements is None else announcements)
    parts = [project.code, project.tenderer, project.agent, project.region]
    for notice in notices:
        parts += [notice.title, notice.winner, notice.body[:2000]]
    return dict(
        doc_type=DOC_TYPE,
        object_id=project.pk,
        title=project.title,
        body="\n".join(p for p in parts if p),
        url=project_url(project),
        is_public=True,
        visible_from=None,
        agency=project.agency,
        doc_number=project.code,
        kind=project.category,
        date=project.last_published_on,
    )


def index_project(project) -> None:
    index_document(**document_for(project))


def reindex_documents() -> Iterator[dict]:
    from .models import TradingProject

    rows = TradingProject.objects.select_related("agency").prefetch_related("announcements")
    for project in rows.iterator(chunk_size=500):
        yield document_for(project)
