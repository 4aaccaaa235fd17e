"""Targeting look-ups and ad categories (top level, no ad account in the path).

Genre and interest look-ups refuse ``limit``/``offset`` with a 400 ([tools]);
geos page with ``limit`` 1-1000 and need at least one search parameter.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from campaignctl.sandbox import catalogue
from campaignctl.sandbox.errors import bad_request, json_response
from campaignctl.sandbox.operation import Call, api_route
from campaignctl.sandbox.parsing import (
    limit_offset,
    query_enums,
    query_str,
    query_strings,
    query_uuids,
    reject_params,
)
from campaignctl.sandbox.store import JSON

GEO_TYPES = ("COUNTRY", "REGION", "DMA_REGION", "CITY", "POSTAL_CODE")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def lookup(
    kind: str, key: str, *, unpaged: bool = False
) -> Callable[[Request, Call], Awaitable[Response]]:
    """A handler for one ``/targets/{kind}`` look-up."""

    async def handler(request: Request, call: Call) -> Response:
        query = request.query_params
        if unpaged:
            reject_params(
                query, ("limit", "offset"), why="this look-up is not paginated"
            )
        if kind == "languages":
            query_uuids(query, "ad_account_id")
        rows = catalogue.search(
            kind, wanted=query_strings(query, "ids"), query=query_str(query, "q")
        )
        return json_response({key: rows})

    return handler


async def interests(request: Request, call: Call) -> Response:
    query = request.query_params
    reject_params(query, ("limit", "offset"), why="this look-up is not paginated")
    wanted = set(query_strings(query, "ids"))
    rows = catalogue.search("interests", wanted=(), query=query_str(query, "q"))
    if wanted:
        rows = [row for row in rows if wanted & _interest_ids(row)]
    return json_response({"interests_with_subtargets": rows})


async def geos(request: Request, call: Call) -> Response:
    query = request.query_params
    country = query_str(query, "country_code")
    wanted = query_strings(query, "ids")
    types = query_enums(query, "types", GEO_TYPES)
    text = query_str(query, "q")
    if not (country or wanted or types or text):
        raise bad_request("give at least one of country_code, ids, types or q")
    language = query_str(query, "language")
    if language is not None and not _LANGUAGE.match(language):
        raise bad_request("language: must be a two-letter ISO 639-1 code")
    limit, offset = limit_offset(query, max_limit=1000)
    rows = catalogue.search_geos(
        country=country, wanted=wanted, types=types, query=text
    )
    return json_response(
        {"geos": rows[offset : offset + limit], "offset": offset, "page_size": limit}
    )


async def ad_categories(request: Request, call: Call) -> Response:
    rows = catalogue.categories(query_str(request.query_params, "q"))
    return json_response({"categories": rows})


def _interest_ids(row: JSON) -> set[str]:
    return {row["id"], *(sub["id"] for sub in row.get("subtargets", ()))}


ROUTES = [
    api_route(
        "GET", "/targets/artists", "getArtistTargets", lookup("artists", "artists")
    ),
    api_route(
        "GET",
        "/targets/genres",
        "getGenreTargets",
        lookup("genres", "genres", unpaged=True),
    ),
    api_route("GET", "/targets/geos", "getGeoTargets", geos),
    api_route("GET", "/targets/interests", "getInterestTargets", interests),
    api_route(
        "GET",
        "/targets/languages",
        "getLanguageTargets",
        lookup("languages", "languages"),
    ),
    api_route(
        "GET",
        "/targets/playlists",
        "getPlaylistTargets",
        lookup("playlists", "playlists"),
    ),
    api_route(
        "GET",
        "/targets/episode_topics",
        "getEpisodeTopicTargets",
        lookup("episode_topics", "episode_topics"),
    ),
    api_route(
        "GET",
        "/targets/sensitive_topics",
        "getSensitiveTopicTargets",
        lookup("sensitive_topics", "sensitive_topics"),
    ),
    api_route("GET", "/ad_categories", "getAdCategories", ad_categories),
]
