"""The deadline rules of 依申请公开 (条例 Arts 30–33; 国办函〔2020〕109号 Art. 7), declared here
and listed in the feature manifest; a province overrides the numbers in
settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import rule

REPLY, CORRECTION_NOTICE, THIRD_PARTY, PAYMENT = (
    "foi.reply",
    "foi.correction_notice",
    "foi.third_party",
    "foi.payment",
)


RULES = (
    # Art. 33: reply within 20 wd; one extension of at most 20 wd.
    rule(
        REPLY,
        length=20,
        label=_("依申请公开答复"),
        max_extensions=1,
        max_extension_length=20,
        basis="条例第三十三条",
    ),
    rule(CORRECTION_NOTICE, length=7, label=_("补正告知"), basis="条例第三十条"),
    rule(THIRD_PARTY, length=15, label=_("第三方意见"), basis="条例第三十二条"),
    rule(PAYMENT, length=20, label=_("缴费期限"), basis="国办函〔2020〕109号"),
)
