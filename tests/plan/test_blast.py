"""Blast radius: a plan's actions attributed to rollouts and rows (pure)."""

from __future__ import annotations

from campaignctl.plan.blast import (
    RolloutImpact,
    RolloutOrigin,
    blast_radius,
    render_blast_text,
)
from campaignctl.plan.model import (
    Action,
    FlightBudget,
    Kind,
    Plan,
    ResourceAction,
    SpendFacts,
    SpendImpact,
)

ACCOUNT = "00000000-0000-4000-a000-000000000001"
LAUNCH = {"rollout": "Launch", "file": "launch.yaml"}


def _row(key: str, line: int) -> RolloutOrigin:
    return RolloutOrigin(**LAUNCH, row=key, values_file="markets.csv", line=line)


ORIGINS = {
    "launch": RolloutOrigin(**LAUNCH),
    "launch/se": _row("se", 2),
    "launch/se/spot": _row("se", 2),
    "launch/no": _row("no", 3),
    "launch/no/spot": _row("no", 3),
    "asset:spot-123.wav": RolloutOrigin(**LAUNCH),
    "other": RolloutOrigin(rollout="Other", file="other.yaml.j2", row="x"),
}


def _daily(micros: int) -> FlightBudget:
    return FlightBudget(type="DAILY", micro_amount=micros)


def _action(
    address: str,
    kind: Kind,
    action: Action,
    *,
    parent: str | None = None,
    spend: SpendFacts | None = None,
) -> ResourceAction:
    return ResourceAction(
        address=address,
        kind=kind,
        action=action,
        account_id=ACCOUNT,
        name=address.rsplit("/", 1)[-1],
        parent=parent,
        spend=spend,
    )


def test_actions_are_attributed_to_rows_and_removed_rows() -> None:
    plan = Plan(
        actions=(
            _action("asset:spot-123.wav", Kind.ASSET, Action.CREATE),
            _action("launch", Kind.CAMPAIGN, Action.NOOP),
            _action(
                "launch/se",
                Kind.AD_SET,
                Action.UPDATE,
                parent="launch",
                spend=SpendFacts(
                    currency="USD",
                    before=(_daily(90_000_000),),
                    after=(_daily(110_000_000),),
                ),
            ),
            _action("launch/se/spot", Kind.AD, Action.REPLACE, parent="launch/se"),
            _action("launch/no/spot", Kind.AD, Action.NOOP, parent="launch/no"),
            _action(
                "launch/dk",  # its row left the values file: switched off
                Kind.AD_SET,
                Action.DISABLE,
                parent="launch",
                spend=SpendFacts(currency="USD", before=(_daily(50_000_000),)),
            ),
            _action("unrelated", Kind.CAMPAIGN, Action.CREATE),
        )
    )
    assert blast_radius(plan, ORIGINS) == (
        RolloutImpact(
            rollout="Launch",
            file="launch.yaml",
            rows=2,
            rows_changed=("se",),
            rows_removed=1,
            actions={
                "create": {"asset": 1},
                "update": {"ad_set": 1},
                "replace": {"ad": 1},
                "disable": {"ad_set": 1},
            },
            spend={
                "USD": SpendImpact(
                    daily_before=140_000_000,
                    daily_after=110_000_000,
                    lifetime_before=0,
                    lifetime_after=0,
                )
            },
        ),
    )


def test_untouched_rollouts_are_left_out_and_rollouts_are_sorted() -> None:
    assert blast_radius(Plan(), ORIGINS) == ()
    plan = Plan(
        actions=(
            _action("other", Kind.CAMPAIGN, Action.UPDATE),
            _action("launch/no/spot", Kind.AD, Action.CREATE, parent="launch/no"),
        )
    )
    impacts = blast_radius(plan, ORIGINS)
    assert [(i.rollout, i.rows, i.rows_changed, i.objects) for i in impacts] == [
        ("Launch", 2, ("no",), 1),
        ("Other", 1, ("x",), 1),
    ]


def test_an_ad_switched_off_under_a_kept_row_belongs_to_that_row() -> None:
    plan = Plan(
        actions=(
            _action("launch/no/old-spot", Kind.AD, Action.DISABLE, parent="launch/no"),
        )
    )
    [impact] = blast_radius(plan, ORIGINS)
    assert (impact.rows_changed, impact.rows_removed) == (("no",), 0)


def test_render_blast_text() -> None:
    impacts = (
        RolloutImpact(
            rollout="Launch",
            file="launch.yaml",
            rows=52,
            rows_changed=tuple(f"r{i:02d}" for i in range(10)),
            rows_removed=2,
            actions={"create": {"ad_set": 10, "ad": 20}, "disable": {"ad_set": 2}},
            spend={
                "EUR": SpendImpact(
                    daily_before=100_000_000,
                    daily_after=350_000_000,
                    lifetime_before=5_000_000_000,
                    lifetime_after=4_000_000_000,
                )
            },
        ),
    )
    assert render_blast_text(impacts, color=False) == (
        "Blast radius of rollouts:\n"
        "\n"
        "  Launch (launch.yaml)\n"
        "      10 of 52 rows changed (r00, r01, r02, r03, r04, r05, r06, r07 and 2 "
        "more), 2 rows removed\n"
        "      32 objects: 30 to create (10 ad sets, 20 ads); 2 to disable "
        "(2 ad sets)\n"
        "      daily budgets (EUR): €100.00 → €350.00 (+€250.00)\n"
        "      lifetime budgets (EUR): €5,000.00 → €4,000.00 (-€1,000.00)\n"
    )
    assert render_blast_text((), color=True) == ""
    assert render_blast_text(impacts, color=True).startswith(
        "\x1b[1mBlast radius of rollouts:\x1b[0m\n"
    )
