"""How plan actions become phased operations (pure)."""

from __future__ import annotations

from campaignctl.apply.operations import Phase, Step, plan_operations
from campaignctl.plan.model import Action, AssetUpload, Kind, Plan, ResourceAction

ACCOUNT = "00000000-0000-4000-a000-000000000001"


def action(address: str, kind: Kind, verb: Action, **extra: object) -> ResourceAction:
    return ResourceAction(
        address=address,
        kind=kind,
        action=verb,
        account_id=ACCOUNT,
        name=address.rsplit("/", 1)[-1],
        **extra,  # type: ignore[arg-type]
    )


UPLOAD = AssetUpload(
    path="a.wav", digest="0" * 64, media_type="audio/wav", size=1, asset_type="AUDIO"
)
PLAN = Plan(
    actions=(
        action("asset:a-000000000000.wav", Kind.ASSET, Action.CREATE, asset=UPLOAD),
        action("c", Kind.CAMPAIGN, Action.CREATE, body={"name": "c"}),
        action(
            "c/new",
            Kind.AD_SET,
            Action.CREATE,
            body={"name": "new", "delivery": "ON"},
            refs={"campaign_id": "c"},
        ),
        action(
            "c/new/ad",
            Kind.AD,
            Action.CREATE,
            body={"name": "ad"},
            refs={"ad_set_id": "c/new", "assets.asset_id": "asset:a-000000000000.wav"},
        ),
        action("c/dark", Kind.AD_SET, Action.CREATE, body={"delivery": "OFF"}),
        action(
            "c/edit",
            Kind.AD_SET,
            Action.UPDATE,
            remote_id="s1",
            body={"name": "edit", "delivery": "OFF"},
        ),
        action(
            "c/toggle",
            Kind.AD_SET,
            Action.UPDATE,
            remote_id="s2",
            body={"delivery": "ON"},
        ),
        action(
            "c/swap", Kind.AD_SET, Action.REPLACE, remote_id="s3", body={"name": "swap"}
        ),
        action(
            "c/swap/ad", Kind.AD, Action.CREATE, body={}, refs={"ad_set_id": "c/swap"}
        ),
        action("c/gone/ad", Kind.AD, Action.DISABLE, remote_id="a9"),
        action("c/same", Kind.AD_SET, Action.NOOP, remote_id="s4"),
    )
)


def test_operations_are_phased_and_linked() -> None:
    got = [(op.key, op.phase, op.requires) for op in plan_operations(PLAN)]
    assert got == [
        ("asset:a-000000000000.wav#upload", Phase.ASSETS, ()),
        ("c#create", Phase.CAMPAIGNS, ()),
        ("c/dark#create", Phase.AD_SETS, ()),
        ("c/edit#update", Phase.AD_SETS, ()),
        ("c/new#create", Phase.AD_SETS, ("c#create",)),
        ("c/swap#create", Phase.AD_SETS, ("c/swap#rename old",)),
        ("c/swap#rename old", Phase.AD_SETS, ()),
        (
            "c/new/ad#create",
            Phase.ADS,
            ("asset:a-000000000000.wav#upload", "c/new#create"),
        ),
        ("c/swap/ad#create", Phase.ADS, ("c/swap#create",)),
        ("c/edit#switch delivery", Phase.DELIVERY, ()),
        ("c/new#switch delivery", Phase.DELIVERY, ("c#create", "c/new#create")),
        ("c/swap#switch delivery", Phase.DELIVERY, ("c/swap#create",)),
        ("c/toggle#switch delivery", Phase.DELIVERY, ()),
        ("c/gone/ad#switch off", Phase.RETIRE_ADS, ()),
        ("c/swap#switch off", Phase.RETIRE_AD_SETS, ("c/swap#create",)),
    ]


def test_labels_name_the_step_the_kind_and_the_object() -> None:
    labels = {op.key: op.label for op in plan_operations(PLAN)}
    assert (
        labels["asset:a-000000000000.wav#upload"] == "upload asset a-000000000000.wav"
    )
    assert labels["c/swap#rename old"] == "rename old ad set c/swap"
    assert labels["c/gone/ad#switch off"] == "switch off ad c/gone/ad"
    everything = set(Step) - {Step.ARCHIVE, Step.PUBLISH}  # publish: --via-drafts
    assert {op.step for op in plan_operations(PLAN)} == everything
