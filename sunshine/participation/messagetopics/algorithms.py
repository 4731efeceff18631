"""Pure grouping algorithms (no database): near-duplicates by SimHash over character
3-shingles, same-topic groups by TF-IDF over jieba words with a sparse nearest-neighbour
search and leader clustering. Everything is deterministic (no random seeds, no Python `hash`).

Near-duplicates (`near_duplicate_groups`)
    Text is normalised (NFKC, lower case, whitespace and punctuation removed) and cut into
    character 5-shingles (splitmix64-hashed code points). Each text gets a MinHash signature of
    64 values; locality-sensitive hashing with 16 bands of 4 rows makes the candidates (a pair
    with Jaccard 0.5 is a candidate with probability 0.64, 0.6 → 0.89, 0.8 → 0.9998; unrelated
    texts, Jaccard ≈ 0.01, almost never). A candidate is kept when the exact Jaccard similarity
    of its shingle sets is ≥ `min_jaccard`; kept pairs are joined with union-find.

Same topic (`topic_groups`)
    TF-IDF (sublinear tf, smoothed idf) over jieba words of 主题 ×2 + the start of 详情; words in
    more than `max_df` of the texts are dropped (they say nothing about a topic), every row keeps
    its `keep_terms` heaviest words and is L2-normalised. Neighbours come from the sparse product
    X[chunk] · Xᵀ in chunks (so memory stays bounded at 100k texts); a pair is an edge when its
    cosine is ≥ `threshold`. Leader clustering: texts with the most neighbours first; an
    unassigned text becomes a leader and takes its unassigned neighbours. Groups are stars
    around their leader (no chaining of A~B~C~… into one huge group).
"""

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

_DROP_RE = re.compile(r"[\W_]+", re.UNICODE)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MAX_SHINGLE_CHARS = 2000  # the first 2,000 characters decide (long messages repeat themselves)


def normalise(text: str) -> str:
    """The form compared for near-duplicates: NFKC, lower case, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _DROP_RE.sub("", text)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 arithmetic wraps)."""
    with np.errstate(over="ignore"):
        x = x + _GOLDEN
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return x ^ (x >> np.uint64(31))


SHINGLE = 5
PERMUTATIONS = 64
BANDS, ROWS = 16, 4
_SEEDS = _mix(np.arange(1, PERMUTATIONS + 1, dtype=np.uint64) * np.uint64(0x632BE59BD9B4E019))


def shingles(text: str) -> np.ndarray:
    """Sorted unique 64-bit hashes of the character 5-shingles of an already normalised text."""
    text = text[:MAX_SHINGLE_CHARS]
    if not text:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:
        codes = np.concatenate([codes, np.zeros(SHINGLE - len(codes), dtype=np.uint64)])
    raw = codes[: len(codes) - SHINGLE + 1].copy()
    for k in range(1, SHINGLE):  # a polynomial of the code points, then mixed
        with np.errstate(over="ignore"):
            raw = raw * np.uint64(0x100000001B3) + codes[k : len(codes) - SHINGLE + 1 + k]
    return np.unique(_mix(raw))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The 64-value MinHash signature (uint32) of a set of shingle hashes."""
    if len(hashes) == 0:
        return np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    mixed = _mix(hashes[None, :] ^ _SEEDS[:, None])
    return (mixed.min(axis=1) >> np.uint64(32)).astype(np.uint32)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """(n, BANDS) uint64 keys: two texts that share a key are candidates."""
    sig = np.asarray(signatures, dtype=np.uint64).reshape(-1, BANDS, ROWS)
    with np.errstate(over="ignore"):
        left = (sig[:, :, 0] << np.uint64(32)) | sig[:, :, 1]
        right = (sig[:, :, 2] << np.uint64(32)) | sig[:, :, 3]
        keys = _mix(_mix(left) ^ right)
    return keys ^ np.arange(BANDS, dtype=np.uint64)[None, :]


def fingerprint(text: str) -> tuple[bytes, np.ndarray]:
    """(signature bytes for the database, shingle hashes) of a raw text."""
    hashes = shingles(normalise(text))
    return minhash(hashes).tobytes(), hashes


def signature_array(blobs: Sequence[bytes]) -> np.ndarray:
    if not blobs:
        return np.zeros((0, PERMUTATIONS), dtype=np.uint32)
    return np.frombuffer(b"".join(bytes(b) for b in blobs), dtype=np.uint32).reshape(
        -1, PERMUTATIONS
    )


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Group:
    """Indexes into the input list; `leader` is the representative; `similarity[i]` is each
    member's similarity to the leader (1.0 for the leader)."""

    leader: int
    members: list[int]
    similarity: dict[int, float] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)


