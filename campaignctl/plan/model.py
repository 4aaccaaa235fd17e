"""The plan: a closed vocabulary of actions on addressed objects.

A ``Plan`` is pure data. ``apply`` executes exactly the actions it holds, in
order, and never re-plans. Fields marked *UI only* explain a change to humans;
apply never branches on them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from campaignctl.frozen import Frozen
from campaignctl.plan.remote import AdSetEstimate, RemoteValidation, StagedDraft
from campaignctl.plan.state import JSONObject


class Kind(StrEnum):
    CAMPAIGN = "campaign"
    AD_SET = "ad_set"
    AD = "ad"
    ASSET = "asset"


class Action(StrEnum):
    """What happens to one object. Symbols are the text renderer's markers."""

    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"  # create new, then rename + switch off the old one
    DISABLE = "disable"  # ad set / ad delivery OFF, campaign status PAUSED
    ARCHIVE = "archive"  # irreversible, only on explicit request (drafts)
    NOOP = "no-op"

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]


_SYMBOLS = {
    Action.CREATE: "+",
    Action.UPDATE: "~",
    Action.REPLACE: "-/+",
    Action.DISABLE: "-",
    Action.ARCHIVE: "x",
    Action.NOOP: " ",
}

# Kinds in creation order (parents first); disables run children first.
KIND_ORDER = (Kind.ASSET, Kind.CAMPAIGN, Kind.AD_SET, Kind.AD)


class Origin(StrEnum):
    """Why a field differs: the manifests moved, or live state moved (drift)."""

    MANIFEST = "manifest"
    DRIFT = "drift"


class FieldChange(Frozen):
    """One field's before → after, in API units (micros, UTC times, ids).

    ``path`` is dotted from the object's root (``budget.micro_amount``,
    ``targets.genre_ids``). ``before`` is ``None`` for a create.

    ``origin`` and the attribution fields are UI only (read from the account's
    change history while planning): ``drift`` means the live value was last
    written by someone other than campaignctl's own API integration, so this
    plan overwrites their change. ``changed_from`` is the value before that
    live change, in the change history's shape for the field.
    """

    path: str
    before: Any = None
    after: Any = None
    forces_replace: bool = False  # UI only: this field is create-only
    origin: Origin = Origin.MANIFEST
    changed_by: str | None = None  # who made the live change (drift only)
    changed_at: str | None = None  # when, UTC (drift only)
    changed_from: Any = None  # the value before their change (drift only)

    @property
    def is_drift(self) -> bool:
        return self.origin is Origin.DRIFT


class AssetUpload(Frozen):
    """What apply needs to create and upload one asset."""

    path: str  # relative to the project root
    digest: str  # sha256 hex; apply refuses if the file changed since planning
    media_type: str
    size: int
    asset_type: str
    asset_subtype: str | None = None


class FlightBudget(Frozen):
    """One delivering budget of an ad set, with its flight (for spend figures).

    ``exposure`` is the most it can spend from planning time to the end of its
    flight, in micros: a daily budget times the remaining flight days (partial
    days count whole), a lifetime budget as is; ``None`` for a daily budget
    with no end date (open-ended).
    """

    type: str  # DAILY | LIFETIME
    micro_amount: int
    start_time: str | None = None
    end_time: str | None = None
    exposure: int | None = None


class SpendFacts(Frozen):
    """The delivering budgets one action takes away (before) and adds (after).

    An ad set action has at most one on each side; a campaign replace lists
    the budgets of the old campaign's ad sets it switches off under ``before``.
    """

    currency: str
    before: tuple[FlightBudget, ...] = ()
    after: tuple[FlightBudget, ...] = ()


