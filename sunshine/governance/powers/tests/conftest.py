from .util import gov  # noqa: F401  (the shared fixture)
