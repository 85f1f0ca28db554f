"""Bearer tokens for django-ninja: no header is an anonymous reader (rate limited), a header
that names no usable token is a 401, never a silent fall back to anonymous."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from api import throttling
from api.problems import Problem
from api.tokens import ANONYMOUS, Caller, caller_for


class TokenAuth(HttpBearer):
    def __init__(self, anonymous: bool):
        super().__init__()
        self.anonymous = anonymous

    def __call__(self, request: HttpRequest) -> Caller | None:
        header = request.headers.get("Authorization", "")
        if not header:
            if not self.anonymous:
                raise Problem(401, "This needs an API token: Authorization: Bearer <token>.")
            throttling.check(request)
            return ANONYMOUS
        scheme, _, secret = header.partition(" ")
        caller = caller_for(secret.strip()) if scheme.lower() == "bearer" else None
        if caller is None:
            raise Problem(
                401,
                "Unknown, revoked or unusable API token.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return caller

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        return caller_for(token)


READERS = TokenAuth(anonymous=True)
TOKENS = TokenAuth(anonymous=False)
