"""Deadline rules (期限规则), from configuration. The kernel registers the numbers of rules.md;
domains register more in their AppConfig.ready() with `register_rule(...)`; a province can
override any number in settings without code:

    DEADLINE_RULES = {"message.reply": {"length": 3, "max_extension_length": 5}}

A clock copies its rule's unit and length when it starts, so a later change of configuration
does not move the deadlines already running."""

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.translation import gettext_lazy as _

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


_RULES: dict[str, Rule] = {}


def register_rule(
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
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} for rule {name!r}")
    if length is None or length < 0:
        raise ValueError(f"rule {name!r}: length must be given and not negative")
    rule = Rule(
        name=name,
        unit=unit,
        length=length,
        label=label or name,
        due_soon=due_soon,
        max_extensions=max_extensions,
        max_extension_length=max_extension_length,
        basis=basis,
    )
    _RULES[name] = rule
    return rule


def get_rule(name: str) -> Rule:
    try:
        rule = _RULES[name]
    except KeyError:
        raise UnknownRuleError(f"no deadline rule named {name!r}") from None
    overrides = getattr(settings, "DEADLINE_RULES", {}).get(name)
    return replace(rule, **overrides) if overrides else rule


def find_rule(name: str) -> Rule | None:
    try:
        return get_rule(name)
    except UnknownRuleError:
        return None


def registered_rules() -> list[Rule]:
    return [get_rule(name) for name in sorted(_RULES)]


def rule_label(name: str) -> str:
    rule = find_rule(name)
    return str(rule.label) if rule else name


def register_kernel_rules() -> None:
    """The numbers of rules.md (§2, §3, §5, §6, §7, §8, §9)."""
    r = register_rule
    r("disclosure.publish", length=20, label=_("主动公开时限"), basis="条例第二十六条")
    # 条例 Art. 33: reply within 20 wd; one extension of at most 20 wd.
    r(
        "foi.reply",
        length=20,
        label=_("依申请公开答复"),
        max_extensions=1,
        max_extension_length=20,
        basis="条例第三十三条",
    )
    r("foi.correction_notice", length=7, label=_("补正告知"), basis="条例第三十条")
    r("foi.third_party", length=15, label=_("第三方意见"), basis="条例第三十二条")
    r("foi.payment", length=20, label=_("缴费期限"), basis="国办函〔2020〕109号")
    # rules.md §7: reply within 5 wd; one extension of up to 10 wd.
    r(
        "message.reply",
        length=5,
        label=_("留言答复"),
        max_extensions=1,
        max_extension_length=10,
    )
    r("message.return_misrouted", length=2, label=_("错派退回"))
    r(
        "decision.comment_period",
        unit=DAYS,
        length=30,
        label=_("征求意见期"),
        basis="重大行政决策程序暂行条例",
    )
    r("decision.legality_review", length=7, label=_("合法性审查"))
    # 国办发〔2016〕80号 and 〔2016〕61号: hours, so the due-soon thresholds are hours too.
    r(
        "opinion.major_first_response",
        unit=HOURS,
        length=5,
        due_soon=1,
        label=_("重大舆情首次发布"),
        basis="国办发〔2016〕80号",
    )
    r(
        "opinion.press_conference",
        unit=HOURS,
        length=24,
        due_soon=6,
        label=_("新闻发布会"),
        basis="国办发〔2016〕80号",
    )
    r(
        "opinion.hot_issue",
        unit=HOURS,
        length=48,
        due_soon=12,
        label=_("热点回应"),
        basis="国办发〔2016〕61号",
    )
    r("spotcheck.publish_results", length=20, label=_("抽查结果公示"))
    r("rating.rectify", length=15, label=_("差评整改"))
