"""The generated OpenAPI schema, fuzzed with schemathesis against the app itself (WSGI, no
server): no 5xx, and every answer conforms to the schema, for anonymous and token callers.

Bounded to a few examples per operation so it stays a few seconds; runs in CI like any test.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.service import api
from tests.api_helpers import token_for
from tests.factories import ArticleFactory, CorrectionFactory

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = get_wsgi_application()
# Random fuzzing only: the coverage phase ignores max_examples and runs for minutes.
schema.config.phases.update(phases=["examples", "fuzzing"])
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@pytest.fixture
def content(db, settings):
    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 0
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    story = ArticleFactory(tags=["privacy"])
    CorrectionFactory(article=story)
    ArticleFactory(draft=True)
    # As Django's test client does: requests must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield token_for(role="Editor", scope="publish")
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_served_schema_is_the_generated_one(client):
    generated = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
    assert client.get("/api/schema/").json() == generated


@schema.parametrize()
@FUZZ
def test_anonymous_callers(content, case):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_token_callers(content, case):
    case.call_and_validate(headers={"Authorization": f"Bearer {content}"}, checks=CHECKS)
