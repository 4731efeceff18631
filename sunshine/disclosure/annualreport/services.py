"""Writes of the annual report (filled in below)."""


def open_year() -> int:
    return 0
