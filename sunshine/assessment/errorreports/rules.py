"""Deadline rules of 我为政府网站找错 (kernel deadlines). Both clocks start when the report
arrives; the numbers are this platform's defaults (settings.DEADLINE_RULES may change them)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import WD, rule

ACKNOWLEDGE = "errorreport.acknowledge"
FIX = "errorreport.fix"

RULES = (
    # 国办秘函〔2019〕19号 附件: 网民纠错 留言 is answered promptly; 1 working day to confirm
    # receipt and route it.
    rule(ACKNOWLEDGE, WD, 1, due_soon=0, label=_("网站纠错确认")),
    # ...and 5 working days to correct the page (or to explain why it is right).
    rule(FIX, WD, 5, due_soon=1, label=_("网站纠错整改")),
)
