# The test rateable and people of the ratings kernel (a kernel model stands for the rated item).
from sunshine.kernel.ratings.tests.conftest import (  # noqa: F401
    anonymous_citizen,
    citizen,
    items,
    staff,
)
