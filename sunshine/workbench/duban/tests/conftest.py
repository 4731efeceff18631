# The test supervisable and people of the oversight kernel.
from sunshine.kernel.duban.tests.conftest import item, people, supervisable  # noqa: F401