class ResourceAction(Frozen):
    """One planned action on one object.

    ``body`` is what apply sends:

    * create / replace: the full create body. Parent links and asset references
      are *addresses* in ``refs`` and filled with remote ids at apply time;
    * update: the top-level fields to PATCH with their desired values (an ad
      set's ``delivery`` is split into its own sole-field PATCH by apply);
    * disable / archive / no-op: ``None``.
    """

    address: str
    kind: Kind
    action: Action
    account_id: str
    name: str
    remote_id: str | None = None  # None for create; the old object for replace
    parent: str | None = None  # parent address (campaign for ad sets, ...)
    body: JSONObject | None = None
    # body field path → address whose remote id fills it at apply time
    refs: dict[str, str] = Field(default_factory=dict)
    changes: tuple[FieldChange, ...] = ()
    reason: str | None = None  # UI only: why replace / disable / create
    updated_at: str | None = None  # live object's updated_at when planned
    asset: AssetUpload | None = None  # asset creates only
    spend: SpendFacts | None = None  # UI only: budgets this action changes

    @property
    def has_drift(self) -> bool:
        return any(c.is_drift for c in self.changes)

    def only(self, origin: Origin) -> ResourceAction:
        """This action with only the field changes of one origin (for renderers)."""
        kept = tuple(c for c in self.changes if c.origin is origin)
        return self.model_copy(update={"changes": kept})

    @property
    def depends_on(self) -> tuple[str, ...]:
        """Addresses that must exist before this action runs."""
        return tuple(sorted(set(self.refs.values())))


class SpendImpact(Frozen):
    """Budgets of the managed ad sets that deliver, before and after apply.

    Micros in one currency. "Managed" means ad sets the manifests name plus
    those the plan switches off; unmanaged children are left out on both sides.
    """

    daily_before: int = 0
    daily_after: int = 0
    lifetime_before: int = 0
    lifetime_after: int = 0

    @property
    def daily_delta(self) -> int:
        return self.daily_after - self.daily_before

    @property
    def lifetime_delta(self) -> int:
        return self.lifetime_after - self.lifetime_before


class Selection(Frozen):
    """What ``--only`` / ``--except`` kept out of a plan, and pulled back in."""

    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # --except (a Python keyword)
    left_out: tuple[str, ...] = ()  # addresses of changes not selected
    pulled_in: tuple[str, ...] = ()  # not selected, but a selected change needs it


class Violation(Frozen):
    """One policy rule the plan breaks; any violation blocks apply."""

    rule: str  # the policy key, e.g. "max_daily_budget"
    address: str | None  # the object, or None for plan-wide rules
    message: str
    location: str | None = None  # file:line:col of the manifest, when known


class RolloutImpact(Frozen):
    """What one plan does to one rollout."""

    rollout: str
    file: str
    rows: int  # rows the rollout renders now
    rows_changed: tuple[str, ...] = ()  # keys of rows with a change, sorted
    rows_removed: int = 0  # objects of rows no longer rendered, switched off
    # action → kind → objects
    actions: dict[str, dict[str, int]] = Field(default_factory=dict)
    spend: dict[str, SpendImpact] = Field(default_factory=dict)  # per currency

    @property
    def objects(self) -> int:
        return sum(n for kinds in self.actions.values() for n in kinds.values())


class Plan(Frozen):
    format_version: int = 1
    # ad account id → currency code (for rendering money)
    accounts: dict[str, str] = Field(default_factory=dict)
    # currency code → spend impact (the planner knows live budgets; renderers do not)
    spend: dict[str, SpendImpact] = Field(default_factory=dict)
    actions: tuple[ResourceAction, ...] = ()  # execution order
    unmanaged: tuple[str, ...] = ()  # live children left alone (no prune)
    warnings: tuple[str, ...] = ()
    # saved plans: what staleness checking and `apply FILE` need
    manifest_digest: str | None = None  # Workspace.digest when planned
    project_dir: str | None = None  # project root, relative to the working dir
    paths: tuple[str, ...] = ()  # PATH arguments, relative to the project root
    selection: Selection | None = None
    violations: tuple[Violation, ...] = ()
    # what the plan does to each templated rollout (saved: `show` has no manifests)
    rollouts: tuple[RolloutImpact, ...] = ()
    # what the API says (plan --estimate, --validate-remote; see plan/remote.py)
    estimates: tuple[AdSetEstimate, ...] = ()
    validation: RemoteValidation | None = None
    drafts: tuple[StagedDraft, ...] = ()  # kept for `apply --via-drafts`

    @property
    def has_changes(self) -> bool:
        return any(a.action is not Action.NOOP for a in self.actions)

    def counts(self) -> dict[str, int]:
        """Number of actions per action name, no-ops excluded."""
        counts = {a.value: 0 for a in Action if a is not Action.NOOP}
        for action in self.actions:
            if action.action is not Action.NOOP:
                counts[action.action.value] += 1
        return counts
