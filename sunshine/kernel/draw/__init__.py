"""Reproducible, auditable random draws (抽签), shared by every feature that draws: the 会议列席
draw (participation/meetings/draw.py) and the 双随机、一公开 spot checks
(governance/spotchecks/draw.py). Pure functions, no database.

The recipe each feature publishes with its result:
1. inputs = canonical JSON of what is drawn from (keys sorted, no spaces, UTF-8);
   inputs_digest = sha256(inputs);
2. seed_hex = sha256(inputs + "|" + announced number), the number being published before the
   inputs are closed, so that neither side alone fixes the seed;
3. rng = random.Random(int(seed_hex, 16)); the feature's own steps then use only this rng, in
   a fixed order, on sorted lists.

`random.Random` with an integer seed, `sample` and `shuffle` are stable across the CPython 3.x
versions in use (3.11/3.12); the version used is stored with each result."""

import hashlib
import json
import random
import sys


def python_version() -> str:
    return ".".join(str(p) for p in sys.version_info[:3])


def canonical_json(payload) -> str:
    """The one text form of `payload` that is hashed and published."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seed_for(inputs: str, announced_number: str) -> str:
    """The seed (hex) of a draw over the canonical `inputs` with the published number."""
    return sha256_hex(f"{inputs}|{announced_number}")


def rng_for(seed_hex: str) -> random.Random:
    return random.Random(int(seed_hex, 16))
