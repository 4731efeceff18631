"""The 重要职权事项 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature

FEATURE = Feature(
    name="keyitems",
    label=_("重要职权事项"),
)
