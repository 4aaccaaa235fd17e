"""The ``kind: Rollout`` document, and a template's front matter.

A rollout renders one template once per row of a values file. With
``each: campaign`` (the default) every row renders whole campaign documents;
with ``each: ad_set`` every row renders one ad set (or a list of them) and
the rows' ad sets go into the campaign written under ``campaign:``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from campaignctl.frozen import Frozen
from campaignctl.manifest.fields import Text

RolloutName = Annotated[str, Text(2, 200, trimmed=True)]
Each = Literal["campaign", "ad_set"]


class RolloutFields(Frozen):
    """What a rollout says, in a Rollout manifest or a template's front matter."""

    name: RolloutName | None = Field(
        None, description="Shown in plans (blast radius); defaults to the file name."
    )
    values: str | tuple[dict[str, Any], ...] = Field(
        description="A values file (CSV, TSV, YAML or JSON; relative to this "
        "file) or the rows written inline as a list of mappings."
    )
    key: Annotated[str, Text(1, 100)] = Field(
        description="The column whose value identifies a row (unique, non-empty)."
    )
    each: Each = Field(
        "campaign",
        description="What one row renders: whole campaign documents (campaign), "
        "or ad sets of the campaign under `campaign:` (ad_set).",
    )
    campaign: dict[str, Any] | None = Field(
        None,
        description="each: ad_set only: the campaign (any Campaign field but "
        "apiVersion and kind) the rows' ad sets go in.",
    )
    vars: dict[str, Any] = Field(
        default_factory=dict, description="Values every row sees as `vars`."
    )
    overrides: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Row key → column values replacing the values file's.",
    )


class RolloutSpec(RolloutFields):
    """A rollout manifest: a template rendered once per row."""

    api_version: Literal["campaignctl/v1"] = Field(alias="apiVersion")
    kind: Literal["Rollout"]
    template: Annotated[str, Text(1, 1000)] = Field(
        description="The template (a *.j2 file), relative to this file."
    )


class FrontMatter(RolloutFields):
    """A template's own rollout: the YAML block between its leading --- lines."""
