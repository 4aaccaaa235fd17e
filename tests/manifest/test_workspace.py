"""load_workspace end to end: discovery, project file, identity, digest, fuzzing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignctl.errors import Diagnostic, Location, ManifestError, Severity
from campaignctl.manifest import inspect_workspace, load_workspace, validate_workspace
from campaignctl.manifest.money import Money
from campaignctl.manifest.yaml import dump_yaml
from tests.manifest.trees import (
    ACCOUNT,
    BASE,
    NOW,
    PROJECT,
    media_files,
    project,
    write_tree,
)


def _messages(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    return [str(d).split("\n")[0] for d in diagnostics]


def test_project_file_is_found_walking_up(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "campaignctl.yaml": PROJECT,
            "campaigns/music/summer.yaml": BASE.replace("assets/", "../../assets/"),
            **media_files(),
        },
    )
    workspace = load_workspace([tmp_path / "campaigns" / "music"], now=NOW)
    assert workspace.root == tmp_path.resolve()
    assert workspace.config.accounts["sandbox"].currency == "USD"
    assert [d.name for d in workspace.documents] == ["Summer Launch 2030"]
    assert workspace.warnings == ()


def test_without_project_file_root_is_the_common_parent(tmp_path: Path) -> None:
    manifest = BASE.replace("account: sandbox", f"account: {ACCOUNT.upper()}")
    write_tree(
        tmp_path,
        {
            "a/campaign.yaml": manifest,
            **{f"a/{k}": v for k, v in media_files().items()},
        },
    )
    workspace = load_workspace([tmp_path / "a" / "campaign.yaml"], now=NOW)
    assert workspace.root == (tmp_path / "a").resolve()
    assert workspace.desired.campaigns[0].account_id == ACCOUNT
    assert workspace.desired.campaigns[0].ad_sets[0].currency == "USD"


def test_files_are_discovered_recursively_and_skipped_sensibly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = BASE.replace("Summer Launch 2030", "Winter Launch 2030")
    project(
        tmp_path,
        BASE + "---\n" + second.replace("Winter", "Spring"),
        **{
            "more/winter.yml": second.replace("assets/", "../assets/"),
            ".hidden/broken.yaml": "nonsense: [",
            ".campaignctl/state.yaml": "nonsense: [",
            "templates/markets.yaml.j2": "{{ nope }}",
            "notes.txt": "not a manifest",
        },
    )
    monkeypatch.chdir(tmp_path)
    inspection = inspect_workspace([Path()], now=NOW)
    assert inspection.workspace is not None
    assert [c.name for c in inspection.workspace.desired.campaigns] == [
        "Summer Launch 2030",
        "Spring Launch 2030",
        "Winter Launch 2030",
    ]
    assert inspection.diagnostics == (
        Diagnostic(
            "template skipped: it has no front matter naming its values, and no "
            "Rollout given uses it",
            Location("templates/markets.yaml.j2"),
            hint="render it through a kind: Rollout manifest, give it front matter "
            "(---, values: ..., key: ..., ---), or name it _partial.j2 if it is "
            "only included",
            severity=Severity.WARNING,
        ),
    )


def test_empty_directory_warns(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    workspace = load_workspace([tmp_path / "empty"], now=NOW)
    assert workspace.desired.campaigns == ()
    assert [d.message for d in workspace.warnings] == [
        f"no manifests found in {tmp_path / 'empty'}"
    ]


def test_every_error_of_every_file_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(
        tmp_path,
        BASE.replace("objective: REACH", "objective: REECH"),
        **{
            "b.yaml": "apiVersion: campaignctl/v1\nkind: Campaign\nname: [\n",
            "c.yaml": "kind: Campaign\napiVersion: campaignctl/v2\n",
            "d.yaml": b"\xff\xfe not utf-8",
        },
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ManifestError) as caught:
        load_workspace([Path()], now=NOW)
    assert _messages(caught.value.diagnostics) == [
        "b.yaml:4:1: invalid YAML: did not find expected node content (while parsing "
        "a flow node)",
        "c.yaml:2:13: unsupported apiVersion 'campaignctl/v2'",
        "campaign.yaml:5:12: objective: 'REECH' is not a valid objective",
        "d.yaml: not UTF-8 text: invalid start byte",
    ]
    assert caught.value.render().endswith("4 error(s) found")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "accounts: {sandbox: {id: nope}}",
            "campaignctl.yaml:1:26: id: 'nope' is not a UUID",
        ),
        (
            f"accounts: {{sandbox: {{id: {ACCOUNT}, currency: usd}}}}\npolicy: "
            f"{{max_daily_budget: 5 USDX}}",
            "campaignctl.yaml:2:28: max_daily_budget: '5 USDX' is not an amount of "
            "money",
        ),
        (
            f"accounts: {{sandbox: {{id: {ACCOUNT}, currency: XXX}}}}",
            "campaignctl.yaml:1:74: currency: unknown currency code 'XXX'",
        ),
        (
            "policy: {naming: '[A-Z'}",
            "campaignctl.yaml:1:18: naming: '[A-Z' is not a valid regular expression: "
            "unterminated character set at position 0",
        ),
        ("polcy: {}", "campaignctl.yaml:1:1: unknown field 'polcy'"),
        (
            "defaults: {ad_set: {budjet: 5}}",
            "campaignctl.yaml:1:21: unknown field 'budjet'",
        ),
        (
            "accounts: [sandbox]",
            "campaignctl.yaml:1:11: accounts: expected a mapping, got a list",
        ),
        (
            "a: 1\n---\nb: 2",
            "campaignctl.yaml:3:1: campaignctl.yaml must hold one document",
        ),
    ],
)
def test_project_file_errors_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    project(tmp_path, **{"campaignctl.yaml": text})
    monkeypatch.chdir(tmp_path)
    assert expected in _messages(validate_workspace([Path()], now=NOW))


def test_policy_is_parsed(tmp_path: Path) -> None:
    text = PROJECT + (
        "policy:\n  max_daily_budget: 500 USD\n  max_daily_budget_increase: 1,000 USD\n"
        "  require_frequency_caps: true\n  protect: ['brand-*']\n  naming: '^[A-Z]'\n"
    )
    project(tmp_path, **{"campaignctl.yaml": text})
    policy = load_workspace([tmp_path], now=NOW).config.policy
    assert policy.max_daily_budget == Money(Decimal("500"), "USD")
    assert policy.max_daily_budget_increase == Money(Decimal("1000"), "USD")
    assert (policy.require_frequency_caps, policy.protect, policy.naming) == (
        True,
        ("brand-*",),
        "^[A-Z]",
    )


def test_names_and_addresses_are_unique(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = "00000000-0000-4000-a000-000000000002"
    same_name_other_account = BASE.replace("account: sandbox", f"account: {other}")
    pinned = "id: 3fa85f64-5717-4562-b3fc-2c963f66afa6\n"
    project(
        tmp_path,
        pinned + BASE,
        **{
            "b.yaml": BASE,
            "c.yaml": same_name_other_account,
            "d.yaml": pinned + BASE.replace("Summer Launch 2030", "Autumn"),
        },
    )
    monkeypatch.chdir(tmp_path)
    errors = inspect_workspace([Path()], now=NOW).errors
    assert [(str(e.location), e.message, e.hint) for e in errors] == [
        (
            "c.yaml:4:7",
            "campaign 'Summer Launch 2030' has the same address 'summer-launch-2030' "
            "as "
            "'Summer Launch 2030'",
            "first used at b.yaml:4:7; names identify objects, so siblings need "
            "distinct names",
        ),
        (
            "campaign.yaml:5:7",
            "campaign name 'Summer Launch 2030' is used twice",
            "first used at b.yaml:4:7; names identify objects, so siblings need "
            "distinct names",
        ),
        (
            "d.yaml:1:5",
            "id 3fa85f64-5717-4562-b3fc-2c963f66afa6 is pinned twice",
            "first used at campaign.yaml:1:5; names identify objects, so siblings need "
            "distinct names",
        ),
    ]


def test_warnings_do_not_fail(tmp_path: Path) -> None:
    late = datetime(2030, 7, 1, tzinfo=UTC)
    manifest = BASE.replace(
        "end: 2030-06-30T00:00:00Z", "end: 2030-07-30T00:00:00Z"
    ).replace("category: ADV_21_182", "category: ADV_15_139")
    project(tmp_path, manifest.replace("ages: [18-24, 25-34]", "ages: [16-24]"))
    workspace = load_workspace([tmp_path], now=late)
    assert [(str(d.location), d.rule, d.message) for d in workspace.warnings] == [
        (
            f"{tmp_path}/campaign.yaml:10:23",
            "adset.start-past",
            "schedule.start 2030-06-01T00:00:00Z is in the past",
        ),
        (
            f"{tmp_path}/campaign.yaml:15:13",
            "adset.category",
            "category ADV_15_139 (alcohol) requires targeting ages 18 and over",
        ),
    ]


def test_zero_decimal_account_currency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yen = PROJECT.replace("currency: USD", "currency: JPY")
    manifest = BASE.replace("{daily: 150 USD}", "{daily: 1500.5}").replace(
        "12 USD", "160"
    )
    project(tmp_path, manifest, **{"campaignctl.yaml": yen})
    monkeypatch.chdir(tmp_path)
    assert _messages(validate_workspace([Path()], now=NOW)) == [
        "campaign.yaml:11:21: JPY has no decimal places, but 1500.5 has 1 "
        "[adset.currency]"
    ]


def test_digest_tracks_content_not_formatting(tmp_path: Path) -> None:
    project(tmp_path)
    first = load_workspace([tmp_path], now=NOW).digest
    (tmp_path / "campaign.yaml").write_text(
        "# a comment\n" + BASE.replace(": ", ":   ")
    )
    assert load_workspace([tmp_path], now=NOW).digest == first
    (tmp_path / "assets" / "logo.png").write_bytes(media_files()["assets/canvas.png"])
    changed = load_workspace([tmp_path], now=NOW).digest
    assert changed != first
    assert len(changed) == 64


def test_delivery_on_and_country_no_are_strings(tmp_path: Path) -> None:
    manifest = BASE.replace(
        "format: AUDIO", "format: AUDIO\n    delivery: OFF"
    ).replace("{country: US}", "{country: NO}")
    project(tmp_path, manifest)
    body = load_workspace([tmp_path], now=NOW).desired.campaigns[0].ad_sets[0].body
    assert (body["delivery"], body["targets"]["geo_targets"]) == (
        "OFF",
        {"country_code": "NO"},
    )


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 10**6),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.sampled_from(
        ["ON", "USD 5", "150 USD", "2030-06-01", "REACH", "music", "x", ""]
    ),
    st.text(max_size=12),
)
_keys = st.sampled_from(
    [
        "apiVersion",
        "kind",
        "name",
        "account",
        "objective",
        "ad_sets",
        "ads",
        "targets",
        "budget",
        "daily",
        "bid",
        "schedule",
        "start",
        "placements",
        "ages",
        "geo",
        "logo",
        "format",
        "frequency_caps",
        "day",
        "call_to_action",
        "url",
        "tagline",
        "defaults",
        "zz",
    ]
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=5)
    ),
    max_leaves=25,
)
_documents = st.dictionaries(_keys, _values, max_size=8).map(
    lambda d: {"apiVersion": "campaignctl/v1", "kind": "Campaign", **d}
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(documents=st.lists(_documents, min_size=1, max_size=2))
def test_random_manifests_give_diagnostics_never_crashes(
    tmp_path: Path, documents: list[dict[str, object]]
) -> None:
    (tmp_path / "fuzz.yaml").write_text(dump_yaml(documents))
    try:
        load_workspace([tmp_path / "fuzz.yaml"], now=NOW)
    except ManifestError as error:
        assert all(d.location is not None for d in error.diagnostics)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=300))
def test_random_text_gives_diagnostics_never_crashes(tmp_path: Path, text: str) -> None:
    (tmp_path / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_workspace([tmp_path / "fuzz.yaml"], now=NOW)
    except ManifestError as error:
        assert error.diagnostics


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    line=st.integers(min_value=1, max_value=len(BASE.splitlines())),
    value=_values,
)
def test_one_random_value_in_a_valid_manifest_never_crashes(
    tmp_path: Path, line: int, value: object
) -> None:
    lines = BASE.splitlines()
    key, sep, _ = lines[line - 1].partition(":")
    flow = dump_yaml([{"v": value}]).removeprefix("---\n").removeprefix("v:")
    lines[line - 1] = f"{key}{sep or ':'}" + " ".join(flow.split("\n"))
    project(tmp_path, "\n".join(lines) + "\n")
    try:
        load_workspace([tmp_path], now=NOW)
    except ManifestError as error:
        assert all(d.location is not None for d in error.diagnostics)
