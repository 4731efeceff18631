"""Deadline rules (期限规则), from configuration. Each module declares the rules it owns in its
own `rules.py` (`RULES = (rule(...), ...)`), listed in its feature manifest (kernel/features.py);
the kernel knows no domain's numbers. A province can override any number in settings without
code:

    DEADLINE_RULES = {"message.reply": {"length": 3, "max_extension_length": 5}}

A clock copies its rule's unit and length when it starts, so a later change of configuration
does not move the deadlines already running."""

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.registry import Registry

WD, DAYS, HOURS = "wd", "days", "hours"
UNITS = {WD: _("个工作日"), DAYS: _("日"), HOURS: _("小时")}


class UnknownRuleError(LookupError):
    pass


@dataclass(frozen=True)
class Rule:
    name: str
    unit: str
    length: int
    label: str
    due_soon: int | None = None  # in the rule's unit; None: settings.DEADLINE_DUE_SOON_WD
    max_extensions: int | None = None  # None: no limit
    max_extension_length: int | None = None  # per extension, in the rule's unit
    basis: str = ""  # legal basis, e.g. "条例 Art. 33"

    @property
    def due_soon_threshold(self) -> int:
        if self.due_soon is not None:
            return self.due_soon
        if self.unit == HOURS:
            return max(1, self.length // 4)
        return settings.DEADLINE_DUE_SOON_WD

    @property
    def unit_label(self) -> str:
        return str(UNITS[self.unit])


_RULES: Registry[Rule] = Registry("deadline rule")


def rule(
    name: str,
    unit: str = WD,
    length: int | None = None,
    due_soon: int | None = None,
    label: str = "",
    *,
    max_extensions: int | None = None,
    max_extension_length: int | None = None,
    basis: str = "",
) -> Rule:
    """A checked Rule, to be listed in a feature's `rules` (or registered with add_rule)."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} for rule {name!r}")
    if length is None or length < 0:
        raise ValueError(f"rule {name!r}: length must be given and not negative")
    return Rule(
        name=name,
        unit=unit,
        length=length,
        label=label or name,
        due_soon=due_soon,
        max_extensions=max_extensions,
        max_extension_length=max_extension_length,
        basis=basis,
    )


def add_rule(declared: Rule) -> Rule:
    return _RULES.add(declared.name, declared)


def register_rule(name: str, *args, **kwargs) -> Rule:
    """Build and register a rule at once (tests that declare a rule of their own)."""
    return add_rule(rule(name, *args, **kwargs))


def get_rule(name: str) -> Rule:
    declared = _RULES.find(name)
    if declared is None:
        raise UnknownRuleError(f"no deadline rule named {name!r}")
    overrides = getattr(settings, "DEADLINE_RULES", {}).get(name)
    return replace(declared, **overrides) if overrides else declared


def find_rule(name: str) -> Rule | None:
    try:
        return get_rule(name)
    except UnknownRuleError:
        return None


def registered_rules() -> list[Rule]:
    return [get_rule(name) for name in _RULES]


def rule_label(name: str) -> str:
    rule = find_rule(name)
    return str(rule.label) if rule else name
