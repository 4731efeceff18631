"""依申请公开·提供的信息 (staff, token auth): the files of an application with their state,
SHA-256 and redaction grounds (never the redacted text)."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from sunshine.disclosure.foi import selectors as foi_selectors
from sunshine.disclosure.releases import selectors

from ..auth import staff_token
from ..errors import NotFound

router = Router(tags=["foi"])


class RedactionOut(Schema):
    kind: str
    page: int | None
    ground: str
    ground_label: str
    note: str


class ReleasedFileOut(Schema):
    id: int
    title: str
    kind: str
    pages: int | None
    state: str
    state_label: str
    released_at: dt.datetime | None
    sha256: str
    size: int | None
    redactions: list[RedactionOut]

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_redactions(obj) -> list[dict]:
        return [
            {
                "kind": r.kind,
                "page": r.page,
                "ground": r.ground,
                "ground_label": r.ground_label,
                "note": r.note,
            }
            for r in obj.redactions.all()
        ]


class GroundCount(Schema):
    ground: str
    count: int


class ReleasedFilesOut(Schema):
    request_id: int
    files: list[ReleasedFileOut]
    grounds: list[GroundCount]


@router.get(
    "/{int:request_id}/released-files",
    response=ReleasedFilesOut,
    auth=staff_token,
    summary="提供的信息（部分公开区分处理）",
)
def released_files(request, request_id: int):
    """Every file of the application (drafts too) and the grounds of the released ones."""
    item = foi_selectors.request_for_staff(request.user, request_id)
    if item is None:
        raise NotFound(_("该申请不存在，或不在您的权限范围内。"))
    files = list(selectors.files_for_staff(request.user, item))
    grounds = [{"ground": label, "count": n} for label, n in selectors.grounds_for(item)]
    return {"request_id": item.pk, "files": files, "grounds": grounds}
