"""The 交叉互评 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature

FEATURE = Feature(
    name="crossreview",
    label=_("交叉互评"),
)
