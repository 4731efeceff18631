from .util import check, gov  # noqa: F401  (the shared fixtures)
