"""Reads of the key items. Public: items the agency chose to publish (向社会公开) once they
proceed (实施中, 已完成), with stages, milestones, spending and the answered questions; the large
spending summary. Staff: scoped to the user's agencies (`keyitem.view_staff`); a checking unit
sees the cross-checks assigned to it (`keyitem.crosscheck` on the checking unit)."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.selectors import clocks_in_urgency, live_urgency, with_open_clock

from . import rules
from .choices import CrossCheckState, KeyItemKind, KeyItemState, QuestionState, ReviewState
from .models import CrossCheck, Expert, ExpertMember, KeyItem, PublicQuestion, StageReview

PUBLIC_STATES = (KeyItemState.IN_PROGRESS, KeyItemState.COMPLETED)


def public_items(*, kind: str = "", agency_id: int | None = None) -> QuerySet[KeyItem]:
    items = KeyItem.objects.filter(
        is_public=True, state__in=PUBLIC_STATES, published_at__isnull=False
    ).select_related("agency")
    if kind in KeyItemKind.values:
        items = items.filter(kind=kind)
    if agency_id:
        items = items.filter(agency_id=agency_id)
    return items.order_by("-published_at", "-id")


def with_progress(items: QuerySet[KeyItem]) -> QuerySet[KeyItem]:
    """Each item with its spending total (`spent`) and milestones reached / planned."""
    return items.annotate(
        spent=Sum("spendings__amount"),
    )


def public_item(pk: int) -> KeyItem | None:
    return (
        public_items()
        .filter(pk=pk)
        .prefetch_related("stages", "milestones", "spendings", "approvals")
        .first()
    )


def answered_questions(item: KeyItem) -> QuerySet[PublicQuestion]:
    return item.questions.filter(state=QuestionState.ANSWERED).order_by("-answered_at", "-id")


def open_question_count(item: KeyItem) -> int:
    return item.questions.filter(state=QuestionState.OPEN).count()


def my_questions(user, item: KeyItem) -> QuerySet[PublicQuestion]:
    if not user.is_authenticated:
        return PublicQuestion.objects.none()
    return item.questions.filter(author=user).order_by("-asked_at", "-id")


def progress(item: KeyItem) -> dict:
    """Spending total, share of the budget, milestones reached and late (for the pages)."""
    spendings = list(item.spendings.all())
    spent = sum((s.amount for s in spendings), start=Decimal(0))
    cap = item.budget if item.kind == KeyItemKind.PROJECT else item.amount
    milestones = list(item.milestones.all())
    from .validation import yuan

    return {
        "spent": spent,
        "spent_text": yuan(spent),
        "share": (spent * 100 / cap).quantize(Decimal("0.1")) if cap else None,
        "milestones": len(milestones),
        "reached": sum(1 for m in milestones if m.actual_on),
        "late": sum(1 for m in milestones if m.actual_on and m.actual_on > m.planned_on),
    }


def large_spending_summary(*, year: int | None = None) -> list[dict]:
    """大额资金使用 published, per agency: number and total amount (one query)."""
    from .validation import yuan

    items = public_items(kind=KeyItemKind.SPENDING)
    if year:
        items = items.filter(submitted_at__year=year)
    rows = (
        items.order_by()
        .values("agency_id", "agency__name")
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by("-total", "agency__name")
    )
    return [
        {"agency_id": r["agency_id"], "agency": r["agency__name"], "count": r["n"],
         "total": r["total"] or Decimal(0), "total_text": yuan(r["total"] or Decimal(0))}
        for r in rows
    ]  # fmt: skip


# --- staff ---------------------------------------------------------------------------------------


def items_for_staff(
    user, *, kind: str = "", state: str = "", agency_id: int | None = None, q: str = ""
) -> QuerySet[KeyItem]:
    items = scope(user, "keyitem.view_staff", KeyItem.objects.select_related("agency"))
    if kind in KeyItemKind.values:
        items = items.filter(kind=kind)
    if state in KeyItemState.values:
        items = items.filter(state=state)
    if agency_id:
        items = items.filter(agency_id=agency_id)
    for word in (q or "").split()[:5]:
        items = items.filter(title__icontains=word[:50])
    return items.order_by("-created_at", "-id")


def item_for_staff(user, pk: int) -> KeyItem | None:
    """The item if the user may see it: staff of its agency (subtree), supervisors, or the
    checking unit of one of its cross-checks."""
    found = items_for_staff(user).filter(pk=pk).first()
    if found is not None:
        return found
    checks = scope(user, "keyitem.crosscheck", CrossCheck.objects.filter(item_id=pk))
    if checks.exists():
        return KeyItem.objects.select_related("agency").filter(pk=pk).first()
    return None


def crosschecks_of(item: KeyItem) -> list[CrossCheck]:
    checks = with_open_clock(
        item.crosschecks.select_related("agency", "decided_by", "assigned_by"),
        rules.CROSSCHECK,
    )
    return live_urgency(checks)


def checks_for_unit(user) -> QuerySet[CrossCheck]:
    """Cross-checks assigned to the user's units and waiting for them, nearest deadline
    first (annotated clock_due_at, clock_urgency by live_urgency)."""
    checks = scope(
        user,
        "keyitem.crosscheck",
        CrossCheck.objects.filter(state=CrossCheckState.PENDING).select_related(
            "item", "item__agency", "agency"
        ),
    )
    return with_open_clock(checks, rules.CROSSCHECK).order_by("clock_due_at", "pk")


def questions_for_staff(user, *, state: str = "") -> QuerySet[PublicQuestion]:
    questions = scope(
        user,
        "keyitem.view_staff",
        PublicQuestion.objects.select_related("item", "item__agency", "author"),
        agency_field="item__agency",
    )
    if state in QuestionState.values:
        questions = questions.filter(state=state)
    return with_open_clock(questions, rules.QUESTION_REPLY).order_by(
        "state", "clock_due_at", "-asked_at"
    )


def question_for_staff(user, pk: int) -> PublicQuestion | None:
    return questions_for_staff(user).filter(pk=pk).first()


def reviews_of(item: KeyItem) -> list[StageReview]:
    group = getattr(item, "expert_group", None)
    if group is None:
        return []
    return live_urgency(
        with_open_clock(group.reviews.select_related("stage"), rules.EXPERT_OPINION)
    )


def expert_group(item: KeyItem):
    from .models import ExpertGroup

    return (
        ExpertGroup.objects.filter(item=item)
        .prefetch_related(
            Prefetch("members", queryset=ExpertMember.objects.select_related("expert"))
        )
        .first()
    )


def experts(*, active_only: bool = True) -> QuerySet[Expert]:
    rows = Expert.objects.prefetch_related("conflict_agencies")
    return rows.filter(is_active=True) if active_only else rows


def experts_for(item: KeyItem) -> QuerySet[Expert]:
    """The library's experts who may join the item's group: active, not yet in it, and with no
    declared conflict for the item's agency or an agency above it (experts.conflicted)."""
    own = [*item.agency.ancestors_ids(), item.agency_id]
    return (
        Expert.objects.filter(is_active=True)
        .exclude(conflict_agencies__in=own)
        .exclude(pk__in=ExpertMember.objects.filter(group__item=item).values("expert_id"))
        .order_by("id")
    )


