# The gazette's fixtures (people with the office's gazette editor, public records, an issue).
from sunshine.disclosure.gazette.tests.conftest import _media, issue, people, records  # noqa: F401