def near_duplicate_groups(
    texts: Sequence[str], *, min_jaccard: float = 0.5, max_bucket: int = 200
) -> list[Group]:
    """Groups (≥ 2 members) of near-identical texts. The leader is the earliest index."""
    normalised = [normalise(t) for t in texts]
    signatures = np.stack([minhash(shingles(t)) for t in normalised]) if texts else None
    return near_duplicate_groups_from(
        signatures, normalised, min_jaccard=min_jaccard, max_bucket=max_bucket
    )


MIN_CHARS = 10  # shorter texts are never near-duplicates of anything (too little to compare)


def candidate_pairs(signatures: np.ndarray, valid: np.ndarray, max_bucket: int = 200):
    """Pairs (i < j) that share a band key; buckets above max_bucket are cut (boilerplate)."""
    keys = band_keys(signatures)
    seen: set[tuple[int, int]] = set()
    for band in range(BANDS):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        bounds = np.flatnonzero(np.diff(column[order])) + 1
        for bucket in np.split(order, bounds):
            if len(bucket) < 2:
                continue
            bucket = np.sort(bucket[valid[bucket]])[:max_bucket].tolist()
            for x in range(len(bucket)):
                for y in range(x + 1, len(bucket)):
                    pair = (bucket[x], bucket[y])
                    if pair not in seen:
                        seen.add(pair)
                        yield pair


def near_duplicate_groups_from(
    signatures: np.ndarray | None,
    normalised: Sequence[str],
    *,
    min_jaccard: float = 0.5,
    max_bucket: int = 200,
) -> list[Group]:
    """The same from precomputed signatures; `normalised[i]` (normalised text) is only read
    for the candidates (exact Jaccard)."""
    n = len(normalised)
    if not n:
        return []
    cache: dict[int, np.ndarray] = {}

    def prints(i: int) -> np.ndarray:
        if i not in cache:
            cache[i] = shingles(normalised[i])
        return cache[i]

    sims: dict[tuple[int, int], float] = {}
    uf = UnionFind(n)
    valid = np.array([len(t) >= MIN_CHARS for t in normalised], dtype=bool)
    for a, b in candidate_pairs(signatures, valid, max_bucket):
        score = jaccard(prints(a), prints(b))
        if score >= min_jaccard:
            sims[(a, b)] = score
            uf.union(a, b)
    members: dict[int, set[int]] = {}
    for pair in sims:
        for i in pair:
            members.setdefault(uf.find(i), set()).add(i)
    groups = []
    for _root, idx in sorted(members.items()):
        ordered = sorted(idx)
        leader = ordered[0]
        similarity = {leader: 1.0}
        for i in ordered[1:]:
            similarity[i] = round(sims.get((leader, i)) or jaccard(prints(leader), prints(i)), 4)
        groups.append(Group(leader=leader, members=ordered, similarity=similarity))
    return groups


# --- same topic -----------------------------------------------------------------------------


TOPIC_BODY_CHARS = 300


def topic_text(subject: str, body: str, *, body_chars: int = TOPIC_BODY_CHARS) -> str:
    subject = " ".join((subject or "").split())
    body = " ".join((body or "").split())[:body_chars]
    return f"{subject} {subject} {body}"


