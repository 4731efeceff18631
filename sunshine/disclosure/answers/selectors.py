"""Reads of the 公开答复库 and of the 条例 Art. 44 clusters. Public reads only ever return answers
that are not withdrawn."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel.access.policy import scope
from sunshine.kernel.search.query import search

from . import conf, similarity
from .indexing import DOC_TYPE
from .models import ProactiveProposal, PublicAnswer, PublicAnswerFile, RequestTokens

TITLE_CHARS = 60
MATCH_CANDIDATES = 2000  # the newest public answers of an agency compared with a description
ART44_CANDIDATES = 5000  # the newest requests of the agency's window compared


# --- The library -----------------------------------------------------------------------------


def public_answers() -> QuerySet[PublicAnswer]:
    return PublicAnswer.objects.public().select_related("agency")


def public_answer(pk: int) -> PublicAnswer | None:
    files = PublicAnswerFile.objects.select_related("released_file").order_by("position", "pk")
    return (
        public_answers().prefetch_related(Prefetch("answer_files", queryset=files)).filter(pk=pk)
    ).first()


def public_file(answer: PublicAnswer, file_pk: int) -> PublicAnswerFile | None:
    """A file of a public answer, only while the released copy is still the one published."""
    item = (
        PublicAnswerFile.objects.select_related("released_file")
        .filter(answer=answer, pk=file_pk)
        .first()
    )
    if item is None:
        return None
    released = item.released_file
    if released.state != "released" or not released.released or released.sha256 != item.sha256:
        return None
    return item


@dataclass
class AnswerPage:
    total: int
    items: list[PublicAnswer]
    snippets: dict[int, str] = field(default_factory=dict)  # highlighted, from the search


def find_answers(
    *, q: str = "", agency_id: int | None = None, offset: int = 0, limit: int = 20
) -> AnswerPage:
    """The public answers, newest first; with `q` through the site search (same index, same
    ranking as /search/)."""
    q = " ".join((q or "").split())[:200]
    if q:
        per_page = max(1, limit)
        results = search(
            q,
            doc_types=[DOC_TYPE],
            filters={"agency_id": agency_id} if agency_id else None,
            page=offset // per_page + 1,
            per_page=per_page,
            facets=False,
        )
        ids = [int(h.object_id) for h in results.hits]
        found = {a.pk: a for a in public_answers().filter(pk__in=ids)}
        items = [found[i] for i in ids if i in found]
        snippets = {int(h.object_id): h.snippet for h in results.hits}
        return AnswerPage(total=results.total, items=items, snippets=snippets)
    qs = public_answers()
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return AnswerPage(total=qs.count(), items=list(qs[offset : offset + limit]))


def answering_agencies() -> list[tuple[int, str]]:
    """The agencies with at least one public answer (the list's filter)."""
    from sunshine.kernel.orgs.models import Agency

    ids = PublicAnswer.objects.public().values("agency_id")
    return list(Agency.objects.filter(pk__in=ids).order_by("path").values_list("pk", "name"))


def matching_answers(description: str, *, agency, limit: int = 5) -> list[PublicAnswer]:
    """Public answers of `agency` that answer the same information as `description` (TF-IDF
    cosine ≥ FOI_ANSWER_MATCH_SIMILARITY), best first; each gets `.score`."""
    query = similarity.tokens(description)
    if not query or agency is None:
        return []
    candidates = list(
        public_answers()
        .filter(agency=agency)
        .exclude(tokens="")
        .only("pk", "title", "tokens", "agency__name", "replied_on", "outcome", "published_at")
        .order_by("-published_at", "-pk")[:MATCH_CANDIDATES]
    )
    scores = similarity.similarities(query, [c.tokens.split() for c in candidates])
    bar = conf.match_similarity()
    ranked = sorted(
        ((s, c) for s, c in zip(scores, candidates, strict=True) if s >= bar),
        key=lambda sc: (-sc[0], -sc[1].pk),
    )
    out = []
    for score, answer in ranked[:limit]:
        answer.score = score
        out.append(answer)
    return out


# --- Preview of what would be published ------------------------------------------------------


def released_files(request: InfoRequest) -> list:
    """The request's released (redacted) files; none while the releases app has no such rows."""
    related = getattr(request, "released_files", None)
    if related is None:
        return []
    return list(related.filter(state="released").exclude(released="").order_by("pk"))


def default_title(masked_description: str) -> str:
    first = " ".join((masked_description or "").split())
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1] + "…"


