"""Demo scenario of training (filled in below)."""


def load(stdout=None) -> None:
    return None
