"""Reads of the search index (the project's selectors convention); the implementation is in
query.py. Public pages and the API call `search`, which returns public, visible items only."""

from .query import FacetValue, SearchHit, SearchResults, search

__all__ = ["FacetValue", "SearchHit", "SearchResults", "search"]
