"""公开答复库: the public list and detail (no authentication; withdrawn answers are never
returned) and the staff endpoints (token) that publish and withdraw through the same services
as the workbench."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from sunshine.disclosure.answers import selectors, services
from sunshine.disclosure.foi import selectors as foi_selectors

from ..auth import staff_token
from ..errors import NotFound
from ..pagination import id_param, limit_param, offset_param

router = Router(tags=["foi_answers"])


class AnswerFileOut(Schema):
    id: int
    title: str
    sha256: str
    url: str


class AnswerOut(Schema):
    id: int
    title: str
    agency_id: int
    agency_name: str
    outcome: str
    outcome_label: str
    replied_on: dt.date
    published_at: dt.datetime
    url: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("portal:answers_detail", args=[obj.pk])


class AnswerDetail(AnswerOut):
    question: str
    answer: str
    files: list[AnswerFileOut]

    @staticmethod
    def resolve_files(obj) -> list[dict]:
        from django.urls import reverse

        return [
            {
                "id": f.pk,
                "title": f.title,
                "sha256": f.sha256,
                "url": reverse("portal:answers_file", args=[obj.pk, f.pk]),
            }
            for f in obj.answer_files.all()
        ]


class AnswerPage(Schema):
    count: int
    items: list[AnswerOut]


@router.get("", response=AnswerPage, summary="公开答复库")
def list_answers(
    request,
    q: str = Query("", description="关键词（全文检索）"),
    agency: int | None = id_param("答复机关编号"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    found = selectors.find_answers(q=q, agency_id=agency, offset=offset, limit=limit)
    return {"count": found.total, "items": found.items}


@router.get("/{int:answer_id}", response=AnswerDetail, summary="公开答复")
def get_answer(request, answer_id: int):
    answer = selectors.public_answer(answer_id)
    if answer is None:
        raise NotFound(_("该公开答复不存在或已撤回。"))
    return answer


class AnswerPublishIn(Schema):
    title: str = ""
    question: str = ""
    answer: str = ""
    file_ids: list[int] | None = None


class WithdrawIn(Schema):
    reason: str


@router.post(
    "/requests/{int:request_id}/publish",
    response=AnswerDetail,
    auth=staff_token,
    summary="公开某申请的答复",
)
def publish(request, request_id: int, payload: AnswerPublishIn):
    item = foi_selectors.request_for_staff(request.user, request_id)
    if item is None:
        raise NotFound(_("该申请不存在，或不在您的权限范围内。"))
    answer = services.publish_answer(
        request=item,
        actor=request.user,
        title=payload.title,
        question=payload.question,
        answer=payload.answer,
        file_ids=payload.file_ids,
    )
    return selectors.public_answer(answer.pk)


@router.post(
    "/{int:answer_id}/withdraw", response={204: None}, auth=staff_token, summary="撤回公开答复"
)
def withdraw(request, answer_id: int, payload: WithdrawIn):
    answer = selectors.answer_for_staff(request.user, answer_id, permission="foi.view_staff")
    if answer is None:
        raise NotFound(_("该公开答复不存在，或不在您的权限范围内。"))
    services.withdraw_answer(answer=answer, actor=request.user, reason=payload.reason)
    return Status(204, None)
