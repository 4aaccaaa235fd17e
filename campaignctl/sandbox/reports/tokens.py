"""Opaque ``continuation_token``s: base64url of a signed JSON page cursor.

The cursor holds the normalised query, the row offset, the ad account and
the instant the first page was read (``as_of``), so every page of one report
shows the same figures even if the clock moves in between. The signature
(HMAC-SHA256 keyed by the sandbox seed) makes tampered or foreign tokens a
400. Tokens expire a day of sandbox time after the first page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from campaignctl.sandbox.errors import bad_request
from campaignctl.sandbox.store import JSON, dump

SIGNATURE_BYTES = 12
TOKEN_TTL_SECONDS = 86400


def encode_token(cursor: JSON, *, seed: int) -> str:
    data = dump(cursor).encode()
    signature = _sign(data, seed)
    return base64.urlsafe_b64encode(signature + data).decode().rstrip("=")


def decode_token(token: str, *, seed: int, account_id: str, now: float) -> JSON:
    """The cursor of a token this sandbox issued for this account; else 400."""
    cursor = _verified(token, seed)
    if cursor is None:
        raise bad_request(
            "continuation_token: not a token returned by this endpoint; "
            "send it exactly as received"
        )
    if cursor.get("a") != account_id:
        raise bad_request("continuation_token: was issued for another ad account")
    if now - float(cursor["t"]) > TOKEN_TTL_SECONDS:
        raise bad_request(
            "continuation_token: expired; request the report again without it"
        )
    return cursor


def _verified(token: str, seed: int) -> JSON | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    signature, data = raw[:SIGNATURE_BYTES], raw[SIGNATURE_BYTES:]
    if not hmac.compare_digest(signature, _sign(data, seed)):
        return None
    loaded: Any = json.loads(data)
    return loaded if isinstance(loaded, dict) else None


def _sign(data: bytes, seed: int) -> bytes:
    key = f"campaignctl-sandbox-reports:{seed}".encode()
    return hmac.new(key, data, hashlib.sha256).digest()[:SIGNATURE_BYTES]
