"""`campaignctl import`: write manifests for live objects (plan then shows none).

One file per campaign (``<slug>.yaml``), every object pinned with ``id:``,
``prune: false``. Into a directory outside any project it also writes
``campaignctl.yaml`` (the account's alias and currency); inside a project the
project's alias for the account is used and its defaults are cancelled where
they would change what live state says.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from campaignctl.commands.import_project import (
    destination,
    refuse_overwrite,
    report,
    self_check,
    write_project,
)
from campaignctl.commands.importing import (
    ASSETS_DIR,
    AssetRefs,
    Tally,
    read_in_chunks,
    select_campaigns,
    write_campaign,
)
from campaignctl.errors import ConfigError
from campaignctl.manifest.adopt import Notes
from campaignctl.manifest.discover import find_project_file
from campaignctl.output import Output
from campaignctl.progress import CountProgress
from campaignctl.provider.connection import open_api


def run(
    *,
    account: str,
    names: Sequence[str],
    directory: Path,
    download: bool,
    force: bool,
    out: Output,
    sandbox: bool,
    parallelism: int,
) -> int:
    account_id = _account_id(account)
    project_file = find_project_file([directory], cwd=directory)
    root = _sandbox_root(project_file)
    notes = Notes()
    with closing(
        open_api(sandbox=sandbox, project_root=root, parallelism=parallelism, out=out)
    ) as api:
        ad_account = api.get_ad_account(account_id)
        chosen = select_campaigns(api.list_campaigns(account_id), names, notes)
        where = destination(directory, project_file, ad_account)
        refuse_overwrite(where, chosen, new_project=project_file is None, force=force)
        directory.mkdir(parents=True, exist_ok=True)
        assets_dir = directory / ASSETS_DIR if download else None
        refs = AssetRefs(
            api, api.list_assets(account_id), directory=assets_dir, notes=notes
        )
        tally = Tally()
        with CountProgress(out, total=len(chosen), title="Importing") as progress:
            for live in read_in_chunks(api, account_id, chosen):
                path = write_campaign(live, where, refs, notes, tally)
                progress.advance(f"wrote {path.name}")
    if project_file is None:
        write_project(directory, where, ad_account)
    self_check(directory)
    report(out, where, ad_account, tally, refs, notes)
    return 0


def _sandbox_root(project_file: Path | None) -> Path:
    """Whose ``.campaignctl/sandbox.db`` ``--sandbox`` reads: the project the
    output joins, else the working directory's project, else the cwd."""
    found = project_file or find_project_file([])
    return found.parent if found is not None else Path.cwd()


def _account_id(text: str) -> str:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise ConfigError(
            f"{text!r} is not an ad account id",
            hint="pass the ad account's UUID, e.g. --account "
            "00000000-0000-4000-a000-000000000001",
        ) from None
