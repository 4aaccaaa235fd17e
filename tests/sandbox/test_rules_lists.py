"""BRIEF §11 rule 11: limit/offset/paging, sorting, repeated-key filters, look-ups."""

from __future__ import annotations

import httpx

from .helpers import ad_set_body, campaign_body, create, messages, path


def _names(reply: httpx.Response, key: str) -> list[str]:
    assert reply.status_code == 200, reply.text
    return [item["name"] for item in reply.json()[key]]


def test_rule_11_paging_and_limits(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    for index in range(7):
        create(client, "campaigns", campaign_body(name=f"Campaign {index}"))
    page = client.get(path("campaigns"), params={"limit": 3, "offset": 3}).json()
    assert page["paging"] == {
        "page_size": 3,
        "total_results": 7,
        "offset": 3,
        "current_page": 2,
    }
    assert [c["name"] for c in page["campaigns"]] == [
        "Campaign 3",
        "Campaign 2",
        "Campaign 1",
    ]
    for limit in (0, 51, -1, "ten"):
        reply = client.get(path("campaigns"), params={"limit": limit})
        assert reply.status_code == 400, limit
    assert messages(client.get(path("campaigns"), params={"limit": 51})) == [
        "limit: must be between 1 and 50"
    ]
    assert messages(client.get(path("campaigns"), params={"offset": -1})) == [
        "offset: must be between 0 and 2147483647"
    ]
    beyond = client.get(path("campaigns"), params={"offset": 50}).json()
    assert beyond == {
        "paging": {
            "page_size": 50,
            "total_results": 7,
            "offset": 50,
            "current_page": 2,
        },
        "campaigns": [],
    }


def test_rule_11_sorting(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    for name in ("beta", "Alpha", "gamma"):
        create(client, "campaigns", campaign_body(name=name))
    default = _names(client.get(path("campaigns")), "campaigns")
    assert default == ["gamma", "Alpha", "beta"]  # CREATED_AT DESC
    by_name = client.get(
        path("campaigns"), params={"sort_field": "NAME", "sort_direction": "ASC"}
    )
    assert _names(by_name, "campaigns") == ["Alpha", "beta", "gamma"]
    oldest = client.get(path("campaigns"), params={"sort_direction": "ASC"})
    assert _names(oldest, "campaigns") == ["beta", "Alpha", "gamma"]
    assert messages(client.get(path("campaigns"), params={"sort_field": "BUDGET"})) == [
        "sort_field: 'BUDGET' is not one of ID, NAME, CREATED_AT, UPDATED_AT, STATUS"
    ]


def test_rule_11_filters(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    first = create(client, "campaigns", campaign_body(name="Summer Rock"))
    second = create(client, "campaigns", campaign_body(name="Winter Jazz"))
    third = create(client, "campaigns", campaign_body(name="SUMMER pop"))
    client.patch(path("campaigns", third["id"]), json={"status": "PAUSED"})
    for campaign in (first, second):
        create(
            client,
            "ad_sets",
            ad_set_body(campaign["id"], name=f"{campaign['name']} set"),
        )
    repeated = client.get(
        path("campaigns"),
        params=[("campaign_ids", first["id"]), ("campaign_ids", second["id"])],
    )
    assert _names(repeated, "campaigns") == ["Winter Jazz", "Summer Rock"]
    assert _names(
        client.get(path("campaigns"), params={"name": "summer"}), "campaigns"
    ) == [
        "SUMMER pop",
        "Summer Rock",
    ]
    paused = client.get(path("campaigns"), params={"statuses": ["PAUSED"]})
    assert _names(paused, "campaigns") == ["SUMMER pop"]
    pending = client.get(
        path("campaigns"), params={"ad_set_statuses": ["PENDING_APPROVAL"]}
    )
    assert _names(pending, "campaigns") == ["Winter Jazz", "Summer Rock"]
    sets = client.get(
        path("ad_sets"), params={"campaign_ids": [first["id"]], "name": "ROCK"}
    )
    assert _names(sets, "ad_sets") == ["Summer Rock set"]
    assert messages(client.get(path("ad_sets"), params={"statuses": ["PAUSED"]}))[
        0
    ].startswith("statuses: 'PAUSED' is not one of ACTIVE, ACTIVE_RESTRICTED")
    assert messages(client.get(path("ad_sets"), params={"campaign_ids": ["nope"]})) == [
        "campaign_ids: 'nope' is not a valid UUID"
    ]


def test_rule_11_lookups(sandbox_client: httpx.Client) -> None:
    client = sandbox_client
    assert client.get("/targets/genres", params={"ids": ["rock", "blues"]}).json() == {
        "genres": [{"id": "blues", "name": "Blues"}, {"id": "rock", "name": "Rock"}]
    }
    for name in ("genres", "interests"):
        for param in ("limit", "offset"):
            reply = client.get(f"/targets/{name}", params={param: 1})
            assert messages(reply) == [
                f"{param}: not supported here (this look-up is not paginated)"
            ]
    geos = client.get(
        "/targets/geos",
        params={"country_code": "SE", "types": ["CITY"], "limit": 2, "offset": 1},
    )
    assert geos.json() == {
        "geos": [
            {
                "id": "2711537",
                "type": "CITY",
                "name": "Gothenburg",
                "country_code": "SE",
                "parent_geo_name": "Västra Götaland County",
            },
            {
                "id": "2692969",
                "type": "CITY",
                "name": "Malmö",
                "country_code": "SE",
                "parent_geo_name": "Skåne County",
            },
        ],
        "offset": 1,
        "page_size": 2,
    }
    interests = client.get("/targets/interests", params={"q": "fit"}).json()
    assert [
        (i["name"], [s["name"] for s in i["subtargets"]])
        for i in interests["interests_with_subtargets"]
    ] == [("Fitness", ["Running", "Yoga", "Gym & Weightlifting"])]
    categories = client.get("/ad_categories", params={"q": "books"}).json()
    assert categories == {
        "categories": [
            {
                "id": "ADV_21_182",
                "parent_category": "Media and Entertainment",
                "name": "Media and Entertainment - Books and Literature",
            }
        ]
    }