def expert(pk) -> Expert | None:
    try:
        return Expert.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


# --- the general office's dashboard and statistics -------------------------------------------------


def _overdue(rule: str, model) -> QuerySet:
    return clocks_in_urgency("overdue", rule).filter(
        content_type=ContentType.objects.get_for_model(model)
    )


def supervision_flags(items: QuerySet[KeyItem]) -> QuerySet[KeyItem]:
    """Annotate each item with its supervision state, as of now, in one query:
    `check_pending` (a cross-check not yet decided), `check_unassigned`, `check_overdue`,
    `opinion_overdue` (an expert stage opinion past its clock), `questions_open`,
    `question_overdue`. Correlated subqueries only (no GROUP BY), so that a sliced queryset is
    annotated for its own rows only."""
    pending = CrossCheck.objects.filter(item=OuterRef("pk"), state=CrossCheckState.PENDING)
    unassigned = CrossCheck.objects.filter(item=OuterRef("pk"), state=CrossCheckState.UNASSIGNED)
    check_late = _overdue(rules.CROSSCHECK, CrossCheck).filter(
        object_id__in=CrossCheck.objects.filter(item=OuterRef(OuterRef("pk"))).values("pk")
    )
    opinion_late = _overdue(rules.EXPERT_OPINION, StageReview).filter(
        object_id__in=StageReview.objects.filter(
            group__item=OuterRef(OuterRef("pk")), state=ReviewState.PENDING
        ).values("pk")
    )
    question_late = _overdue(rules.QUESTION_REPLY, PublicQuestion).filter(
        object_id__in=PublicQuestion.objects.filter(
            item=OuterRef(OuterRef("pk")), state=QuestionState.OPEN
        ).values("pk")
    )
    open_questions = (
        PublicQuestion.objects.filter(item=OuterRef("pk"), state=QuestionState.OPEN)
        .order_by()
        .values("item")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return items.annotate(
        check_pending=Exists(pending),
        check_unassigned=Exists(unassigned),
        check_overdue=Exists(check_late),
        opinion_overdue=Exists(opinion_late),
        question_overdue=Exists(question_late),
        questions_open=Coalesce(Subquery(open_questions), Value(0)),
    )


DASHBOARD_PAGE = 100


def _open_sets(ids) -> dict[str, set]:
    """Over the items `ids` (a subquery), the (item, agency, kind) triples of each supervision
    state that is open now; small sets (only what is open), one query each."""
    checks = CrossCheck.objects.filter(
        item__in=ids, state__in=(CrossCheckState.PENDING, CrossCheckState.UNASSIGNED)
    )
    late_checks = CrossCheck.objects.filter(
        item__in=ids, pk__in=_overdue(rules.CROSSCHECK, CrossCheck).values("object_id")
    )
    late_opinions = StageReview.objects.filter(
        group__item__in=ids,
        state=ReviewState.PENDING,
        pk__in=_overdue(rules.EXPERT_OPINION, StageReview).values("object_id"),
    )
    late_questions = PublicQuestion.objects.filter(
        item__in=ids,
        state=QuestionState.OPEN,
        pk__in=_overdue(rules.QUESTION_REPLY, PublicQuestion).values("object_id"),
    )
    triple = ("item_id", "item__agency_id", "item__kind")
    return {
        "check_pending": set(checks.values_list(*triple)),
        "check_overdue": set(late_checks.values_list(*triple)),
        "opinion_overdue": set(
            late_opinions.values_list(
                "group__item_id", "group__item__agency_id", "group__item__kind"
            )  # fmt: skip
        ),
        "question_overdue": set(late_questions.values_list(*triple)),
    }


def dashboard(
    user, *, kind: str = "", agency_id: int | None = None, page: int = 1, per_page: int = 0
) -> dict:
    """Every important item the user may see, by kind and agency, with its supervision state:
    {"totals": {kind: {...}}, "by_agency": [...]} counted over all of them (grouped queries,
    their number independent of the number of items), and "rows": one page of the items
    (annotated by `supervision_flags`), "count" and "pages"."""
    from sunshine.kernel.orgs.models import Agency

    scoped = items_for_staff(user, kind=kind, agency_id=agency_id).order_by()
    ids = scoped.values("pk")
    counts = list(scoped.values("agency_id", "kind").annotate(n=Count("pk")))
    asked = list(
        PublicQuestion.objects.filter(item__in=ids, state=QuestionState.OPEN)
        .values("item__agency_id", "item__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sets = _open_sets(ids)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={r["agency_id"] for r in counts})}
    totals = {k: {"label": label, "items": 0, "checking": 0, "overdue": 0, "questions": 0}
              for k, label in KeyItemKind.choices}  # fmt: skip
    by_agency: dict[int, dict] = {}

    def entry(agency_pk):
        return by_agency.setdefault(
            agency_pk,
            {"agency": agencies[agency_pk], "items": 0, "check_pending": 0, "check_overdue": 0,
             "opinion_overdue": 0, "questions_open": 0, "question_overdue": 0,
             "kinds": {k: 0 for k in KeyItemKind.values}},
        )  # fmt: skip

    for r in counts:
        row = entry(r["agency_id"])
        row["items"] += r["n"]
        row["kinds"][r["kind"]] += r["n"]
        totals[r["kind"]]["items"] += r["n"]
    for r in asked:
        entry(r["item__agency_id"])["questions_open"] += r["n"]
        totals[r["item__kind"]]["questions"] += r["n"]
    for name in ("check_pending", "check_overdue", "opinion_overdue", "question_overdue"):
        for _item, agency_pk, _kind in sets[name]:
            entry(agency_pk)[name] += 1
    for _item, _agency, item_kind in sets["check_pending"]:
        totals[item_kind]["checking"] += 1
    late = sets["check_overdue"] | sets["opinion_overdue"] | sets["question_overdue"]
    for _item, _agency, item_kind in late:
        totals[item_kind]["overdue"] += 1
    count = sum(r["n"] for r in counts)
    per_page = per_page or DASHBOARD_PAGE
    pages = max(1, -(-count // per_page))
    page = min(max(1, page), pages)
    rows = list(
        supervision_flags(items_for_staff(user, kind=kind, agency_id=agency_id)).order_by(
            "agency__path", "kind", "-created_at", "-id"
        )[(page - 1) * per_page : page * per_page]
    )
    return {
        "rows": rows,
        "count": count,
        "page": page,
        "pages": pages,
        "totals": totals,
        "by_agency": sorted(by_agency.values(), key=lambda e: e["agency"].path),
    }


def crosscheck_statistics(user) -> list[dict]:
    """内部交叉审核 per agency whose items were checked: rounds, signed off, returned, pending,
    decided late (the clock stopped after its due time), and per checking unit the rounds it
    decided. One query for the rounds, one for their clocks."""
    from sunshine.kernel.deadlines.models import Clock

    checks = scope(
        user,
        "keyitem.view_staff",
        CrossCheck.objects.select_related("item__agency", "agency"),
        agency_field="item__agency",
    )
    checks = list(checks)
    ct = ContentType.objects.get_for_model(CrossCheck)
    late = set(
        Clock.objects.filter(
            content_type=ct,
            rule=rules.CROSSCHECK,
            object_id__in=[c.pk for c in checks],
            met_deadline=False,
        ).values_list("object_id", flat=True)
    )
    per: dict[int, dict] = {}
    for c in checks:
        row = per.setdefault(
            c.item.agency_id,
            {"agency": c.item.agency, "rounds": 0, "signed_off": 0, "returned": 0,
             "pending": 0, "late": 0, "checked_for_others": 0},
        )  # fmt: skip
        row["rounds"] += 1
        if c.state == CrossCheckState.SIGNED_OFF:
            row["signed_off"] += 1
        elif c.state == CrossCheckState.RETURNED:
            row["returned"] += 1
        else:
            row["pending"] += 1
        if c.pk in late:
            row["late"] += 1
    for c in checks:
        if c.agency_id and c.state in (CrossCheckState.SIGNED_OFF, CrossCheckState.RETURNED):
            row = per.setdefault(
                c.agency_id,
                {"agency": c.agency, "rounds": 0, "signed_off": 0, "returned": 0, "pending": 0,
                 "late": 0, "checked_for_others": 0},
            )  # fmt: skip
            row["checked_for_others"] += 1
    return sorted(per.values(), key=lambda r: r["agency"].path)


def government_settings(user) -> list[dict]:
    """The governments whose key-item standards the user may set (keyitem.configure), each with
    what applies to its agencies now (its own row over the settings' defaults) and the row."""
    from sunshine.kernel.access.policy import agencies_for
    from sunshine.kernel.orgs.models import Agency

    from .config import config_for
    from .models import KeyItemSetting
    from .validation import yuan

    governments = list(
        agencies_for(user, "keyitem.configure")
        .filter(kind=Agency.Kind.GOVERNMENT, is_active=True)
        .order_by("path")
    )
    rows = {
        r.government_id: r
        for r in KeyItemSetting.objects.filter(government__in=governments).select_related(
            "crosscheck_agency"
        )
    }
    labels = dict(KeyItemKind.choices)
    out = []
    for government in governments:
        cfg = config_for(government)
        row = rows.get(government.pk)
        out.append(
            {
                "government": government,
                "row": row,
                "kinds": [labels[k] for k in cfg.kinds],
                "threshold": yuan(cfg.large_spending_threshold),
                "crosscheck_over": (
                    yuan(cfg.crosscheck_spending_over)
                    if cfg.crosscheck_spending_over is not None
                    else ""
                ),
                "crosscheck_kinds": [labels[k] for k in cfg.crosscheck_kinds],
                "crosscheck_agency": row.crosscheck_agency if row else None,
            }
        )
    return out
