# The suite's fixtures are plugins under sunshine/testing (one definition each, no copies in the
# test folders' conftest.py files): the shared data fixtures and the browser fixtures.
# The ordering plugin runs the longest tests first and, in CI's PostgreSQL phase, only those that
# use the database.
pytest_plugins = [
    "sunshine.testing.fixtures",
    "sunshine.testing.browser",
    "sunshine.testing.ordering",
]