@dataclass
class TopicModel:
    """Vocabulary and idf of a TF-IDF fit (what the incremental assignment needs)."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    def vector(self, tokens: Sequence[str], *, keep_terms: int = 12) -> dict[str, float]:
        """The pruned, L2-normalised TF-IDF vector of one text as {term: weight}."""
        counts: dict[str, int] = {}
        for tok in tokens:
            if tok in self.vocabulary:
                counts[tok] = counts.get(tok, 0) + 1
        weights = {
            t: (1 + math.log(c)) * float(self.idf[self.vocabulary[t]]) for t, c in counts.items()
        }
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:keep_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}


def fit_tfidf(
    token_lists: Sequence[Sequence[str]], *, max_df: float = 0.05, min_df: int = 2,
    keep_terms: int = 12,
) -> tuple[TopicModel, sparse.csr_matrix]:  # fmt: skip
    """(model, X): X is the pruned, row-normalised TF-IDF matrix (CSR, float32)."""
    n = len(token_lists)
    vocabulary: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for tokens in token_lists:
        counts: dict[int, int] = {}
        for tok in tokens:
            if len(tok) < 2 or tok.isdigit():
                continue
            j = vocabulary.setdefault(tok, len(vocabulary))
            counts[j] = counts.get(j, 0) + 1
        indices.extend(counts.keys())
        data.extend(counts.values())
        indptr.append(len(indices))
    tf = sparse.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int64), indptr),
        shape=(n, len(vocabulary)),
    )
    df = np.bincount(tf.indices, minlength=len(vocabulary))
    keep = (df >= min_df) & (df <= max(min_df, max_df * n))
    columns = np.flatnonzero(keep)
    tf = tf[:, columns].tocsr()
    idf = (np.log((1 + n) / (1 + df[columns])) + 1).astype(np.float32)
    terms = {t: j for t, j in vocabulary.items()}
    inverse = {int(old): new for new, old in enumerate(columns.tolist())}
    vocab = {t: inverse[j] for t, j in terms.items() if j in inverse}
    tf.data = 1 + np.log(tf.data)
    x = tf.multiply(idf[None, :]).tocsr()
    x = prune_rows(x, keep_terms)
    return TopicModel(vocabulary=vocab, idf=idf), x


def prune_rows(x: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Keep each row's `keep` heaviest entries, then L2-normalise the rows."""
    x = x.tocsr().astype(np.float32)
    indptr, indices, data = [0], [], []
    for i in range(x.shape[0]):
        start, end = x.indptr[i], x.indptr[i + 1]
        row_idx, row_val = x.indices[start:end], x.data[start:end]
        if len(row_val) > keep:
            top = np.argsort(-row_val, kind="stable")[:keep]
            row_idx, row_val = row_idx[top], row_val[top]
        norm = float(np.sqrt(np.dot(row_val, row_val))) or 1.0
        indices.append(row_idx)
        data.append(row_val / norm)
        indptr.append(indptr[-1] + len(row_idx))
    if indices:
        ind, dat = np.concatenate(indices), np.concatenate(data)
    else:
        ind, dat = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return sparse.csr_matrix((dat, ind, indptr), shape=x.shape)


def neighbours(
    x: sparse.csr_matrix, *, threshold: float, k: int = 20, chunk: int = 2000
) -> list[list[tuple[int, float]]]:
    """For each row: up to k other rows with cosine ≥ threshold, most similar first."""
    n = x.shape[0]
    xt = x.T.tocsc()
    result: list[list[tuple[int, float]]] = []
    for start in range(0, n, chunk):
        block = (x[start : start + chunk] @ xt).tocsr()
        block.data[block.data < threshold] = 0
        block.eliminate_zeros()
        for r in range(block.shape[0]):
            i = start + r
            s, e = block.indptr[r], block.indptr[r + 1]
            cols, vals = block.indices[s:e], block.data[s:e]
            mask = cols != i
            cols, vals = cols[mask], vals[mask]
            if len(vals) > k:
                top = np.argpartition(-vals, k)[:k]
                cols, vals = cols[top], vals[top]
            order = np.lexsort((cols, -vals))
            result.append([(int(cols[o]), float(vals[o])) for o in order])
    return result


