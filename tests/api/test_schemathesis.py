"""Property-based check of the whole API against its own OpenAPI description (schemathesis).

The real Django application (its WSGI handler: every middleware, the URLconf, the real test
database) is driven with requests generated from /api/v1/openapi.json, for every operation,
anonymously and with a staff API token, over demo data. Each answer must not be a server error,
must have a documented status code and content type, and must match the documented schema.

It lives in tests/ (not sunshine/api/tests) because it loads the demo scenarios, which the
layers contract keeps out of the shells.

Bounded: SCHEMATHESIS_MAX_EXAMPLES examples per operation, caller and mode (positive, negative;
default 2), derandomized,
so that the run is repeatable and takes well under two minutes."""

import io
import os
import re
import time

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sunshine.demo import (
    briefings_data,
    catalog_data,
    consultations_data,
    disclosure_data,
    kernel_data,
    meetings_data,
    opinion_data,
)
from sunshine.kernel.accounts.services import issue_api_token

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, pytest.mark.long]

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "2"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# The demo scenarios that load in seconds (the messages, gazette, services and FOI ones take
# tens of seconds each; their endpoints are still exercised, on the data the others create).
DEMO = [
    disclosure_data,
    catalog_data,
    consultations_data,
    meetings_data,
    opinion_data,
    briefings_data,
]


@pytest.fixture
def demo_staff_key():
    from django.contrib.auth import get_user_model

    kernel_data.load()
    for module in DEMO:
        module.load(stdout=io.StringIO())
    sysadmin = get_user_model().objects.get(email="sysadmin@demo.gd.gov.cn")
    _token, key = issue_api_token(actor=sysadmin, name="schemathesis")
    return key


def _existing_object(operation, headers: dict) -> dict | None:
    """{path parameter: a value naming a demo object} for an operation on one object
    (`/records/{record_id}`, `/services/items/{code}`): the first item of the list beside it."""
    names = re.findall(r"\{(\w+)\}", operation.path)
    if len(names) != 1:
        return None
    name = names[0]
    prefix = operation.path.split("/{")[0]
    client = Client(HTTP_AUTHORIZATION=headers.get("Authorization", ""))
    for url in (prefix, prefix + "/queue"):
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = response.json()
        items = body.get("items") if isinstance(body, dict) else body
        if items and isinstance(items[0], dict):
            value = items[0].get("id" if name.endswith("_id") else name)
            if value is not None:
                return {name: value}
    return None


def _run(operation, headers: dict, mode: GenerationMode, path_parameters=None) -> list[str]:
    failures = []

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: report what failed, fast
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def check(case):
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except BaseException as exc:  # schemathesis' FailureGroup is a BaseExceptionGroup
            failures.append(
                f"{case.method} {case.formatted_path} {case.query or ''} "
                f"body={str(case.body)[:200]!r} → {response.status_code} "
                f"{response.content[:300]!r}\n{exc}"
            )
            raise

    try:
        check()
    except KeyboardInterrupt:
        raise
    except BaseException:
        pass  # recorded above; one failure per operation, caller and mode is enough
    return failures[:1]


def test_api_matches_its_description(demo_staff_key):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    callers = {"anonymous": {}, "staff": {"Authorization": f"Bearer {demo_staff_key}"}}
    failures = []
    operations = on_objects = 0
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for caller, headers in callers.items():
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                for failure in _run(operation, headers, mode):
                    failures.append(f"[{caller}, {mode.value}] {operation.label}: {failure}")
            # Random ids name nothing (404): again on an object that exists, valid input.
            existing = _existing_object(operation, headers)
            if existing:
                on_objects += 1
                for failure in _run(operation, headers, GenerationMode.POSITIVE, existing):
                    failures.append(f"[{caller}, on {existing}] {operation.label}: {failure}")
    took = time.monotonic() - started
    print(
        f"schemathesis: {operations} operations ({on_objects} also on an existing object), "
        f"{MAX_EXAMPLES} examples each, {took:.0f} s"
    )
    assert operations > 100
    assert not failures, f"{len(failures)} failing:\n\n" + "\n\n".join(failures)
