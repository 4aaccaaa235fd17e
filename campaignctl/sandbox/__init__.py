"""A local emulator of the Spotify Ads API v3 (the embedded default and test double).

Public API::

    from campaignctl.sandbox import SandboxConfig, create_app, SyncASGITransport

    app = create_app(SandboxConfig(db=":memory:"))
    client = httpx.Client(transport=SyncASGITransport(app),
                          base_url="http://sandbox/ads/v3")

``app.state.sandbox`` is the running ``Sandbox`` (store, clock, config);
``campaignctl.sandbox.seeding`` writes objects without HTTP.
"""

from __future__ import annotations

from campaignctl.sandbox.app import create_app
from campaignctl.sandbox.config import (
    API_PREFIX,
    BUSINESS_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    DEFAULT_ACCOUNT_ID,
    REFRESH_TOKEN,
    SandboxConfig,
)
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.transport import SyncASGITransport

__all__ = [
    "API_PREFIX",
    "BUSINESS_ID",
    "CLIENT_ID",
    "CLIENT_SECRET",
    "DEFAULT_ACCOUNT_ID",
    "REFRESH_TOKEN",
    "Sandbox",
    "SandboxConfig",
    "SyncASGITransport",
    "create_app",
]
