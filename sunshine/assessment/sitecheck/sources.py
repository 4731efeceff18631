"""What the self-check and the yearly report read from other modules, through registries that a
shell fills at start-up (`sunshine/portal/sitecheck/providers.py`): the domains do not import
each other, so this module only keeps the registries.

- `UnansweredSource(key, items)`: items(site) → the 留言 still unanswered after 3 months (the
  national check's veto item), each an `Item` with a title, a URL and a date.
- `FigureSource(key, label, figures)`: figures(site, year) → a list of `Figure` (label, value,
  unit) for a section of the yearly 政府网站工作年度报表 (留言, 办事, 互动, columns…).

`site` is a `SiteTarget` (targets.py): the site's id, host, name and agency id."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sunshine.kernel.registry import Registry


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    date: date | datetime | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | float | str
    unit: str = ""


@dataclass(frozen=True)
class UnansweredSource:
    key: str
    items: Callable[..., list[Item]]


@dataclass(frozen=True)
class FigureSource:
    key: str  # the section of the yearly report (see yearly.SECTIONS)
    label: str
    figures: Callable[..., list[Figure]]
    order: int = 100


UNANSWERED: Registry[UnansweredSource] = Registry("unanswered source")
FIGURES: Registry[FigureSource] = Registry("yearly report figures")


def register_unanswered(source: UnansweredSource) -> UnansweredSource:
    if source.key in UNANSWERED:
        UNANSWERED.remove(source.key)
    return UNANSWERED.add(source.key, source)


def register_figures(source: FigureSource) -> FigureSource:
    if source.key in FIGURES:
        FIGURES.remove(source.key)
    return FIGURES.add(source.key, source)
