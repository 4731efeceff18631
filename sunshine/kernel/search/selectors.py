"""Reads of the search index (the project's selectors convention); the implementation is in
query.py. Public pages and the API call `search`, which returns public, visible items only."""

from .models import SynonymGroup
from .query import FacetValue, SearchHit, SearchResults, search
from .querylog import popular_queries

__all__ = [
    "FacetValue", "SearchHit", "SearchResults", "popular_queries", "search", "synonym_group",
    "synonym_groups",
]  # fmt: skip


def synonym_groups():
    """The staff synonym groups, active first, newest change first (workbench)."""
    return SynonymGroup.objects.select_related("created_by").order_by("-is_active", "-updated_at")


def synonym_group(pk: int) -> SynonymGroup | None:
    return SynonymGroup.objects.filter(pk=pk).first()
