from sunshine.participation.consultations.tests.conftest import approver, drafter, transport  # noqa: F401
