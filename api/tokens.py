"""Who is calling: no token (a reader), or a token whose scope is capped by its user's role.

A token is looked up by the hash of the secret on every request, so a revoked token, or one
whose user was deactivated, is refused at once (no cache in between).
"""

from dataclasses import dataclass

from django.utils import timezone

from api.models import TOKEN_PREFIX, ApiToken, hash_secret
from editorial import workflow

Scope = ApiToken.Scope
# A token's last use is written at most this often (one UPDATE per minute, not per request).
LAST_USED_RESOLUTION = 60


@dataclass(frozen=True)
class Caller:
    """The caller of one request: `user` is None for anonymous readers."""

    user: object = None
    token: ApiToken | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user is None

    def may(self, scope: str) -> bool:
        return self.user is not None and scope in allowed_scopes(self.user, self.token.scope)


ANONYMOUS = Caller()


def allowed_scopes(user, asked: str) -> set[str]:
    """The scopes a token asking for `asked` has for `user` now: read for any active staff
    account; write drafts when the role may add articles; publish for editors only."""
    if not (user.is_active and user.is_staff):
        return set()
    scopes = {Scope.READ}
    if asked in (Scope.WRITE, Scope.PUBLISH) and user.has_perm("articles.add_article"):
        scopes.add(Scope.WRITE)
    if asked == Scope.PUBLISH and workflow.is_editor(user):
        scopes.add(Scope.PUBLISH)
    return scopes


def scope_problem(user, scope: str) -> str | None:
    """Why `user` may not hold a token of `scope` (the admin form shows it), or None."""
    if scope not in allowed_scopes(user, scope):
        label = Scope(scope).label.lower()
        return f"{user} cannot have a token that may {label}: their role does not allow it."
    return None


def caller_for(secret: str) -> Caller | None:
    """The caller a bearer secret names, or None when it is unknown, revoked or unusable."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not allowed_scopes(token.user, token.scope):
        return None
    now = timezone.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return Caller(user=token.user, token=token)
