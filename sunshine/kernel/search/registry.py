"""Document types: each module declares what it indexes (its feature manifest's search_types), so that the
kernel knows their labels (facets, result lists) and how to rebuild them, without importing
any domain."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sunshine.kernel.registry import Registry


@dataclass(frozen=True)
class DocType:
    name: str
    label: str
    # Yields the documents of this type as keyword dicts for `services.bulk_index`; used by
    # `manage.py search_reindex`.
    reindex: Callable[[], Iterable[dict]] | None = None


_types: Registry[DocType] = Registry("search type")


def add_doc_type(doc_type: DocType) -> DocType:
    if not doc_type.name or len(doc_type.name) > 40:
        raise ValueError(_("检索类型名称须为 1 至 40 个字符。"))
    return _types.add(doc_type.name, doc_type)


def register_doc_type(
    name: str, label: str, *, reindex: Callable[[], Iterable[dict]] | None = None
) -> DocType:
    """Declare a document type, e.g. `register_doc_type("record", _("政府信息"))`. Registering
    the same name again replaces it (module reloads, tests)."""
    return add_doc_type(DocType(name=name, label=label, reindex=reindex))


def get_doc_type(name: str) -> DocType:
    doc_type = _types.find(name)
    if doc_type is None:
        raise ValueError(_("未登记的检索类型：%(name)s") % {"name": name})
    return doc_type


def doc_types() -> list[DocType]:
    return _types.all()


def label_of(name: str) -> str:
    doc_type = _types.find(name)
    return str(doc_type.label) if doc_type else name
