# The test supervisable and people of the oversight kernel.
from sunshine.kernel.oversight.tests.conftest import item, people, supervisable  # noqa: F401
