"""Reads of 电子监察 (electronic supervision of 办件): the numbers per agency for a period
(numbers.py) and the lists (lists.py). Callers import this module."""

from .lists import (  # noqa: F401
    OverdueRow,
    agency_for,
    alerts,
    open_bad_rating_cases,
    open_orders,
    overdue_clocks,
    overdue_rows,
)
from .numbers import (  # noqa: F401
    KIND,
    SERVICE_RULES,
    STEP_RULES,
    AgencyNumbers,
    Dashboard,
    application_type,
    dashboard,
    monthly_volume,
)
