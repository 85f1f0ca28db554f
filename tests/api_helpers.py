"""Shared setup for the API tests: tokens for a role, and the Authorization header."""

from api.models import ApiToken
from tests.factories import StaffUserFactory


def token_for(user=None, scope: str = "read", role: str = "Editor") -> str:
    """A new token's secret for `user` (a new staff user in `role` when None)."""
    user = user or StaffUserFactory(role=role)
    token = ApiToken(user=user, name="test", scope=scope)
    secret = token.issue()
    token.save()
    return secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
