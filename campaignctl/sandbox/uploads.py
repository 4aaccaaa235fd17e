"""Asset uploads: single multipart (≤ 20 MB) and chunked (start/transfer/complete).

Request-level problems are a 400: a part content type outside the spec's
list, one that does not fit the asset's type, an ``asset_type`` that differs
from the asset's, an oversized file, an asset already uploaded, a bad
session or missing sections. The content itself is judged during
processing (``campaignctl.media.inspect_media``): unreadable or corrupt
content, or content of another kind than declared, ends in ERROR.
"""

from __future__ import annotations

from campaignctl.media import (
    FILE_TYPES,
    MAX_UPLOAD_BYTES,
    MIME_FILE_TYPES,
    UPLOAD_MIME_TYPES,
    MediaError,
    inspect_media,
)
from campaignctl.sandbox.clock import format_time
from campaignctl.sandbox.context import Sandbox
from campaignctl.sandbox.errors import bad_request
from campaignctl.sandbox.objects import require
from campaignctl.sandbox.rules import asset as rules
from campaignctl.sandbox.rules.check import validate_body
from campaignctl.sandbox.store import JSON, Record, Store

UPLOADABLE = ("WAITING_UPLOAD", "ERROR")
ASSET_TYPES = ("AUDIO", "IMAGE", "VIDEO")


def upload_asset(
    sb: Sandbox,
    account_id: str,
    asset_id: str,
    *,
    data: bytes,
    mime: str,
    asset_type: str,
    origin: str = rules.DEFAULT_ORIGIN,
) -> JSON:
    if len(data) > MAX_UPLOAD_BYTES:
        raise bad_request("media: larger than 20 MB; use the chunked upload endpoints")
    with sb.store.transaction() as store:
        record = require(store, "asset", account_id, asset_id)
        _check_part(record, mime=mime, asset_type=asset_type)
        _process(sb, store, record, data, mime, origin)
        return record.body


def start_chunked(sb: Sandbox, account_id: str, asset_id: str) -> JSON:
    now = sb.now()
    with sb.store.transaction() as store:
        record = require(store, "asset", account_id, asset_id)
        _check_uploadable(record)
        session_id = sb.new_id()
        body = {
            "upload_session_id": session_id,
            "max_chunk_size_mb": rules.MAX_CHUNK_MB,
        }
        session = Record("upload_session", session_id, account_id, body, now, now)
        session.parent_id = asset_id
        store.insert(session)
        return body


def transfer_chunk(
    sb: Sandbox,
    account_id: str,
    asset_id: str,
    *,
    session_id: str,
    section: int,
    data: bytes,
    mime: str,
    asset_type: str,
) -> JSON:
    if len(data) > rules.MAX_CHUNK_MB * 1024 * 1024:
        raise bad_request(f"media: a chunk may be at most {rules.MAX_CHUNK_MB} MB")
    with sb.store.transaction() as store:
        record = require(store, "asset", account_id, asset_id)
        session = _session(store, record, session_id)
        _check_part(record, mime=mime, asset_type=asset_type)
        received = store.execute(
            "SELECT coalesce(sum(length(data)), 0) FROM chunks WHERE session_id = ? "
            "AND section != ?",
            (session_id, section),
        )[0][0]
        if received + len(data) > rules.MAX_CHUNKED_BYTES:
            raise bad_request("media: the sandbox accepts at most 200 MB per asset")
        store.execute(
            "INSERT OR REPLACE INTO chunks (session_id, section, data) "
            "VALUES (?, ?, ?)",
            (session_id, section, data),
        )
        session.state.setdefault("mime", mime)
        store.update(session)
    return {"success": True}


