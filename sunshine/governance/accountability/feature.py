"""The 问责 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature

FEATURE = Feature(
    name="accountability",
    label=_("问责"),
)
