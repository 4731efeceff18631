"""办件 (service applications, one-window hall): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import permissions, registration, rules

FEATURE = Feature(
    name="service_applications",
    label=_("办件管理"),
    actions=permissions.APPLICATION_ACTIONS,
    rules=rules.RULES,
    rateables=(registration.RATEABLE,),
    supervisables=(registration.SUPERVISABLE,),
    menu=(
        MenuEntry(
            "service_applications",
            _("办件管理"),
            "workbench:service_queue",
            50,
            "service_application.view_staff",
        ),
    ),
    surfaces=("servicehall",),
    api=(("/services", "servicehall"),),
    demo="sunshine.demo.services_data",
)
