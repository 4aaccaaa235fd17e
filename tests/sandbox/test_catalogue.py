"""The built-in targeting catalogue is realistic and self-consistent."""

from __future__ import annotations

import re
from collections import Counter

from campaignctl.sandbox import catalogue

# a sample of markets whose codes and names must be exactly right
KNOWN = {
    "US": "United States",
    "GB": "United Kingdom",
    "DE": "Germany",
    "SE": "Sweden",
    "FR": "France",
    "BR": "Brazil",
    "MX": "Mexico",
    "JP": "Japan",
    "AU": "Australia",
    "ZA": "South Africa",
    "AE": "United Arab Emirates",
    "CZ": "Czechia",
}


def test_countries() -> None:
    countries = {g["id"]: g for g in catalogue.data()["geos"] if g["type"] == "COUNTRY"}
    assert len(countries) >= 60
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in countries)
    assert all(g["country_code"] == code for code, g in countries.items())
    assert {code: countries[code]["name"] for code in KNOWN} == KNOWN
    assert len({g["name"] for g in countries.values()}) == len(countries)


def test_geo_hierarchy() -> None:
    geos = catalogue.data()["geos"]
    assert [i for i, n in Counter(g["id"] for g in geos).items() if n > 1] == []
    by_country = Counter((g["country_code"], g["type"]) for g in geos)
    for country in ("US", "GB", "DE", "SE", "FR", "BR"):
        assert all(
            by_country[(country, kind)] >= 3
            for kind in ("REGION", "CITY", "POSTAL_CODE")
        )
    names = {(g["country_code"], g["name"]) for g in geos}
    for geo in geos:
        if geo["type"] != "COUNTRY":
            assert (geo["country_code"], geo["parent_geo_name"]) in names
        if geo["type"] == "POSTAL_CODE":
            assert geo["id"] == f"{geo['country_code']}:{geo['name']}"


def test_lookups_and_categories() -> None:
    data = catalogue.data()
    assert len(data["episode_topics"]) == 29
    assert {t["id"] for t in data["sensitive_topics"]} == {
        "alcohol",
        "crime-violence",
        "drugs",
        "gambling",
        "hate-speech",
        "pornography",
        "terrorism",
        "tobacco",
        "weapons",
    }
    assert all(re.fullmatch(r"[0-9A-Za-z]{22}", a["id"]) for a in data["artists"])
    categories = {c["id"]: c for c in data["ad_categories"]}
    assert len([c for c in categories if c.endswith("_0")]) == 34
    assert (
        categories["ADV_21_182"]["name"]
        == "Media and Entertainment - Books and Literature"
    )
    assert categories["ADV_15_139"]["name"] == "Food and Drink - Alcoholic Beverages"
    assert "365a5223-0024-4579-a881-3b08e8720021" in catalogue.ids("interests")
