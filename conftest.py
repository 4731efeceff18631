# The suite's fixtures are plugins under sunshine/testing (one definition each, no copies in the
# test folders' conftest.py files): the shared data fixtures and the browser fixtures.
pytest_plugins = ["sunshine.testing.fixtures", "sunshine.testing.browser"]
