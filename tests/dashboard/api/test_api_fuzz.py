"""schemathesis against the live schema, in process (the WSGI app): every operation, valid and invalid
generated input, with a superuser's token. No answer is a server error, every answer is documented and
matches the schema. (schemathesis's own pytest plugin does not run under pytest 9, so each operation's
hypothesis strategy is driven here.)"""

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis.errors import Unsatisfiable
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

from reports.models import ApiToken
from sitrep.wsgi import application
from tests.reports.review_support import killed, places, report  # noqa: F401

SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
OPERATIONS = {operation.label: operation for operation in (result.ok() for result in SCHEMA.get_all_operations())}

# Generated values for place, source and P-codes name nothing that exists, so a valid-looking request may
# rightly be refused (positive_data_acceptance); reads are public here, so a missing token is no fault.
EXCLUDED = [schemathesis.checks.positive_data_acceptance, schemathesis.checks.ignored_auth]


@pytest.fixture
def in_test_transaction():
    """As Django's test client does: the WSGI app must not close the connection at the end of each request,
    which would end the test's transaction (on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def secret(db, killed, settings, in_test_transaction):  # noqa: F811
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"address": None, "token": None}}
    cache.clear()
    return ApiToken.issue(User.objects.create_superuser("fuzz", "fuzz@example.org"), "fuzz")[1]


def test_every_operation_is_fuzzed():
    assert len(OPERATIONS) >= 14


@pytest.mark.parametrize("label", sorted(OPERATIONS))
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_generated_input_makes_the_api_fail_or_answer_off_schema(secret, label, mode):
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(headers={"Authorization": f"Token {secret}"}, excluded_checks=EXCLUDED)

    try:
        check()
    except Unsatisfiable:
        # Every string is a valid value of this operation's only parameter (an id or P-code in the path).
        assert mode == GenerationMode.NEGATIVE and not operation.query and not operation.body
        pytest.skip("no invalid input exists for this operation")
