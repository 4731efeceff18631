"""Generated datasets: a table another module of the platform already publishes (行政执法公示's
decisions — the 双公示 data —, later the 公共资源交易 tables) offered as an open dataset that
refreshes itself.

A `DataSource` names its schema, the catalog metadata it suggests, and a function giving its
rows for an agency (the agency and its subtree). Domains are independent of each other, so a
source is registered by a shell that may read the other domain's public selectors (the
workbench's `opendata/registry.py`); this module only keeps the registry. The rows must be what
the public may see (masked where the source's public view masks). `services.create_generated_
dataset` registers an entry from a source, `services.refresh_generated` replaces its files
when the table changed (a new version when published); the daily job refreshes them all."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sunshine.kernel.registry import Registry


@dataclass(frozen=True)
class DataSource:
    key: str  # stored on the dataset (Dataset.source)
    label: str
    fields: tuple[dict, ...]  # the schema: name, title, type, unit, description
    rows: Callable[..., Iterable[list]]  # rows(agency) → lists in the order of `fields`
    defaults: dict = field(default_factory=dict)  # title, notes, topic, industry, … suggested
    formats: tuple[str, ...] = ("CSV", "JSON")


SOURCES: Registry[DataSource] = Registry("open data source")


def register_source(source: DataSource) -> DataSource:
    return SOURCES.add(source.key, source)


def choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in SOURCES.all()]
