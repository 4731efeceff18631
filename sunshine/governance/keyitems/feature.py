"""The 重要职权事项 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import integration, permissions, rules

FEATURE = Feature(
    name="keyitems",
    label=_("重要职权事项"),
    actions=permissions.KEYITEM_ACTIONS,
    rules=rules.RULES,  # keyitems.crosscheck 5 wd, keyitems.expert_opinion 10 wd, question 5 wd
    supervisables=(integration.QUESTION_SUPERVISABLE,),
    menu=(
        MenuEntry(
            "keyitems", _("重要职权事项"), "workbench:keyitems_list", 62, "keyitem.view_staff"
        ),
    ),
    surfaces=("keyitems",),
    api=(("/keyitems", "keyitems"),),
    demo="sunshine.demo.keyitems_data",
)
