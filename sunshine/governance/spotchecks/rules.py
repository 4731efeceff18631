"""Deadline rules of the spot checks (kernel deadlines, declared in the feature manifest)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import WD, rule

RULES = (
    # The results of a draw are entered and published (公示) within 20 working days of it
    # (国发〔2015〕58号：抽查结果及时向社会公开; the province's 20-working-day practice).
    rule(
        "spotcheck.publish_results",
        WD,
        20,
        label=_("抽查结果公示"),
        basis="国办发〔2015〕58号",
    ),
)
