"""The draw recipe's outputs are fixed: a change of the canonical form, the seed or CPython's
seeded `random` would make every published draw unverifiable, so the values are pinned."""

import hashlib
import random

from sunshine.kernel.draw import canonical_json, rng_for, seed_for, sha256_hex


def test_recipe_is_pinned():
    inputs = canonical_json({"b": [2, 1], "a": "广东"})
    assert inputs == '{"a":"广东","b":[2,1]}'  # keys sorted, no spaces, UTF-8 kept
    assert sha256_hex(inputs) == hashlib.sha256(inputs.encode()).hexdigest()
    seed = seed_for(inputs, "20260924")
    assert seed == "3234b8918794e096d57dd8a9ebe3dc6e90bb7ff9c9f0e4a5eb7a28516834fe12"
    assert rng_for(seed).sample(list(range(1, 31)), 3) == [13, 15, 11]
    # The same as the plain standard-library steps anyone can type.
    assert random.Random(int(seed, 16)).sample(list(range(1, 31)), 3) == [13, 15, 11]
