"""One declaration per feature (功能模块). Each domain module says everything it adds to the
platform in one place, its `feature.py`:

    FEATURE = Feature(
        name="foi",
        label=_("依申请公开"),
        actions=permissions.FOI_ACTIONS,           # who may do what (kernel access policy)
        rules=rules.RULES,                         # deadline rules it owns (kernel deadlines)
        jobs=(PeriodicJob("foi.third_party_lapse", "…tasks.lapse_…_task", "*/5 * * * *"),),
        search_types=(DocType("record", _("政府信息"), reindex=…),),
        rateables=(…,), supervisables=(…,),        # 好差评 and 督办 kinds
        menu=(MenuEntry("foi", _("依申请公开"), "workbench:foi_list", 40, "foi.view_staff"),),
        surfaces=("foi",),                         # its packages in the shells
        api=(("/foi", "foi"),),                    # its API routers (prefix, module)
        demo="sunshine.demo.foi_data",             # its demo scenario
    )

and its AppConfig derives from `FeatureConfig`, whose ready() declares the manifest: every part
goes to the kernel registry that serves it, and the manifest itself to `FEATURES`. The shells
read `FEATURES`: the workbench builds its menu from `menu` and looks for
`sunshine.workbench.<surface>.registry` (queues), the portal for
`sunshine.portal.<surface>.providers` (columns, sitemap, panels), the API mounts the routers
named in `api`, `load_demo` runs `demo`.
A feature therefore appears everywhere by adding its manifest (and its shell packages), with no
list in a shell to edit. Domains never import shells, so a shell's own code for a feature
(a queue's query, a column's links) stays in the shell package named in `surfaces`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import AppConfig

from sunshine.kernel.registry import Registry


@dataclass(frozen=True)
class MenuEntry:
    """A workbench side-menu entry: `url` is a URL name or a path; `permission` an action the
    user must hold on some agency to see it (None: every staff member). Lower `order` first."""

    key: str
    label: str
    url: str
    order: int = 100
    permission: str | None = None


@dataclass(frozen=True)
class Feature:
    name: str
    label: str
    actions: dict = field(default_factory=dict)
    rules: tuple = ()  # kernel.deadlines.rules.Rule
    jobs: tuple = ()  # kernel.jobs.schedule.PeriodicJob
    search_types: tuple = ()  # kernel.search.registry.DocType
    rateables: tuple = ()  # kernel.ratings.registry.Rateable
    supervisables: tuple = ()  # kernel.duban.registry.Supervisable
    menu: tuple[MenuEntry, ...] = ()
    surfaces: tuple[str, ...] = ()  # its package names in the shells (workbench, portal)
    # Its API routers: (URL prefix under /api/v1, module in sunshine/api/routers). The names
    # are a public contract (paths, operation ids), so they are spelled out here.
    api: tuple[tuple[str, str], ...] = ()
    demo: str = ""  # dotted path of the demo scenario module (with a `load()` function)
    # Connections that are code, not data (signal receivers, publication hooks): called once.
    install: tuple[Callable[[], None], ...] = ()


# In the order declared (INSTALLED_APPS): the demo scenarios run in it.
FEATURES: Registry[Feature] = Registry("feature", in_order_added=True)


def declare(feature: Feature) -> Feature:
    """Register every part of `feature` with the kernel mechanism that serves it."""
    from sunshine.kernel.access.policy import register_actions
    from sunshine.kernel.deadlines.rules import add_rule
    from sunshine.kernel.duban.registry import SUPERVISABLES
    from sunshine.kernel.jobs.schedule import add_periodic
    from sunshine.kernel.ratings.registry import RATEABLES
    from sunshine.kernel.search.registry import add_doc_type

    if feature.actions:
        register_actions(feature.actions)
    for rule in feature.rules:
        add_rule(rule)
    for job in feature.jobs:
        add_periodic(job)
    for doc_type in feature.search_types:
        add_doc_type(doc_type)
    for rateable in feature.rateables:
        RATEABLES.register(rateable)
    for supervisable in feature.supervisables:
        SUPERVISABLES.register(supervisable)
    for hook in feature.install:
        hook()
    return FEATURES.add(feature.name, feature)


def shell_modules(shell: str, module: str) -> list:
    """The modules `sunshine.<shell>.<surface>.<module>` of every declared feature that has one
    (e.g. ("workbench", "registry")), each once, in declaration order."""
    found, seen = [], set()
    for feature in FEATURES.all():
        for surface in feature.surfaces:
            name = f"sunshine.{shell}.{surface}.{module}"
            if name in seen:
                continue
            seen.add(name)
            try:
                found.append(import_module(name))
            except ModuleNotFoundError as exc:
                if not (name == exc.name or name.startswith(f"{exc.name}.")):
                    raise  # a real import error inside the module
    return found


class FeatureConfig(AppConfig):
    """The AppConfig of a feature: declares the `FEATURE` of its `feature.py` when Django is
    ready. A feature that must do more at start-up overrides ready() and calls super()."""

    # Imported into every feature's apps.py, where Django looks for the one AppConfig subclass:
    # this base is never the default config, each subclass is (unless it says otherwise).
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    def ready(self):
        declare(import_module(f"{self.name}.feature").FEATURE)
