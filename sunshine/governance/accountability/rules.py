"""The deadline of a 问责 case, listed in the feature manifest; a province overrides it in
settings.DEADLINE_RULES (e.g. {"accountability.handle": {"length": 20}})."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import WD, rule

HANDLE = "accountability.handle"

RULES = (
    # From 立案 to 结案. Neither 《政府信息公开条例》 nor 《中国共产党问责条例》 sets a period
    # for handling a case: 30 working days is this platform's default (configurable).
    rule(
        HANDLE,
        unit=WD,
        length=30,
        label=_("问责办理"),
        basis="期限为本平台默认值（可在 DEADLINE_RULES 中配置）",
    ),
)
