"""Decision levels (决策层级) and the statutory steps each requires, from configuration.

The default is a four-level scheme (rules.md §5): a decision of the government's 常务会议 or
全体会议 goes through every step of the Regulation; lower levels need fewer. A province sets its
own in settings without code:

    DECISION_LEVELS = [
        {"code": "executive", "label": "厅务会议", "steps": ["public_participation", ...]},
        ...
    ]

A decision copies its level's steps when it is created (`Decision.required_steps`), so a later
change of configuration does not change the procedure of a decision already under way."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .choices import STEP_ORDER, StepKind

S = StepKind


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    steps: tuple[str, ...]


DEFAULT_LEVELS = (
    # 重大行政决策程序暂行条例 Art. 3/30: decided by the government's 常务会议 or 全体会议
    # after every statutory step.
    Level("executive", _("常务会议/全体会议"), tuple(STEP_ORDER)),
    Level("party_group", _("党组会议"), (S.PARTICIPATION, S.LEGALITY, S.COLLECTIVE)),
    Level("leader", _("分管领导"), (S.RISK, S.LEGALITY)),
    Level("division", _("处室"), (S.LEGALITY,)),
)


def _from_setting(entry) -> Level:
    try:
        code, label, steps = entry["code"], entry["label"], tuple(entry["steps"])
    except (KeyError, TypeError) as exc:
        raise ImproperlyConfigured(f"DECISION_LEVELS entry {entry!r}: {exc}") from None
    unknown = set(steps) - set(STEP_ORDER)
    if unknown:
        raise ImproperlyConfigured(f"DECISION_LEVELS {code!r}: unknown steps {sorted(unknown)}")
    # Kept in the Regulation's order whatever order the setting lists them in.
    return Level(str(code), label, tuple(s for s in STEP_ORDER if s in steps))


def levels() -> tuple[Level, ...]:
    configured = getattr(settings, "DECISION_LEVELS", None)
    if not configured:
        return DEFAULT_LEVELS
    return tuple(_from_setting(entry) for entry in configured)


def level_choices() -> list[tuple[str, str]]:
    return [(level.code, level.label) for level in levels()]


def find_level(code: str) -> Level | None:
    return next((level for level in levels() if level.code == code), None)


def level_label(code: str) -> str:
    level = find_level(code)
    return str(level.label) if level else code
