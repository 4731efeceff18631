"""Document types: each module registers what it indexes (in its AppConfig.ready), so that the
kernel knows their labels (facets, result lists) and how to rebuild them, without importing
any domain."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class DocType:
    name: str
    label: str
    # Yields the documents of this type as keyword dicts for `services.bulk_index`; used by
    # `manage.py search_reindex`.
    reindex: Callable[[], Iterable[dict]] | None = None


_types: dict[str, DocType] = {}


def register_doc_type(
    name: str, label: str, *, reindex: Callable[[], Iterable[dict]] | None = None
) -> DocType:
    """Declare a document type, e.g. `register_doc_type("record", _("政府信息"))`. Registering
    the same name again replaces it (module reloads, tests)."""
    if not name or len(name) > 40:
        raise ValueError(_("检索类型名称须为 1 至 40 个字符。"))
    doc_type = DocType(name=name, label=label, reindex=reindex)
    _types[name] = doc_type
    return doc_type


def get_doc_type(name: str) -> DocType:
    try:
        return _types[name]
    except KeyError:
        raise ValueError(_("未登记的检索类型：%(name)s") % {"name": name}) from None


def doc_types() -> list[DocType]:
    return list(_types.values())


def label_of(name: str) -> str:
    doc_type = _types.get(name)
    return str(doc_type.label) if doc_type else name
