"""Reads of released files: staff of the request's agency see every file; the applicant sees
only the released files of their own request; the letter lists the grounds used."""

from django.db.models import Count, Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from sunshine.disclosure.foi.choices import Outcome
from sunshine.kernel.access.policy import can

from .models import GROUNDS, Redaction, ReleasedFile

# The legal basis of each ground (条例 Arts 14–16, 36(七)), as the 告知书 cites it.
REG = "《中华人民共和国政府信息公开条例》"
GROUND_BASIS = {
    Outcome.WITHHELD_STATE_SECRET: REG + "第十四条",
    Outcome.WITHHELD_BY_LAW: REG + "第十四条",
    Outcome.WITHHELD_SECURITY: REG + "第十四条",
    Outcome.WITHHELD_THIRD_PARTY: REG + "第十五条",
    Outcome.WITHHELD_INTERNAL: REG + "第十六条第一款",
    Outcome.WITHHELD_PROCESS: REG + "第十六条第二款",
    Outcome.WITHHELD_ENFORCEMENT: REG + "第十六条第二款",
    Outcome.WITHHELD_INQUIRY: REG + "第三十六条第（七）项",
}
# What the ground means in a sentence of the letter.
GROUND_PHRASE = {
    Outcome.WITHHELD_STATE_SECRET: "属于国家秘密",
    Outcome.WITHHELD_BY_LAW: "属于法律、行政法规禁止公开的信息",
    Outcome.WITHHELD_SECURITY: "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    Outcome.WITHHELD_THIRD_PARTY: "涉及商业秘密、个人隐私等，公开会损害第三方合法权益",
    Outcome.WITHHELD_INTERNAL: "属于内部事务信息",
    Outcome.WITHHELD_PROCESS: "属于过程性信息",
    Outcome.WITHHELD_ENFORCEMENT: "属于行政执法案卷信息",
    Outcome.WITHHELD_INQUIRY: "属于行政查询事项",
}


def files_for_staff(user, request) -> QuerySet:
    """Every file of a request (drafts too) with its redactions, for those who may see it."""
    if not can(user, "foi.view_staff", request):
        return ReleasedFile.objects.none()
    return (
        ReleasedFile.objects.filter(request=request)
        .select_related("created_by", "released_by")
        .prefetch_related(
            Prefetch("redactions", queryset=Redaction.objects.order_by("created_at", "pk"))
        )
        .order_by("created_at", "pk")
    )


def file_for_staff(user, request, pk: int) -> ReleasedFile | None:
    return files_for_staff(user, request).filter(pk=pk).first()


def released_files(request) -> QuerySet:
    return request.released_files.filter(state=ReleasedFile.State.RELEASED).order_by(
        "released_at", "pk"
    )


def released_files_for_applicant(user, request) -> QuerySet:
    """What the applicant may download: the released files of their own request only."""
    if not can(user, "foi.view_own", request):
        return ReleasedFile.objects.none()
    return released_files(request)


def grounds_for(request) -> list[tuple[str, int]]:
    """(ground label, number of redactions) over the released files of the request, in the
    order of table three."""
    rows = dict(
        Redaction.objects.filter(
            released_file__request=request, released_file__state=ReleasedFile.State.RELEASED
        )
        .values_list("ground")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(str(Outcome(code).label), rows[code]) for code in GROUNDS if code in rows]


def withheld_paragraph(request) -> str:
    """The 告知书 paragraph naming what was withheld from the provided files and why (条例
    Art. 37: 对不予公开的内容说明理由), or "" when nothing was redacted. Never quotes the
    redacted text itself."""
    redactions = list(
        Redaction.objects.filter(
            released_file__request=request, released_file__state=ReleasedFile.State.RELEASED
        )
        .select_related("released_file")
        .order_by("released_file__released_at", "released_file_id", "pk")
    )
    if not redactions:
        return ""
    with translation.override("zh-hans"):
        titles = list(dict.fromkeys(r.released_file.title for r in redactions))
        by_ground: dict[str, list[Redaction]] = {}
        for r in redactions:
            by_ground.setdefault(r.ground, []).append(r)
        parts = []
        for code in GROUNDS:
            items = by_ground.get(code)
            if not items:
                continue
            notes = "、".join(dict.fromkeys(r.note for r in items if r.note))
            part = _("%(n)d处%(phrase)s（%(label)s），依据%(basis)s") % {
                "n": len(items),
                "phrase": GROUND_PHRASE[code],
                "label": Outcome(code).label,
                "basis": GROUND_BASIS[code],
            }
            if notes:
                part += _("，系%(notes)s") % {"notes": notes}
            parts.append(part)
        files = "、".join(f"《{t}》" for t in titles)
        return _("本机关向您提供的%(files)s中，以下内容已作删除处理、不予公开：%(parts)s。") % {
            "files": files,
            "parts": "；".join(parts),
        }