def answer_preview(request: InfoRequest) -> dict:
    """The masked defaults the officer sees before publishing (and edits)."""
    from .services import mask

    question = mask(request.description, request)
    parts = [_("办理结果：%(outcome)s。") % {"outcome": request.outcome_label}]
    if request.referred_agency_name or request.referred_agency_id:
        name = request.referred_agency_name or request.referred_agency.name
        parts.append(
            _("负责公开该信息的机关：%(name)s %(contact)s")
            % {"name": name, "contact": request.referred_agency_contact}
        )
    if request.reply_text:
        parts.append(request.reply_text)
    return {
        "title": default_title(question),
        "question": question,
        "answer": mask("\n".join(parts), request),
        "files": released_files(request),
    }


def answer_of(request: InfoRequest) -> PublicAnswer | None:
    return PublicAnswer.objects.filter(request=request).select_related("withdrawn_by").first()


# --- 条例 Art. 44 -----------------------------------------------------------------------------


def _identity(r: InfoRequest) -> str:
    """One applicant, however they applied: identity number, credit code, account, name."""
    if r.id_number or r.credit_code:
        return (r.id_number or r.credit_code).upper()
    if r.applicant_id:
        return f"account:{r.applicant_id}"
    return f"name:{r.applicant_name.strip()}"


def _digest(text: str) -> str:
    return hashlib.sha1((text or "").encode()).hexdigest()


def request_tokens(requests: list[InfoRequest]) -> dict[int, list[str]]:
    """The comparison words of each request's description, from the cache table (missing or
    stale rows are computed and stored)."""
    known = {
        row.request_id: row
        for row in RequestTokens.objects.filter(request_id__in=[r.pk for r in requests])
    }
    out, fresh = {}, []
    for r in requests:
        digest = _digest(r.description)
        row = known.get(r.pk)
        if row is None or row.digest != digest:
            row = RequestTokens(
                request_id=r.pk, digest=digest, tokens=similarity.token_text(r.description)
            )
            fresh.append(row)
        out[r.pk] = row.tokens.split()
    if fresh:
        RequestTokens.objects.bulk_create(
            fresh,
            update_conflicts=True,
            unique_fields=["request"],
            update_fields=["digest", "tokens"],
        )
    return out


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _months_after(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class Art44Cluster:
    similar: list[InfoRequest]  # the other requests for the same information, each with .score
    applicants: int  # distinct applicants, this request's included
    min_applicants: int
    window_from: dt.date
    window_to: dt.date

    @property
    def reached(self) -> bool:
        return self.applicants >= self.min_applicants


def art44_cluster(request: InfoRequest) -> Art44Cluster:
    """条例 Art. 44: the other requests to the same agency, received within the window around
    this one's received date, that ask for the same information (TF-IDF cosine of the
    descriptions ≥ FOI_ART44_SIMILARITY), and how many distinct applicants asked."""
    months = conf.art44_window_months()
    start = _months_before(request.received_on, months)
    end = _months_after(request.received_on, months)
    others = list(
        InfoRequest.objects.filter(
            agency_id=request.agency_id, received_on__gte=start, received_on__lte=end
        )
        .exclude(pk=request.pk)
        .only(
            "pk",
            "number",
            "description",
            "received_on",
            "applicant_name",
            "id_number",
            "credit_code",
            "applicant_id",
            "state",
            "agency_id",
        )  # fmt: skip
        .order_by("-received_on", "-pk")[:ART44_CANDIDATES]
    )
    tokens = request_tokens([request, *others])
    scores = similarity.similarities(tokens[request.pk], [tokens[o.pk] for o in others])
    bar = conf.art44_similarity()
    similar = []
    for score, other in zip(scores, others, strict=True):
        if score >= bar:
            other.score = score
            similar.append(other)
    similar.sort(key=lambda r: (r.received_on, r.pk))
    applicants = len({_identity(r) for r in (request, *similar)})
    return Art44Cluster(
        similar=similar,
        applicants=applicants,
        min_applicants=conf.art44_min_applicants(),
        window_from=start,
        window_to=end,
    )


def proposal_for(request: InfoRequest) -> ProactiveProposal | None:
    return (
        ProactiveProposal.objects.filter(requests=request)
        .select_related("record")
        .order_by("pk")
        .first()
    )


def open_proposals(agency_ids) -> QuerySet[ProactiveProposal]:
    """Proposals still waiting for their draft record (a drafter's queue)."""
    return (
        ProactiveProposal.objects.filter(record__isnull=True, agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("created_at", "pk")
    )


def proposal_for_staff(pk, agency_ids) -> ProactiveProposal | None:
    """The proposal `pk` if it belongs to one of `agency_ids` (a drafter's agencies)."""
    return ProactiveProposal.objects.filter(pk=pk, agency__in=agency_ids).first()


def answer_for_staff(user, pk, *, permission: str) -> PublicAnswer | None:
    """The public answer `pk` if `user` holds `permission` over its agency."""
    return scope(user, permission, PublicAnswer.objects.all()).filter(pk=pk).first()
