"""The reproducible spot-check draw (双随机), pure functions (no database) so anyone can
re-run it from the published page. It follows the kernel's draw recipe (sunshine/kernel/draw):

1. inputs = canonical JSON of {"targets": [[id, 统一社会信用代码, 所属监管单位], ...],
   "inspectors": [[id, 执法证号, 所在单位, [申报回避的信用代码, ...]], ...],
   "count": number of targets to draw, "per_target": inspectors per target}, the lists sorted
   by id; inputs_digest = sha256(inputs).
2. seed_hex = sha256(inputs + "|" + announced number); rng = random.Random(int(seed_hex, 16)).
3. targets = sorted(rng.sample(target ids ascending, count)).
4. For each drawn target in ascending id: the eligible inspectors are those whose unit differs
   from the target's unit (an empty unit matches none) and who did not declare a conflict with
   its code (回避); inspectors = sorted(rng.sample(eligible ids ascending, per_target)).
If a target has fewer eligible inspectors than `per_target`, the draw is impossible (nothing is
drawn; widen the inspector library)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.draw import canonical_json, python_version, rng_for, seed_for, sha256_hex

__all__ = ["METHOD", "DrawImpossible", "canonical_inputs", "compute", "python_version"]

METHOD = _(
    "抽取方法：将检查对象名录库按编号升序排列为[编号, 统一社会信用代码, 所属监管单位]，"
    "执法检查人员名录库按编号升序排列为[编号, 执法证号, 所在单位, 申报回避的信用代码]，连同抽取户数"
    "和每户检查人员数做规范 JSON（键排序、无空格、UTF-8）并计算 SHA-256 得到输入摘要；"
    '随机种子 = SHA-256(规范 JSON + "|" + 预先公布的数字)；以 Python random.Random(int(种子, 16)) '
    "先执行 random.sample(检查对象编号升序列表, 抽取户数)，再按检查对象编号升序，对每户执行 "
    "random.sample(符合回避规则的检查人员编号升序列表, 每户检查人员数)。回避规则：检查人员不检查"
    "本单位监管的对象，不检查其申报回避的对象。"
)


class DrawImpossible(ValueError):
    def __init__(self, target_id: int, eligible: int, needed: int):
        self.target_id, self.eligible, self.needed = target_id, eligible, needed
        super().__init__(f"target {target_id}: {eligible} eligible inspectors, {needed} needed")


def canonical_inputs(targets: list, inspectors: list, *, count: int, per_target: int) -> str:
    payload = {
        "targets": sorted([int(i), str(code), str(unit)] for i, code, unit in targets),
        "inspectors": sorted(
            [int(i), str(badge), str(unit), sorted(str(c) for c in conflicts)]
            for i, badge, unit, conflicts in inspectors
        ),
        "count": int(count),
        "per_target": int(per_target),
    }
    return canonical_json(payload)


def eligible(target: list, inspectors: list) -> list[int]:
    """The ids of the inspectors who may check `target` (回避 rules), ascending."""
    _id, code, unit = target
    return sorted(
        i for i, _badge, own_unit, conflicts in inspectors
        if not (unit and own_unit == unit) and code not in conflicts
    )  # fmt: skip


def compute_from_inputs(inputs: str, announced_number: str) -> dict:
    """Re-run the draw from the published canonical inputs text (the verify path)."""
    import json

    payload = json.loads(inputs)
    seed_hex = seed_for(inputs, announced_number)
    rng = rng_for(seed_hex)
    targets = {t[0]: t for t in payload["targets"]}
    drawn = sorted(rng.sample(sorted(targets), payload["count"]))
    assignments = []
    for target_id in drawn:
        ids = eligible(targets[target_id], payload["inspectors"])
        if len(ids) < payload["per_target"]:
            raise DrawImpossible(target_id, len(ids), payload["per_target"])
        assignments.append(
            {"target": target_id, "inspectors": sorted(rng.sample(ids, payload["per_target"]))}
        )
    return {
        "inputs_digest": sha256_hex(inputs),
        "seed_hex": seed_hex,
        "assignments": assignments,
    }


def compute(
    targets: list, inspectors: list, *, count: int, per_target: int, announced_number: str
) -> dict:
    """{"inputs", "inputs_digest", "seed_hex", "assignments": [{"target", "inspectors"}]}."""
    inputs = canonical_inputs(targets, inspectors, count=count, per_target=per_target)
    return {"inputs": inputs, **compute_from_inputs(inputs, announced_number)}
