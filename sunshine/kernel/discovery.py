"""Feature discovery for the shells: a shell (portal, workbench) lists its feature packages and
each may hold a module (e.g. `providers.py`) whose `register()` declares what it adds (column
providers, menu items, queues, sitemap sections). Called from the shell's AppConfig.ready()."""

from importlib import import_module


def discover(package: str, features: tuple[str, ...], module: str) -> list[str]:
    found = []
    for feature in features:
        name = f"{package}.{feature}.{module}"
        try:
            mod = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise  # a real import error inside the module
            continue
        mod.register()
        found.append(name)
    return found