def complete_chunked(
    sb: Sandbox,
    account_id: str,
    asset_id: str,
    body: JSON,
    *,
    origin: str = rules.DEFAULT_ORIGIN,
) -> JSON:
    _, fields = validate_body(rules.ChunkedUploadComplete, body)
    with sb.store.transaction() as store:
        record = require(store, "asset", account_id, asset_id)
        session = _session(store, record, fields["upload_session_id"].lower())
        if fields["asset_type"] != record.body["asset_type"]:
            raise bad_request(_type_mismatch(record, fields["asset_type"]))
        rows = store.execute(
            "SELECT section, data FROM chunks WHERE session_id = ? ORDER BY section",
            (session.id,),
        )
        expected = list(range(1, fields["number_of_sections"] + 1))
        if [row[0] for row in rows] != expected:
            raise bad_request(
                f"number_of_sections: {fields['number_of_sections']} sections "
                "declared, "
                f"received {[row[0] for row in rows]}"
            )
        data = b"".join(row[1] for row in rows)
        store.execute("DELETE FROM chunks WHERE session_id = ?", (session.id,))
        store.delete("upload_session", session.id)
        mime = str(session.state.get("mime", ""))
        _process(sb, store, record, data, mime, origin)
        return record.body


def _check_part(record: Record, *, mime: str, asset_type: str) -> None:
    _check_uploadable(record)
    if asset_type not in ASSET_TYPES:
        raise bad_request("asset_type: must be one of AUDIO, IMAGE, VIDEO")
    if asset_type != record.body["asset_type"]:
        raise bad_request(_type_mismatch(record, asset_type))
    if mime not in UPLOAD_MIME_TYPES:
        allowed = ", ".join(sorted(UPLOAD_MIME_TYPES))
        raise bad_request(
            f"media: content type {mime!r} is not accepted; use {allowed}"
        )
    declared = FILE_TYPES[MIME_FILE_TYPES[mime]][0]
    if declared != asset_type:
        raise bad_request(
            f"media: {mime} is {declared} content, the asset is {asset_type}"
        )


def _check_uploadable(record: Record) -> None:
    status = record.body["status"]
    if status not in UPLOADABLE:
        raise bad_request(
            f"asset {record.id} is {status}; content was already uploaded"
        )


def _session(store: Store, record: Record, session_id: str) -> Record:
    session = store.get("upload_session", session_id)
    if session is None or session.parent_id != record.id:
        raise bad_request(
            f"upload_session_id: no upload session {session_id} for this asset"
        )
    return session


def _type_mismatch(record: Record, asset_type: str) -> str:
    actual = record.body["asset_type"]
    return f"asset_type: {asset_type} does not match the asset's type {actual}"


def _process(
    sb: Sandbox, store: Store, record: Record, data: bytes, mime: str, origin: str
) -> None:
    """Judge the content now; the outcome shows after ``processing_ms``.

    The content is kept and served at the asset's ``url``.
    """
    now = sb.now()
    ready_at = now + sb.config.processing_ms / 1000
    url = rules.asset_url(record.id, origin)
    result, reason = _judge(record, data, mime, url)
    for key in ("file_type", "duration_ms", "width", "height", "aspect_ratio"):
        record.body.pop(key, None)
    record.body.update(status="PROCESSING", url=url, updated_at=format_time(now))
    store.execute(
        "INSERT OR REPLACE INTO files (asset_id, media_type, data) VALUES (?, ?, ?)",
        (record.id, mime, data),
    )
    record.state.update(ready_at=ready_at, result=result, error=reason)
    record.updated = now
    record.due = ready_at
    store.update(record)


def _judge(record: Record, data: bytes, mime: str, url: str) -> tuple[JSON, str | None]:
    try:
        info = inspect_media(data)
    except MediaError as error:
        return {"status": "ERROR"}, str(error)
    asset_type = record.body["asset_type"]
    if info.asset_type != asset_type:
        return {
            "status": "ERROR"
        }, f"content is {info.asset_type}, asset is {asset_type}"
    if MIME_FILE_TYPES.get(mime) != info.file_type:
        return {"status": "ERROR"}, f"declared {mime} but content is {info.file_type}"
    return rules.processed_fields(url, info), None


def stored_file(sb: Sandbox, asset_id: str) -> tuple[bytes, str] | None:
    """The uploaded content of an asset and its media type, if any."""
    rows = sb.store.execute(
        "SELECT data, media_type FROM files WHERE asset_id = ?", (asset_id,)
    )
    return (bytes(rows[0][0]), str(rows[0][1])) if rows else None
