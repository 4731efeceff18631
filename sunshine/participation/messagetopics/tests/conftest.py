import csv
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[3] / "demo" / "data" / "taidi2020"


@pytest.fixture(scope="session")
def taidi_rows():
    """The shipped demo subset (no dependency on ../shared)."""
    rows = []
    for name in ("replies_dev.csv", "votes_top500.csv"):
        with open(DEMO / name, encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return rows
