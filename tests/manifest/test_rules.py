"""Every documented rule: the valid base manifest mutated one line at a time.

Each case lists the exact errors (``line:col: message``) the mutation causes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from campaignctl.manifest import inspect_workspace
from tests.manifest.trees import BASE, NOW, project, replace_line

S = "    schedule: {start: 2030-06-01T00:00:00Z, end: 2030-06-30T00:00:00Z}"
CASES: list[tuple[str, list[tuple[int, str]], list[str]]] = [
    # -- campaign -----------------------------------------------------------
    (
        "name-edge-space",
        [(4, 'name: " Summer"')],
        ["4:7: name: must not start or end with whitespace"],
    ),
    (
        "name-too-long",
        [(4, "name: " + "x" * 201)],
        ["4:7: name: must be 2 to 200 characters (got 201)"],
    ),
    ("name-one-line", [(4, 'name: "Sum\\nmer"')], ["4:7: name: must be a single line"]),
    (
        "objective-unknown",
        [(5, "objective: REACHH")],
        ["5:12: objective: 'REACHH' is not a valid objective"],
    ),
    (
        "purchase-order-short",
        [(5, "objective: REACH\npurchase_order: P")],
        ["6:17: purchase_order: must be 2 to 45 characters (got 1)"],
    ),
    (
        "status-archived",
        [(5, "objective: REACH\nstatus: ARCHIVED")],
        ["6:9: status: 'ARCHIVED' is not a valid campaign status"],
    ),
    (
        "goal-group-unset",
        [(5, "objective: REACH\ndelivery_goal_group: UNSET")],
        ["6:22: delivery_goal_group: 'UNSET' is not a valid delivery goal group"],
    ),
    ("account-unknown", [(3, "account: sandbx")], ["3:10: unknown account 'sandbx'"]),
    (
        "id-not-uuid",
        [(4, "name: Summer Launch 2030\nid: abc")],
        ["5:5: id: 'abc' is not a UUID"],
    ),
    (
        "prune-yes",
        [(5, "objective: REACH\nprune: yes")],
        ["6:8: prune: expected true or false, got text"],
    ),
    # -- ad set: shape and money -----------------------------------------------
    (
        "unknown-field",
        [(11, "    budjet: {daily: 150 USD}")],
        ["7:5: missing required field 'budget'", "11:5: unknown field 'budjet'"],
    ),
    (
        "ad-set-name-short",
        [(7, "  - name: U")],
        ["7:11: name: must be 2 to 200 characters (got 1)"],
    ),
    (
        "both-budgets",
        [(11, "    budget: {daily: 1 USD, lifetime: 2 USD}")],
        ["11:13: budget: set exactly one of daily or lifetime"],
    ),
    (
        "budget-zero",
        [(11, "    budget: {daily: 0 USD}")],
        ["11:21: budget must be more than 0 (got 0.00 USD)"],
    ),
    (
        "budget-negative",
        [(11, "    budget: {daily: -5}")],
        ["11:21: budget must be more than 0 (got -5.00 USD)"],
    ),
    (
        "budget-seven-decimals",
        [(11, "    budget: {daily: 1.1234567 USD}")],
        ["11:21: daily: 1.1234567 has more than 6 decimal places"],
    ),
    (
        "budget-unknown-currency",
        [(11, "    budget: {daily: 150 XYZ}")],
        ["11:21: daily: unknown currency code 'XYZ'"],
    ),
    (
        "budget-jpy-decimals",
        [(11, "    budget: {daily: 150.5 JPY}")],
        ["11:21: daily: JPY has no decimal places, but 150.5 has 1"],
    ),
    (
        "budget-not-money",
        [(11, "    budget: {daily: lots}")],
        ["11:21: daily: 'lots' is not an amount of money"],
    ),
    (
        "budget-other-currency",
        [(11, "    budget: {daily: 150 EUR}")],
        [
            "11:21: budget is in EUR, but the account bills in USD",
            "12:20: bid is in USD, but budget is in EUR",
        ],
    ),
    (
        "lifetime-needs-end",
        [
            (10, "    schedule: {start: 2030-06-01T00:00:00Z}"),
            (11, "    budget: {lifetime: 5000 USD}"),
        ],
        ["11:24: a lifetime budget needs schedule.end"],
    ),
    (
        "bid-zero",
        [(12, "    bid: {max_cpm: 0 USD}")],
        ["12:20: bid must be more than 0 (got 0.00 USD)"],
    ),
    (
        "bid-two-kinds",
        [(12, "    bid: {max_cpm: 1 USD, auto: true}")],
        ["12:10: bid: set exactly one of max_cpm, cost_per_result or auto"],
    ),
    ("bid-word", [(12, "    bid: cheap")], ["12:10: bid: 'cheap' is not a bid"]),
    (
        "cost-per-result-not-clicks",
        [(12, "    bid: {cost_per_result: 1.50 USD}")],
        [
            "11:13: cost_per_result bidding needs a lifetime budget",
            "12:10: cost_per_result bidding is only for CLICKS campaigns (this one is "
            "REACH)",
        ],
    ),
    (
        "cost-per-result-asap",
        [
            (5, "objective: CLICKS"),
            (11, "    budget: {lifetime: 900 USD}"),
            (12, "    bid: {cost_per_result: 1.50 USD}\n    pacing: asap"),
        ],
        ["13:13: cost_per_result bidding needs even pacing"],
    ),
    # -- ad set: schedule ---------------------------------------------------------
    (
        "end-before-start",
        [(10, S.replace("2030-06-30", "2030-05-01"))],
        ["10:50: schedule.end must be after schedule.start"],
    ),
    (
        "flight-366-days",
        [(10, S.replace("2030-06-30", "2031-06-02"))],
        ["10:50: the flight lasts 366 days; the API allows at most 365"],
    ),
    (
        "start-not-utc",
        [(10, S.replace("00:00:00Z,", "02:00:00+02:00,"))],
        ["10:23: start: '2030-06-01T02:00:00+02:00' is not in UTC"],
    ),
    (
        "start-no-zone",
        [(10, S.replace("00:00:00Z,", "00:00:00,"))],
        ["10:23: start: '2030-06-01T00:00:00' has no time zone"],
    ),
    (
        "start-not-a-time",
        [(10, S.replace("2030-06-01T00:00:00Z", "June 1st"))],
        ["10:23: start: 'June 1st' is not an ISO-8601 time"],
    ),
    (
        "start-bad-date",
        [(10, S.replace("2030-06-01T00:00:00Z", "2030-02-30"))],
        [
            "10:23: start: '2030-02-30' is not a valid date and time: day is out of "
            "range for month"
        ],
    ),
    # -- ad set: objective compatibility, format, caps ----------------------------
    (
        "format-vs-objective",
        [(9, "    format: IMAGE")],
        [
            "9:13: REACH campaigns cannot have IMAGE ad sets",
            "23:9: audio is not allowed in IMAGE ad sets",
        ],
    ),
    (
        "format-unknown",
        [(9, "    format: CATALOG")],
        ["9:13: format: 'CATALOG' is not a valid format"],
    ),
    (
        "podcast-streams-video",
        [(5, "objective: PODCAST_STREAMS"), (9, "    format: VIDEO")],
        [
            "9:13: PODCAST_STREAMS campaigns cannot have VIDEO ad sets",
            "23:9: audio is not allowed in VIDEO ad sets",
        ],
    ),
    (
        "video-formats-on-audio",
        [(9, "    format: AUDIO\n    video_formats: [in_stream]")],
        ["10:20: video_formats is only for VIDEO ad sets"],
    ),
    (
        "video-views-audio",
        [(5, "objective: VIDEO_VIEWS")],
        ["9:13: VIDEO_VIEWS campaigns cannot have AUDIO ad sets"],
    ),
    (
        "video-views-podcast",
        [(5, "objective: VIDEO_VIEWS"), (18, "      placements: [music, podcast]")],
        [
            "9:13: VIDEO_VIEWS campaigns cannot have AUDIO ad sets",
            "18:19: VIDEO_VIEWS ad sets run in music only",
        ],
    ),
    (
        "video-views-desktop",
        [(5, "objective: VIDEO_VIEWS"), (17, "      platforms: [ios, desktop]")],
        [
            "9:13: VIDEO_VIEWS campaigns cannot have AUDIO ad sets",
            "17:18: VIDEO_VIEWS ad sets cannot run on desktop",
        ],
    ),
    (
        "video-views-all-platforms",
        [(5, "objective: VIDEO_VIEWS"), (17, "      language: en")],
        [
            "9:13: VIDEO_VIEWS campaigns cannot have AUDIO ad sets",
            "15:7: VIDEO_VIEWS ad sets cannot run on desktop; omitted platforms mean "
            "all three",
        ],
    ),
    (
        "app-installs",
        [(5, "objective: APP_INSTALLS")],
        [
            "7:11: APP_INSTALLS ad sets need mobile_app_id",
            "17:18: APP_INSTALLS ad sets target exactly one of ios or android",
        ],
    ),
    (
        "app-installs-ok",
        [
            (5, "objective: APP_INSTALLS"),
            (
                9,
                "    format: AUDIO\n    mobile_app_id: "
                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            ),
            (17, "      platforms: [ios]"),
        ],
        [],
    ),
    (
        "category-bad",
        [(8, "    category: 21_182")],
        ["8:15: category: '21_182' is not an ad category ID"],
    ),
    (
        "caps-day-6",
        [(13, "    frequency_caps: {day: 6, week: 10}")],
        ["13:27: day: must be at most 5 (got 6)"],
    ),
    (
        "caps-unknown-unit",
        [(13, "    frequency_caps: {days: 3}")],
        ["13:22: unknown field 'days'"],
    ),
    (
        "caps-list-week-40",
        [(13, "    frequency_caps: [{unit: week, impressions: 40}]")],
        ["13:48: frequency_caps[0]: at most 35 impressions per week (got 40)"],
    ),
    (
        "caps-list-repeat",
        [
            (
                13,
                "    frequency_caps: [{unit: day, impressions: 2}, {unit: day, "
                "impressions: 3}]",
            )
        ],
        ["13:51: frequency_caps[1]: a cap for 1 day(s) is already set"],
    ),
    (
        "caps-seven",
        [
            (
                13,
                "    frequency_caps: ["
                + ", ".join(
                    f"{{unit: day, period: {p}, impressions: 1}}" for p in range(1, 8)
                )
                + "]",
            )
        ],
        ["13:21: frequency_caps: allows at most 6 items (got 7)"],
    ),
    (
        "caps-period-zero",
        [(13, "    frequency_caps: [{unit: day, period: 0, impressions: 1}]")],
        ["13:42: period: must be at least 1 (got 0)"],
    ),
    (
        "caps-scalar",
        [(13, "    frequency_caps: 3")],
        ["13:21: frequency_caps: expected a mapping like {day: 3, week: 10} or a list"],
    ),
    # -- targets ------------------------------------------------------------------
    (
        "ages-too-young",
        [(15, "      ages: [10-24]")],
        ["15:14: ages[0]: must be at least 13 (got 10)"],
    ),
    (
        "ages-reversed",
        [(15, "      ages: [34-25]")],
        ["15:14: ages[0]: min (34) is greater than max (25)"],
    ),
    (
        "ages-word",
        [(15, "      ages: [adults]")],
        ["15:14: ages[0]: 'adults' is not an age range"],
    ),
    (
        "country-alpha3",
        [(16, "      geo: {country: USA}")],
        ["16:22: country: 'USA' is not an ISO 3166-1 alpha-2 country code"],
    ),
    (
        "country-missing",
        [(16, "      geo: {regions: ['5101760']}")],
        ["16:12: missing required field 'country'"],
    ),
    (
        "geo-as-list",
        [(16, "      geo: [{country: US}]")],
        ["16:12: geo: expected a mapping, got a list"],
    ),
    (
        "language-three",
        [(16, "      geo: {country: US}\n      language: eng")],
        ["17:17: language: 'eng' is not a two-letter language code"],
    ),
    (
        "platform-web",
        [(17, "      platforms: [ios, web]")],
        ["17:24: platforms[1]: 'web' is not a valid platform"],
    ),
    (
        "platform-twice",
        [(17, "      platforms: [ios, IOS]")],
        ["17:18: platforms: 'IOS' is listed more than once"],
    ),
    (
        "placements-empty",
        [(18, "      placements: []")],
        ["18:19: targets.placements needs at least one of music or podcast"],
    ),
    (
        "placements-podcast-alone",
        [(18, "      placements: [podcast]")],
        ["18:19: podcast cannot be the only placement"],
    ),
    (
        "placements-missing",
        [(18, "      genres: [rock]")],
        ["15:7: missing required field 'placements'"],
    ),
    (
        "gender-typo",
        [(16, "      geo: {country: US}\n      genders: [femail]")],
        ["17:17: genders[0]: 'femail' is not a valid gender"],
    ),
    (
        "interest-not-uuid",
        [(16, "      geo: {country: US}\n      interests: [rock]")],
        ["17:19: interests[0]: 'rock' is not a UUID"],
    ),
    (
        "episode-topic",
        [(16, "      geo: {country: US}\n      episode_topics: [cars]")],
        ["17:24: episode_topics[0]: 'cars' is not a valid podcast episode topic"],
    ),
    (
        "brand-safety-both",
        [
            (
                16,
                "      geo: {country: US}\n      brand_safety: {level: standard, "
                "topics: {alcohol: restricted}}",
            )
        ],
        [
            "17:21: brand_safety sets both level and topics; the API takes one or the "
            "other"
        ],
    ),
    (
        "brand-safety-empty",
        [(16, "      geo: {country: US}\n      brand_safety: {}")],
        ["17:21: brand_safety needs level or topics"],
    ),
    (
        "brand-safety-topic",
        [
            (
                16,
                "      geo: {country: US}\n      brand_safety: {topics: {alcoholl: "
                "restricted}}",
            )
        ],
        ["17:31: alcoholl: 'alcoholl' is not a valid sensitive topic"],
    ),
    (
        "day-part-hours",
        [
            (
                16,
                "      geo: {country: US}\n      day_parts: [{days: [monday], hours: "
                "[9-25]}]",
            )
        ],
        ["17:44: hours[0]: must be at most 23 (got 25)"],
    ),
    # -- ads ------------------------------------------------------------------------
    (
        "tagline-long",
        [(21, "        tagline: " + "t" * 41)],
        ["21:18: tagline: must be 2 to 40 characters (got 41)"],
    ),
    (
        "tagline-edge-space",
        [(21, '        tagline: "New album "')],
        ["21:18: tagline: must not start or end with whitespace"],
    ),
    (
        "advertiser-long",
        [(22, "        advertiser_name: " + "a" * 26)],
        ["22:26: advertiser_name: must be 2 to 25 characters (got 26)"],
    ),
    (
        "cta-http",
        [
            (
                26,
                "        call_to_action: {key: LISTEN_NOW, url: http://example.com/listen}",
            )
        ],
        ["26:48: url: 'http://example.com/listen' is not an https:// URL"],
    ),
    (
        "cta-key",
        [
            (
                26,
                "        call_to_action: {key: LISTEN, url: https://example.com/listen}",
            )
        ],
        ["26:31: key: 'LISTEN' is not a valid call-to-action key"],
    ),
    (
        "cta-language",
        [(26, "        call_to_action: {url: https://example.com, language: KLINGON}")],
        ["26:62: language: 'KLINGON' is not a valid ad language"],
    ),
    (
        "cta-missing-url",
        [(26, "        call_to_action: {key: LISTEN_NOW}")],
        ["26:25: missing required field 'url'"],
    ),
    (
        "companion-missing",
        [(24, "        canvas: assets/canvas.png")],
        ["20:15: AUDIO ads need a companion image"],
    ),
    (
        "logo-missing",
        [(25, "        delivery: OFF")],
        ["20:9: missing required field 'logo'"],
    ),
    (
        "two-primaries",
        [(23, "        audio: assets/spot.wav\n        image: assets/cover.png")],
        ["24:9: set only one of audio, video or image"],
    ),
    (
        "no-primary",
        [(23, "        delivery: ON")],
        ["20:15: the ad has no primary file; set one of audio, video or image"],
    ),
    (
        "canvas-square",
        [(25, "        logo: assets/logo.png\n        canvas: assets/cover.png")],
        ["26:17: canvas: assets/cover.png is 64x64, not 9:16"],
    ),
    (
        "delivery-bad",
        [(25, "        logo: assets/logo.png\n        delivery: PAUSED")],
        ["26:19: delivery: 'PAUSED' is not a valid delivery"],
    ),
    (
        "tracking-http",
        [
            (
                25,
                "        logo: assets/logo.png\n        tracking: [{partner: IAS, url: http://t.example.com}]",
            )
        ],
        ["26:40: url: 'http://t.example.com' is not an https:// URL"],
    ),
    (
        "tracking-twelve",
        [
            (
                25,
                "        logo: assets/logo.png\n        tracking: ["
                + ", ".join(["{partner: IAS, url: https://t.example.com}"] * 12)
                + "]",
            )
        ],
        ["26:19: tracking: allows at most 11 items (got 12)"],
    ),
    (
        "ad-schedule-order",
        [
            (
                25,
                "        logo: assets/logo.png\n        schedule: {start: 2030-06-02, "
                "end: 2030-06-01}",
            )
        ],
        ["26:44: schedule.end must be after schedule.start"],
    ),
    # -- identity -------------------------------------------------------------------
    (
        "duplicate-ad",
        [(26, BASE.splitlines()[25] + "\n" + "\n".join(BASE.splitlines()[19:26]))],
        ["27:15: ad name 'Spot A' is used twice"],
    ),
    (
        "same-slug-ad",
        [
            (
                26,
                BASE.splitlines()[25]
                + "\n"
                + "\n".join(BASE.splitlines()[19:26]).replace("Spot A", "spot a"),
            )
        ],
        ["27:15: ad 'spot a' has the same address 'spot-a' as 'Spot A'"],
    ),
]


def _mutated(changes: list[tuple[int, str]]) -> str:
    text = BASE
    for number, new in sorted(changes, reverse=True):
        text = replace_line(text, number, new)
    return text


@pytest.mark.parametrize(
    ("changes", "expected"), [pytest.param(c, e, id=i) for i, c, e in CASES]
)
def test_rule(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    changes: list[tuple[int, str]],
    expected: list[str],
) -> None:
    project(tmp_path, _mutated(changes))
    monkeypatch.chdir(tmp_path)
    inspection = inspect_workspace([Path()], now=NOW)
    errors = [
        f"{d.location.line}:{d.location.col}: {d.message}"
        for d in inspection.errors
        if d.location
    ]
    assert errors == expected
    assert all(
        d.location and d.location.file == "campaign.yaml" for d in inspection.errors
    )


def test_base_manifest_is_valid(tmp_path: Path) -> None:
    project(tmp_path)
    inspection = inspect_workspace([tmp_path], now=NOW)
    assert inspection.diagnostics == ()
    assert inspection.workspace is not None
