"""Demo 政务公开考核 (filled in below)."""


def load(stdout=None) -> dict:
    return {}
