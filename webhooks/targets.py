"""Where a webhook may be sent: server-side request forgery is refused (docs/webhooks.md).

A target is checked twice: when an administrator saves the subscription (a form error) and
before every delivery. Each time the host is resolved and every address it resolves to must be
public; the delivery then connects to one of those checked addresses itself (`sending.py`), so a
DNS answer that changes between the check and the connection (rebinding) cannot reach the
inside. Numeric spellings that the resolver would accept (`2130706433`, `0177.0.0.1`,
`0x7f.1`) are read as the address they spell. WEBHOOKS_ALLOW_PRIVATE_TARGETS turns the address
rule off (a receiver on the same machine in development and tests); the scheme rule stays.
"""

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Characters of an IPv4 address in any spelling inet_aton accepts (decimal, octal, hex parts).
NUMERIC_HOST = re.compile(r"[0-9a-fx.]+", re.IGNORECASE)


class TargetRefused(ValueError):
    """The URL may not receive webhooks; the message says why, for the administrator."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as sent in the Host header and for TLS (IDNA-encoded)
    port: int
    path: str  # path and query
    addresses: tuple[IPAddress, ...]  # every one checked


def allow_private() -> bool:
    return settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS


def refusal(address: IPAddress) -> str | None:
    """Why `address` is not a public one, or None when it is."""
    if address.version == 6:
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is not None:
            return refusal(embedded)
    for reason in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(address, f"is_{reason}"):
            return reason.replace("_", "-")
    if not address.is_global:
        return "not public"
    return None


def numeric_address(host: str) -> IPAddress | None:
    """The address a numeric host names, in any spelling the system resolver accepts."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if NUMERIC_HOST.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def getaddrinfo(host: str, port: int) -> list:
    """The system resolver (tests replace this function: no test looks a name up)."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    """Every address `host` resolves to."""
    try:
        infos = getaddrinfo(host, port)
    except (OSError, UnicodeError) as error:
        raise TargetRefused(f"The host {host} cannot be resolved ({error}).") from None
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return tuple(addresses)


def parse(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and path of an http(s) URL, or TargetRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise TargetRefused(f"Not a valid URL ({error}).") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise TargetRefused("Use an http:// or https:// URL.")
    if not parts.hostname:
        raise TargetRefused("The URL has no host.")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("Put no user name or password in the URL; deliveries are signed.")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise TargetRefused("The host name is not valid.") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port or (443 if scheme == "https" else 80), path


def check(url: str) -> Target:
    """The target of `url` with its checked addresses; TargetRefused when it may not be used."""
    scheme, host, port, path = parse(url)
    literal = numeric_address(host)
    addresses = (literal,) if literal is not None else resolve(host, port)
    if not addresses:
        raise TargetRefused(f"The host {host} resolves to no address.")
    if not allow_private():
        for address in addresses:
            if reason := refusal(address):
                raise TargetRefused(
                    f"{host} resolves to {address}, a {reason} address: webhooks go to public "
                    "addresses only."
                )
    if literal is not None:
        host = str(literal)
    return Target(scheme, host, port, path, addresses)
