"""The 数据开放 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature

FEATURE = Feature(
    name="datasets",
    label=_("数据开放"),
)
