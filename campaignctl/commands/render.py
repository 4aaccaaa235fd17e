"""``campaignctl render PATH...``: the manifests after the defaults cascade."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from campaignctl.manifest import render_workspace
from campaignctl.manifest.yaml import dump_yaml
from campaignctl.output import Output


def run(paths: Sequence[Path], *, out: Output) -> int:
    documents = render_workspace(paths)
    text = "".join(
        f"# Source: {source}\n{dump_yaml([data])}" for source, data in documents
    )
    out.document(text)
    return 0
