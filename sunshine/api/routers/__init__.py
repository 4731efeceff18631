"""The API's routers, one module each. The platform's own (agencies, the signed-in account,
clocks, working days, search) are listed here; a feature's routers are named in its manifest
(`api=(("/prefix", "module"), ...)`, sunshine/kernel/features.py) and mounted in feature order.
To add a module's endpoints: write `sunshine/api/routers/<module>.py` with
`router = Router(tags=[...])` whose views call that module's selectors/services only, and name
it in the feature's manifest. Token-protected routers pass `auth=staff_token`
(sunshine.api.auth) to Router(...)."""

from importlib import import_module

from sunshine.kernel.features import FEATURES

from . import agencies, clocks, me, search, workdays

PLATFORM = [
    ("/agencies", agencies.router),
    ("/me", me.router),
    ("/clocks", clocks.router),
    ("/workdays", workdays.router),
    ("/search", search.router),
]


def feature_routers() -> list[tuple[str, object]]:
    return [
        (prefix, import_module(f"{__name__}.{module}").router)
        for feature in FEATURES.all()
        for prefix, module in feature.api
    ]


ROUTERS = PLATFORM + feature_routers()
