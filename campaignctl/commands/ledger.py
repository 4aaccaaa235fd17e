"""The drafts campaignctl made in this project: ``.campaignctl/drafts.json``.

Crash safety for drafts. Before a draft campaign is created an *intent* is
written: the account, the campaign's address and name, and either the draft
id to come (a draft of a live campaign keeps the live id) or, for a new
campaign, the ids of the drafts that already have its name (so the one we
create is the one that is new). The id is added once the API answers. A run
that crashed at any point therefore leaves drafts the ledger can name, and
the next staging deletes them before staging again: never two drafts of one
hierarchy. Drafts the ledger does not name are someone else's work and are
never deleted.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

LEDGER = Path(".campaignctl") / "drafts.json"


@dataclass(frozen=True)
class Entry:
    account_id: str
    campaign: str  # address
    name: str
    draft_id: str | None = None  # None: created, answer not recorded yet
    existing: tuple[str, ...] = field(default=())  # same-named drafts before
    kept: bool = False  # kept for `apply --via-drafts`


class Ledger:
    """Read-modify-write of one small JSON file (one writer per project)."""

    def __init__(self, root: Path) -> None:
        self.path = root / LEDGER

    def entries(self) -> list[Entry]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [_entry(item) for item in raw.get("drafts", [])]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return []

    def record(self, entry: Entry) -> None:
        """Add ``entry``, replacing the one for the same hierarchy."""
        kept = [e for e in self.entries() if not _same(e, entry)]
        self._write([*kept, entry])

    def forget(self, account_id: str, campaign: str) -> None:
        self._write(
            e
            for e in self.entries()
            if (e.account_id, e.campaign) != (account_id, campaign)
        )

    def leftovers(
        self, account_id: str, campaign: str, drafts: Sequence[dict[str, object]]
    ) -> list[str]:
        """Ids of live drafts an earlier run made for this hierarchy."""
        found = []
        for entry in self.entries():
            if (entry.account_id, entry.campaign) != (account_id, campaign):
                continue
            found += [str(d.get("id")) for d in drafts if _made_by(entry, d)]
        return sorted(set(found))

    def owns(self, account_id: str, draft_id: str) -> bool:
        return any(
            e.account_id == account_id and e.draft_id == draft_id
            for e in self.entries()
        )

    def _write(self, entries: Iterable[Entry]) -> None:
        document = {"drafts": [asdict(e) for e in entries]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(document, file, indent=2, sort_keys=True)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(self.path)


def _made_by(entry: Entry, draft: dict[str, object]) -> bool:
    """Whether ``draft`` is the one ``entry`` created (by id, else by name and
    not among the same-named drafts that existed before)."""
    draft_id = str(draft.get("id"))
    if entry.draft_id is not None:
        return draft_id == entry.draft_id
    return draft.get("name") == entry.name and draft_id not in entry.existing


def _same(a: Entry, b: Entry) -> bool:
    return (a.account_id, a.campaign) == (b.account_id, b.campaign)


def _entry(item: dict[str, object]) -> Entry:
    existing = item.get("existing") or ()
    return Entry(
        account_id=str(item["account_id"]),
        campaign=str(item["campaign"]),
        name=str(item["name"]),
        draft_id=str(item["draft_id"]) if item.get("draft_id") else None,
        existing=tuple(str(x) for x in existing) if isinstance(existing, list) else (),
        kept=bool(item.get("kept")),
    )
