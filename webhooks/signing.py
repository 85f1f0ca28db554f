"""The delivery signature: HMAC-SHA256 of "{timestamp}.{body}" with the subscription's secret.

Sent as `Newsroom-Signature: t=<unix seconds>,v1=<hex digest>`. Signing the timestamp with the
body lets a receiver refuse old deliveries replayed to it (docs/webhooks.md shows how).
"""

import hashlib
import hmac

SIGNATURE_HEADER = "Newsroom-Signature"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def header_value(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, now: int, tolerance: int = 300) -> bool:
    """What a receiver does: a v1 signature of this body, made less than `tolerance` s ago."""
    fields = [part.split("=", 1) for part in header.split(",") if "=" in part]
    timestamps = [value for key, value in fields if key.strip() == "t"]
    signatures = [value.strip() for key, value in fields if key.strip() == "v1"]
    if len(timestamps) != 1 or not timestamps[0].strip().isdigit():
        return False
    timestamp = int(timestamps[0])
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in signatures)
