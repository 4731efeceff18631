"""The reproducible draw, pure functions (no database writes) so anyone can re-run it.

Algorithm (published as METHOD):
1. For each category in the fixed order 利益相关方, 公众代表, 专家, 媒体, list the applications
   sorted by id as [id, applicant key] pairs, the applicant key being "user:<user id>".
2. inputs = canonical JSON ({category: [[id, key], ...]}, keys sorted, no spaces, UTF-8);
   inputs_digest = sha256(inputs).
3. seed_hex = sha256(inputs + "|" + announced_number).
4. rng = random.Random(int(seed_hex, 16)); for each category in the fixed order: if applicants
   ≤ seats, all are selected; otherwise rng.sample(ids sorted ascending, seats), then sorted.
"""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.draw import canonical_json, python_version, rng_for, seed_for, sha256_hex

from .models import Category

__all__ = ["CATEGORY_ORDER", "METHOD", "canonical_inputs", "compute", "python_version"]

CATEGORY_ORDER = [c.value for c in Category]

METHOD = _(
    "抽签方法：按利益相关方、公众代表、专家、媒体的固定顺序，将每类报名按申请编号升序排列为"
    "[编号, 申请人标识]；对全部类别的列表做规范 JSON（键排序、无空格、UTF-8）并计算 SHA-256"
    '得到输入摘要；随机种子 = SHA-256(规范 JSON + "|" + 预先公布的数字)；'
    "以 Python random.Random(int(种子, 16)) 按上述类别顺序对报名人数超过名额的类别执行 "
    "random.sample(编号升序列表, 名额)，未超过名额的类别全部入选。"
)


def canonical_inputs(applications: dict[str, list[tuple[int, str]]]) -> str:
    payload = {
        c: sorted([int(i), str(k)] for i, k in applications.get(c, [])) for c in CATEGORY_ORDER
    }
    return canonical_json(payload)


def compute(
    applications: dict[str, list[tuple[int, str]]], seats: dict[str, int], announced_number: str
) -> dict:
    """Return {"inputs_digest", "seed_hex", "selected": {category: [ids]}}."""
    inputs = canonical_inputs(applications)
    inputs_digest = sha256_hex(inputs)
    seed_hex = seed_for(inputs, announced_number)
    rng = rng_for(seed_hex)  # the kernel's recipe (sunshine/kernel/draw)
    selected: dict[str, list[int]] = {}
    for category in CATEGORY_ORDER:
        ids = sorted(int(i) for i, _k in applications.get(category, []))
        n = int(seats.get(category, 0))
        if len(ids) <= n:
            selected[category] = ids
        else:
            selected[category] = sorted(rng.sample(ids, n))
    return {"inputs_digest": inputs_digest, "seed_hex": seed_hex, "selected": selected}
