"""What the API itself says about a plan: estimates and server-side validation.

Values held by ``Plan`` (and saved with it): reach and bid estimates per ad
set (``plan --estimate``), the problems the API's draft VALIDATE found
(``plan --validate-remote``) and the drafts a plan keeps for
``apply --via-drafts``. Estimates and validation are advisory and UI only:
apply never branches on them; staged drafts are what ``--via-drafts``
publishes.
"""

from __future__ import annotations

from pydantic import Field

from campaignctl.frozen import Frozen


class Forecast(Frozen):
    """One ``AudienceForecast``: ranges for a period (DAILY… or LIFETIME)."""

    period: str  # DAILY | WEEKLY | MONTHLY | LIFETIME
    reach_min: int
    reach_max: int
    impressions_min: int
    impressions_max: int
    cpm_min: int | None = None  # micros (absent for COST_PER_RESULT)
    cpm_max: int | None = None


class BidRange(Frozen):
    """The API's suggested bid range, in micros of ``currency``."""

    min: int
    max: int
    cost_model: str | None = None  # CPM; a CPC range for COST_PER_RESULT


class AdSetEstimate(Frozen):
    """The estimates for one created or changed ad set (its desired state)."""

    address: str
    account_id: str
    currency: str
    bid_strategy: str
    bid: int | None = None  # the ad set's bid, micros (None for AUTOBID)
    forecast: Forecast | None = None
    suggested: BidRange | None = None
    likely_to_deliver: bool | None = None
    below_minimum: bool = False  # "Min audience threshold was not met"
    unavailable: tuple[str, ...] = ()  # estimate calls that failed, and why
    cached: bool = False  # every answer came from the on-disk cache

    @property
    def bid_below_range(self) -> bool:
        return (
            self.bid is not None
            and self.suggested is not None
            and self.bid < self.suggested.min
        )


class RemoteProblem(Frozen):
    """One ``validation_errors`` entry, mapped back to the plan's address."""

    address: str | None  # None: an object the plan does not name
    entity_type: str  # CAMPAIGN | AD_SET | AD
    entity_id: str  # the draft id the API names
    message: str


class StagedDraft(Frozen):
    """A campaign hierarchy staged as drafts (``plan --validate-remote``).

    ``ids`` maps every staged object's address to its draft id (a draft made
    from a live object keeps the live id; published objects keep draft ids).
    ``deferred`` are ads not staged yet because they use files apply uploads
    first; ``apply --via-drafts`` adds them just before publishing.
    """

    account_id: str
    campaign: str  # the campaign's address
    draft_id: str  # the draft campaign's id
    version: int  # draft_hierarchy_version after staging (what was validated)
    ids: dict[str, str] = Field(default_factory=dict)
    deferred: tuple[str, ...] = ()


class RemoteValidation(Frozen):
    """What the API's VALIDATE said about the staged hierarchies."""

    validated: tuple[str, ...] = ()  # campaign addresses validated
    problems: tuple[RemoteProblem, ...] = ()
    not_validated: tuple[str, ...] = ()  # addresses left to apply (see deferred)
    kept: bool = False  # drafts kept for `apply --via-drafts`
