"""Addresses: stable, readable paths that name planned objects.

A campaign's address is the slug of its name; an ad set's is
``campaign-slug/ad-set-slug``; an ad's adds its own slug. Assets are
``asset:<content-addressed name>``. Slugs contain only ``[a-z0-9-]`` so the
``asset:`` prefix can never collide with a campaign.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

ASSET_PREFIX = "asset:"
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """Lower-case ASCII slug of a display name; never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_name.lower()).strip("-")
    if slug:
        return slug
    return "x" + hashlib.sha256(name.encode()).hexdigest()[:8]


def child_address(parent: str | None, name: str) -> str:
    """The address of an object called ``name`` under ``parent``."""
    slug = slugify(name)
    return f"{parent}/{slug}" if parent else slug


def asset_address(remote_name: str) -> str:
    return f"{ASSET_PREFIX}{remote_name}"
