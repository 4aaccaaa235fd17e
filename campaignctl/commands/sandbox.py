"""``campaignctl sandbox serve``: the local API emulator over HTTP (uvicorn)."""

from __future__ import annotations

from campaignctl.output import Output
from campaignctl.sandbox import (
    API_PREFIX,
    CLIENT_ID,
    CLIENT_SECRET,
    DEFAULT_ACCOUNT_ID,
    REFRESH_TOKEN,
    create_app,
    server,
)
from campaignctl.sandbox.config import build_config


def serve(
    *,
    out: Output,
    host: str,
    port: int,
    db: str,
    accounts: tuple[str, ...],
    rate_limit: float,
    fail_rate: float,
    ambiguous_rate: float,
    latency_ms: int,
    token_ttl: int,
    seed: int,
    processing_ms: int,
) -> int:
    """Serve until interrupted; returns the exit code."""
    config = build_config(
        db=db,
        accounts=tuple(accounts),
        rate_limit=rate_limit,
        fail_rate=fail_rate,
        ambiguous_rate=ambiguous_rate,
        latency_ms=latency_ms,
        token_ttl=token_ttl,
        seed=seed,
        processing_ms=processing_ms,
    )
    listener = server.bind(host, port)
    app = create_app(config)
    bound_port = listener.getsockname()[1]
    out.info(banner(host, bound_port, config.account_currencies()))
    try:
        server.serve(app, listener)
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
        app.state.sandbox.close()
    return 0


def banner(host: str, port: int, accounts: dict[str, str]) -> str:
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    lines = [
        f"campaignctl sandbox listening on {base} (API at {base}{API_PREFIX})",
        f"ad accounts: {', '.join(f'{a} ({c})' for a, c in accounts.items())}",
        f"client id {CLIENT_ID}, secret {CLIENT_SECRET}, refresh token {REFRESH_TOKEN}",
        "export these to point campaignctl at it:",
        f"  export CAMPAIGNCTL_API_URL={base}{API_PREFIX}",
        f"  export CAMPAIGNCTL_TOKEN_URL={base}/api/token",
        f"  export SPOTIFY_ADS_CLIENT_ID={CLIENT_ID}",
        f"  export SPOTIFY_ADS_CLIENT_SECRET={CLIENT_SECRET}",
        f"  export SPOTIFY_ADS_REFRESH_TOKEN={REFRESH_TOKEN}",
        f"default ad account: {DEFAULT_ACCOUNT_ID}. Stop with Ctrl-C.",
    ]
    return "\n".join(lines)
