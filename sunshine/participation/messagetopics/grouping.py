"""Grouping runs against the database: the batch regroup (command `group_messages`, nightly
job), the incremental assignment of new messages between two batch runs (job every 10
minutes), and the hot-score refresh. The algorithms are in algorithms.py; this module reads
and writes in bulk (no per-message queries)."""

import datetime as dt
import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum

from sunshine.kernel import clock
from sunshine.kernel.search import segment
from sunshine.participation.messages.models import Message
from sunshine.participation.messages.workflow import MessageState

from . import algorithms
from .models import GroupKind, MessageFingerprint, MessageGroup, MessageGroupMember, TopicTerm

DEFAULTS = {
    "near_duplicate_min_jaccard": 0.5,
    "topic_threshold": 0.5,
    "topic_merge_threshold": 0.5,
    "topic_max_df": 0.05,
    "topic_keep_terms": 12,
    "half_life_days": 7.0,
    "count_weight": 1.0,
    "votes_weight": 1.0,
    "incremental_window_days": 180,
}
BATCH = 2000
UPDATE_BATCH = 100  # bulk_update's CASE WHEN grows with the square of the batch size


def _update_each(groups: list[MessageGroup], fields: list[str]) -> None:
    """One UPDATE per changed group, inside the caller's transaction: on SQLite 16,000 of them
    take about a second where bulk_update's CASE WHEN statements took 44 s."""
    for group in groups:
        MessageGroup.objects.filter(pk=group.pk).update(**{f: getattr(group, f) for f in fields})


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "MESSAGE_TOPICS", {})}


def _digest(subject: str, body: str) -> str:
    return hashlib.sha1(f"{subject}\n{body}".encode()).hexdigest()


def _full_text(subject: str, body: str) -> str:
    return f"{subject} {body}"


def _groupable():
    return Message.objects.exclude(state=MessageState.REJECTED)


@dataclass
class RunResult:
    messages: int = 0
    fingerprinted: int = 0
    groups: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


# --- fingerprints ---------------------------------------------------------------------------


def topic_tokens(subject: str, body: str) -> list[str]:
    """jieba words of algorithms.topic_text (the subject counts twice), segmenting the subject
    once."""
    head = segment.words(" ".join((subject or "").split()))
    body = " ".join((body or "").split())[: algorithms.TOPIC_BODY_CHARS]
    return head + head + segment.words(body)


def fingerprints(
    rows: list[tuple[int, str, str]], progress: Callable[[str], None] | None = None
) -> tuple[dict[int, tuple[int, str]], int]:
    """{message id: (MinHash bytes, tokens)} for (id, subject, body) rows; computes and stores
    what is missing or stale. Returns (the map, how many were computed)."""
    wanted = [r[0] for r in rows]
    stored = {}
    for start in range(0, len(wanted), 5000):
        for mid, sig, tokens, digest in MessageFingerprint.objects.filter(
            message_id__in=wanted[start : start + 5000]
        ).values_list("message_id", "minhash", "tokens", "digest"):
            stored[mid] = (bytes(sig), tokens, digest)
    out: dict[int, tuple[bytes, str]] = {}
    create, update = [], []
    for mid, subject, body in rows:
        digest = _digest(subject, body)
        known = stored.get(mid)
        if known and known[2] == digest:
            out[mid] = (known[0], known[1])
            continue
        sig, _prints = algorithms.fingerprint(_full_text(subject, body))
        tokens = " ".join(topic_tokens(subject, body))
        fp = MessageFingerprint(message_id=mid, minhash=sig, tokens=tokens, digest=digest)
        (update if known else create).append(fp)
        out[mid] = (sig, tokens)
        if progress and (len(create) + len(update)) % 10000 == 0:
            progress(f"fingerprints: {len(create) + len(update)}")
    MessageFingerprint.objects.bulk_create(create, batch_size=BATCH)
    MessageFingerprint.objects.bulk_update(
        update, ["minhash", "tokens", "digest", "computed_at"], batch_size=UPDATE_BATCH
    )
    return out, len(create) + len(update)


# --- batch regroup --------------------------------------------------------------------------


