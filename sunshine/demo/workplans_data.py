"""Demo scenario of workplans (filled in below)."""


def load(stdout=None) -> None:
    return None