def leader_clusters(neigh: list[list[tuple[int, float]]], *, min_size: int = 2) -> list[Group]:
    """Stars around leaders, most-connected texts first (ties: lower index)."""
    order = sorted(range(len(neigh)), key=lambda i: (-len(neigh[i]), i))
    assigned: dict[int, int] = {}
    groups: list[Group] = []
    for i in order:
        if i in assigned or not neigh[i]:
            continue
        free = [(j, s) for j, s in neigh[i] if j not in assigned]
        if len(free) + 1 < min_size:
            continue
        group = Group(leader=i, members=[i], similarity={i: 1.0})
        assigned[i] = i
        for j, s in free:
            assigned[j] = i
            group.members.append(j)
            group.similarity[j] = s
        group.members.sort()
        groups.append(group)
    return groups


def top_terms(x: sparse.csr_matrix, rows: Sequence[int], model: TopicModel, n: int = 3):
    """The centroid of `rows` as {term: weight} (the 30 heaviest) and its n top terms."""
    centroid = np.asarray(x[list(rows)].mean(axis=0)).ravel()
    inverse = _inverse_vocabulary(model)
    best = np.argsort(-centroid, kind="stable")[:30]
    weights = {inverse[int(j)]: float(centroid[j]) for j in best if centroid[j] > 0}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    weights = {t: w / norm for t, w in weights.items()}
    return weights, list(weights)[:n]


def _inverse_vocabulary(model: TopicModel) -> dict[int, str]:
    cached = getattr(model, "_inverse", None)
    if cached is None:
        cached = {j: t for t, j in model.vocabulary.items()}
        model._inverse = cached
    return cached


def topic_groups(
    token_lists: Sequence[Sequence[str]],
    *,
    threshold: float = 0.5,
    max_df: float = 0.05,
    keep_terms: int = 12,
    k: int = 20,
    merge_threshold: float = 0.5,
    progress: Callable[[str], None] | None = None,
) -> tuple[TopicModel, list[Group]]:
    model, x = fit_tfidf(token_lists, max_df=max_df, keep_terms=keep_terms)
    if progress:
        progress(f"tf-idf {x.shape[0]} × {x.shape[1]}")
    neigh = neighbours(x, threshold=threshold, k=k)
    groups = merge_groups(x, leader_clusters(neigh), threshold=merge_threshold)
    for group in groups:
        group.centroid, group.terms = top_terms(x, group.members, model)
    return model, groups


def merge_groups(x: sparse.csr_matrix, groups: list[Group], *, threshold: float) -> list[Group]:
    """Join star groups whose centroids are close (one topic split between two leaders).
    Each group merges at most into one other per pass, so no long chains form."""
    if len(groups) < 2 or threshold >= 1:
        return groups
    rows, cols, vals = [], [], []
    for g, group in enumerate(groups):
        for i in group.members:
            rows.append(g)
            cols.append(i)
            vals.append(1.0 / len(group.members))
    membership = sparse.csr_matrix((vals, (rows, cols)), shape=(len(groups), x.shape[0]))
    centroids = prune_rows(membership @ x, 30)
    neigh = neighbours(centroids, threshold=threshold, k=5)
    uf = UnionFind(len(groups))
    for g, pairs in enumerate(neigh):
        if pairs and uf.find(g) == g:
            best = pairs[0][0]
            if uf.find(best) == best:
                uf.union(g, best)
    merged: dict[int, Group] = {}
    for g, group in enumerate(groups):
        root = uf.find(g)
        if root not in merged:
            merged[root] = Group(leader=group.leader, members=[], similarity={})
        target = merged[root]
        target.members.extend(group.members)
        target.similarity.update(group.similarity)
    for group in merged.values():
        group.members.sort()
        if len(group.members) > 1:  # similarity to the new centroid
            centroid = prune_rows(sparse.csr_matrix(x[group.members].mean(axis=0)), 30)
            sims = np.asarray((x[group.members] @ centroid.T).todense()).ravel()
            for i, s in zip(group.members, sims, strict=True):
                group.similarity[i] = round(float(s), 4)
            group.leader = group.members[int(np.argmax(sims))]
    return sorted(merged.values(), key=lambda grp: grp.members[0])


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