def regroup_messages(*, progress: Callable[[str], None] | None = None) -> RunResult:
    """Recompute every group that staff did not review. Groups keep their id when most of
    their messages stay together (public links stay valid)."""
    cfg = config()
    result = RunResult()
    t0 = time.perf_counter()
    rows = list(_groupable().order_by("submitted_at", "id").values_list("id", "subject", "body"))
    result.messages = len(rows)
    prints, result.fingerprinted = fingerprints(rows, progress)
    result.seconds["fingerprints"] = time.perf_counter() - t0
    reviewed = _reviewed_members()
    for kind in (GroupKind.NEAR_DUPLICATE, GroupKind.SAME_TOPIC):
        t1 = time.perf_counter()
        pool = [r for r in rows if r[0] not in reviewed.get(kind, set())]
        ids = [r[0] for r in pool]
        if kind == GroupKind.NEAR_DUPLICATE:
            groups = algorithms.near_duplicate_groups_from(
                algorithms.signature_array([prints[i][0] for i in ids]),
                [algorithms.normalise(_full_text(s, b)) for _i, s, b in pool],
                min_jaccard=cfg["near_duplicate_min_jaccard"],
            )
        else:
            model, groups = algorithms.topic_groups(
                [prints[i][1].split() for i in ids],
                threshold=cfg["topic_threshold"],
                merge_threshold=cfg["topic_merge_threshold"],
                max_df=cfg["topic_max_df"],
                keep_terms=cfg["topic_keep_terms"],
            )
            _store_vocabulary(model)
        result.seconds[f"{kind} grouping"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        result.groups[kind] = _store_groups(kind, ids, groups)
        result.seconds[f"{kind} store"] = time.perf_counter() - t2
        if progress:
            progress(f"{kind}: {result.groups[kind]} groups")
    t3 = time.perf_counter()
    refresh_hot_scores()
    result.seconds["hot scores"] = time.perf_counter() - t3
    result.seconds["total"] = time.perf_counter() - t0
    return result


def _reviewed_members() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for kind, mid in MessageGroupMember.objects.filter(group__is_reviewed=True).values_list(
        "kind", "message_id"
    ):
        out.setdefault(kind, set()).add(mid)
    return out


@transaction.atomic
def _store_vocabulary(model: algorithms.TopicModel) -> None:
    TopicTerm.objects.all().delete()
    TopicTerm.objects.bulk_create(
        [
            TopicTerm(term=t[:60], idf=float(model.idf[j]))
            for t, j in model.vocabulary.items()
            if len(t) <= 60
        ],
        batch_size=BATCH,
    )


def _label(terms: list[str]) -> str:
    return " · ".join(terms)[:200]


def _delete_in_chunks(pks: list[int]) -> None:
    for start in range(0, len(pks), 500):
        MessageGroup.objects.filter(pk__in=pks[start : start + 500]).delete()


@transaction.atomic
def _store_groups(kind: str, ids: list[int], groups: list[algorithms.Group]) -> int:
    old_of = dict(
        MessageGroupMember.objects.filter(kind=kind, group__is_reviewed=False).values_list(
            "message_id", "group_id"
        )
    )
    claimed: set[int] = set()
    keep_ids: list[int] = []
    new_groups: list[tuple[MessageGroup, algorithms.Group]] = []
    reused: list[tuple[int, algorithms.Group]] = []
    for group in groups:
        votes: dict[int, int] = {}
        for i in group.members:
            old = old_of.get(ids[i])
            if old is not None:
                votes[old] = votes.get(old, 0) + 1
        best = max(votes.items(), key=lambda kv: (kv[1], -kv[0]), default=(None, 0))[0]
        if best is not None and best not in claimed:
            claimed.add(best)
            reused.append((best, group))
        else:
            new_groups.append((MessageGroup(kind=kind), group))
    MessageGroupMember.objects.filter(kind=kind, group__is_reviewed=False).delete()
    # Old groups that no new group claimed disappear.
    old_ids = MessageGroup.objects.filter(kind=kind, is_reviewed=False).values_list("pk", flat=True)
    _delete_in_chunks([pk for pk in old_ids if pk not in claimed])
    created = MessageGroup.objects.bulk_create([g for g, _ in new_groups], batch_size=BATCH)
    targets = [(pk, grp) for pk, grp in reused] + [
        (g.pk, grp) for g, (_, grp) in zip(created, new_groups, strict=True)
    ]
    members, updates = [], []
    for pk, grp in targets:
        keep_ids.append(pk)
        updates.append(
            MessageGroup(
                pk=pk,
                label=_label(grp.terms),
                centroid=grp.centroid,
                representative_id=ids[grp.leader],
            )
        )
        for i in grp.members:
            members.append(
                MessageGroupMember(
                    group_id=pk,
                    message_id=ids[i],
                    kind=kind,
                    similarity=float(grp.similarity.get(i, 1.0)),
                )
            )
    _update_each(updates, ["label", "centroid", "representative_id"])
    MessageGroupMember.objects.bulk_create(members, batch_size=BATCH)
    return len(targets)


# --- incremental assignment -----------------------------------------------------------------


def assign_new_messages(*, limit: int = 5000) -> int:
    """Messages that have no fingerprint yet (new since the last run) join the near-duplicate
    group of a recent near-identical message (a new group when the match had none) and the
    nearest topic group (cosine to its centroid ≥ the threshold). Returns how many messages
    were processed. New topics themselves appear at the next batch regroup."""
    cfg = config()
    new_rows = list(
        _groupable()
        .exclude(pk__in=MessageFingerprint.objects.values("message_id"))
        .order_by("submitted_at", "id")
        .values_list("id", "subject", "body", "submitted_at")[:limit]
    )
    if not new_rows:
        return 0
    prints, _computed = fingerprints([r[:3] for r in new_rows])
    since = clock.now() - timedelta(days=cfg["incremental_window_days"])
    recent = list(
        MessageFingerprint.objects.filter(message__submitted_at__gte=since)
        .exclude(message__state=MessageState.REJECTED)
        .values_list("message_id", "minhash")
    )
    recent_ids = np.array([r[0] for r in recent], dtype=np.int64)
    recent_keys = algorithms.band_keys(algorithms.signature_array([r[1] for r in recent]))
    vocabulary = dict(TopicTerm.objects.values_list("term", "idf"))
    index = _centroid_index()
    texts = {r[0]: _full_text(r[1], r[2]) for r in new_rows}
    for mid, _subject, _body, _at in new_rows:
        signature, tokens = prints[mid]
        keys = algorithms.band_keys(algorithms.signature_array([signature]))[0]
        close = recent_ids[(recent_keys == keys[None, :]).any(axis=1) & (recent_ids != mid)]
        _assign_near_duplicate(mid, [int(c) for c in close[:50]], texts, cfg)
        _assign_topic(mid, tokens.split(), vocabulary, index, cfg)
    refresh_hot_scores()
    return len(new_rows)


def _assign_near_duplicate(mid, candidates, texts, cfg) -> None:
    if not candidates:
        return
    missing = [c for c in candidates if c not in texts]
    for cid, subject, body in Message.objects.filter(pk__in=missing).values_list(
        "id", "subject", "body"
    ):
        texts[cid] = _full_text(subject, body)
    mine = algorithms.shingles(algorithms.normalise(texts[mid]))
    best, best_score = None, 0.0
    for cid in candidates:
        score = algorithms.jaccard(mine, algorithms.shingles(algorithms.normalise(texts[cid])))
        if score > best_score or (score == best_score and best is not None and cid < best):
            best, best_score = cid, score
    if best is None or best_score < cfg["near_duplicate_min_jaccard"]:
        return
    kind = GroupKind.NEAR_DUPLICATE
    existing = MessageGroupMember.objects.filter(message_id=best, kind=kind).first()
    if existing is None:
        group = MessageGroup.objects.create(kind=kind, representative_id=best)
        MessageGroupMember.objects.create(group=group, message_id=best, kind=kind)
        group_id = group.pk
    else:
        group_id = existing.group_id
    MessageGroupMember.objects.get_or_create(
        message_id=mid, kind=kind, defaults={"group_id": group_id, "similarity": best_score}
    )


def _centroid_index() -> dict[str, list[tuple[int, float]]]:
    index: dict[str, list[tuple[int, float]]] = {}
    groups = MessageGroup.objects.filter(kind=GroupKind.SAME_TOPIC).values_list("id", "centroid")
    for gid, centroid in groups:
        for term, weight in (centroid or {}).items():
            index.setdefault(term, []).append((gid, weight))
    return index


def _assign_topic(mid, tokens, vocabulary, index, cfg) -> None:
    if not vocabulary or not index:
        return
    model = algorithms.TopicModel(
        vocabulary={t: j for j, t in enumerate(vocabulary)},
        idf=np.array(list(vocabulary.values()), dtype=np.float32),
    )
    vector = model.vector(tokens, keep_terms=cfg["topic_keep_terms"])
    scores: dict[int, float] = {}
    for term, weight in vector.items():
        for gid, gw in index.get(term, ()):
            scores[gid] = scores.get(gid, 0.0) + weight * gw
    if not scores:
        return
    gid, score = max(scores.items(), key=lambda kv: (kv[1], -kv[0]))
    if score >= cfg["topic_threshold"]:
        MessageGroupMember.objects.get_or_create(
            message_id=mid,
            kind=GroupKind.SAME_TOPIC,
            defaults={"group_id": gid, "similarity": round(score, 4)},
        )


# --- hot scores -----------------------------------------------------------------------------


EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def hot_score(*, count: int, votes_net: int, latest_at, now=None, cfg: dict | None = None) -> float:
    """ln(count_weight·ln(1+n) + votes_weight·ln(1+max(0, votes))) + ln2·(latest − 2000-01-01)
    / half-life. This is ln(base · 2^(−age/half-life)) plus ln2·(now − epoch)/half-life, a term
    that is the same for every group at a given moment: the order is the order of the decayed
    score, and a group's score changes only when its messages or votes change (the hourly
    refresh writes only those). `now` is accepted for symmetry and not needed."""
    cfg = cfg or config()
    base = cfg["count_weight"] * math.log1p(count) + cfg["votes_weight"] * math.log1p(
        max(0, votes_net)
    )
    if base <= 0 or latest_at is None:
        return -1e9
    age_days = (latest_at - EPOCH).total_seconds() / 86400
    return math.log(base) + math.log(2) * age_days / float(cfg["half_life_days"])


def refresh_hot_scores() -> int:
    """Counts, votes, dates, representatives and hot score of every group: one grouped query
    for the numbers, one for the published representatives, one for the stored values, then a
    bulk update of the groups that changed. Returns how many changed."""
    cfg = config()
    now = clock.now()
    published = Q(message__is_published=True)
    rows = (
        MessageGroupMember.objects.values("group_id")
        .annotate(
            n=Count("id"),
            n_public=Count("id", filter=published),
            up=Sum("message__votes_up"),
            down=Sum("message__votes_down"),
            first=Min("message__submitted_at"),
            latest=Max("message__submitted_at"),
        )
        .order_by()
    )
    public_rep: dict[int, int] = {}
    for gid, mid in (
        MessageGroupMember.objects.filter(published)
        .order_by("group_id", "-similarity", "message_id")
        .values_list("group_id", "message_id")
    ):
        public_rep.setdefault(gid, mid)
    fields = [
        "message_count",
        "public_count",
        "votes_up",
        "votes_down",
        "first_at",
        "latest_at",
        "public_representative_id",
        "hot_score",
    ]
    current = {row[0]: row[1:] for row in MessageGroup.objects.values_list("pk", *fields)}
    updates = []
    for row in rows:
        up, down = row["up"] or 0, row["down"] or 0
        updates.append(
            MessageGroup(
                pk=row["group_id"],
                message_count=row["n"],
                public_count=row["n_public"],
                votes_up=up,
                votes_down=down,
                first_at=row["first"],
                latest_at=row["latest"],
                public_representative_id=public_rep.get(row["group_id"]),
                hot_score=hot_score(
                    count=row["n"], votes_net=up - down, latest_at=row["latest"], now=now, cfg=cfg
                ),
            )
        )
    updates = [g for g in updates if current.get(g.pk) != tuple(getattr(g, f) for f in fields)]
    with transaction.atomic():
        _update_each(updates, fields)
        # Groups that lost their members (messages deleted) or kept one only.
        MessageGroup.objects.filter(is_reviewed=False, members__isnull=True).delete()
    return len(updates)
