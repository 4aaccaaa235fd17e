"""Publish one staged draft hierarchy (the I/O of ``apply --via-drafts``).

The ads deferred at planning (they use files this apply has just uploaded)
are added as drafts first; then the hierarchy is published with
``draft_hierarchy_version`` = the validated version plus those additions.
If anyone else edited the drafts since validation the API refuses the
publish (stale), nothing goes live, and the operation fails saying so.
Published objects keep their draft ids, which become the apply's ids.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from campaignctl.errors import ApplyError, CampaignctlError
from campaignctl.plan.drafts import draft_fields, with_ids
from campaignctl.plan.model import ResourceAction
from campaignctl.plan.remote import StagedDraft
from campaignctl.provider.base import AdsApi


def publish_hierarchy(
    api: AdsApi,
    draft: StagedDraft,
    actions: Mapping[str, ResourceAction],
    *,
    id_of: Callable[[str], str | None],
) -> dict[str, str]:
    """Publish; return address → id of every published object."""
    account = draft.account_id
    ids = dict(draft.ids)
    for address in draft.deferred:
        ad = actions[address]
        body = with_ids(draft_fields(ad), ad.refs, _resolver(id_of, address))
        body["ad_set_id"] = ids[str(ad.parent)]
        ids[address] = str(api.create_draft(account, "ads", body)["id"])
    version = draft.version + len(draft.deferred)
    try:
        api.publish_draft(account, draft.draft_id, action="PUBLISH", version=version)
    except CampaignctlError as error:
        if not getattr(error, "ambiguous", False) or _still_staged(api, draft):
            raise _refused(draft, error) from error
    api.delete_draft(account, "campaigns", draft.draft_id)  # if the API kept it
    return ids


def _resolver(id_of: Callable[[str], str | None], ad: str) -> Callable[[str], str]:
    def resolve(address: str) -> str:
        found = id_of(address)
        if found is None:
            raise ApplyError(f"{address} has no id yet (needed by {ad})")
        return found

    return resolve


def _still_staged(api: AdsApi, draft: StagedDraft) -> bool:
    """After an ambiguous publish: the drafts are still there, so it did not."""
    return api.get_draft(draft.account_id, "campaigns", draft.draft_id) is not None


def _refused(draft: StagedDraft, error: CampaignctlError) -> ApplyError:
    detail = getattr(error, "detail", None)
    problems = (detail.extra.get("validation_errors") if detail else None) or []
    text = error.render()
    if problems:
        text = "; ".join(str(p.get("message")) for p in problems if isinstance(p, dict))
    return ApplyError(
        f"publishing the drafts of {draft.campaign} was refused, nothing of it "
        f"went live: {text}",
        hint="plan again with --validate-remote (someone may have edited the drafts)",
    )
