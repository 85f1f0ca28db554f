"""One POST to a webhook target: checked address, short timeout, no redirects, a bounded read.

`http.client` follows no redirects and uses no proxy from the environment. The connection is
opened to an address `targets.check()` has just approved, never to the host name again, while the
Host header and the TLS certificate check use the name.
"""

import http.client
import socket
import ssl
import time
from dataclasses import dataclass

from django.conf import settings

from webhooks.targets import Target, TargetRefused, check

EXCERPT_BYTES = 500


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None
    duration_ms: int
    excerpt: str = ""
    error: str = ""
    refused: bool = False  # the address check said no: another attempt cannot do better


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to one given address, whatever the host name resolves to now."""

    def __init__(self, target: Target, address: str, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        """A socket to the address itself: no name is looked up here."""
        family = socket.AF_INET6 if ":" in self.address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect((self.address, self.port))
        except OSError:
            sock.close()
            raise
        self.sock = sock


class PinnedHTTPSConnection(PinnedHTTPConnection):
    default_port = 443

    def __init__(self, target: Target, address: str, timeout: float):
        super().__init__(target, address, timeout)
        self.tls = ssl.create_default_context()

    def connect(self) -> None:
        super().connect()
        self.sock = self.tls.wrap_socket(self.sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST `body` to `url`; a 2xx answer is success, anything else (3xx too) a failure."""
    started = time.monotonic()

    def elapsed() -> int:
        return round((time.monotonic() - started) * 1000)

    try:
        target = check(url)
    except TargetRefused as refused:
        return Outcome(False, None, elapsed(), error=str(refused)[:300], refused=True)
    kind = PinnedHTTPSConnection if target.scheme == "https" else PinnedHTTPConnection
    error = ""
    for address in target.addresses:
        connection = kind(target, str(address), settings.WEBHOOKS_TIMEOUT_SECONDS)
        try:
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            excerpt = response.read(EXCERPT_BYTES).decode("utf-8", "replace")
            ok = 200 <= response.status < 300
            return Outcome(ok, response.status, elapsed(), excerpt)
        except (OSError, http.client.HTTPException) as failure:
            error = f"{type(failure).__name__}: {failure}"[:300]
            if not isinstance(failure, ConnectionRefusedError):
                break  # reached, or timed out: another address of the host would not do better
        finally:
            connection.close()
    return Outcome(False, None, elapsed(), error=error)
