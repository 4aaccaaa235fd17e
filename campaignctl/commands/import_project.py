"""``campaignctl import``'s project side: where manifests go, what ``account:``
says, the project file it writes, the self-check and the closing report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from campaignctl.commands.importing import (
    ASSETS_DIR,
    AssetRefs,
    Destination,
    Tally,
    campaign_file,
)
from campaignctl.errors import ConfigError, Diagnostic, ManifestError
from campaignctl.manifest import validate_workspace
from campaignctl.manifest.adopt import Notes
from campaignctl.manifest.discover import PROJECT_FILE
from campaignctl.manifest.documents import load_project
from campaignctl.manifest.spec import ProjectConfig
from campaignctl.manifest.yaml import dump_yaml
from campaignctl.output import Output
from campaignctl.plan.address import slugify
from campaignctl.provider.base import JSON


def destination(
    directory: Path, project_file: Path | None, ad_account: JSON
) -> Destination:
    account_id = str(ad_account["id"])
    currency = str(ad_account.get("currency_code") or "USD")
    if project_file is None:
        alias = slugify(str(ad_account.get("name") or "account"))
        return Destination(directory, alias, currency, ProjectConfig())
    problems: list[Diagnostic] = []
    config = load_project(project_file, problems).config
    if any(p.is_error for p in problems):
        raise ManifestError(problems)
    aliases = [a for a, spec in config.accounts.items() if spec.id == account_id]
    return Destination(
        directory, aliases[0] if aliases else account_id, currency, config
    )


def refuse_overwrite(
    where: Destination, chosen: Sequence[JSON], *, new_project: bool, force: bool
) -> None:
    targets = [campaign_file(where.directory, c) for c in chosen]
    if new_project:
        targets.append(where.directory / PROJECT_FILE)
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise ConfigError(
            "import would overwrite " + ", ".join(str(p) for p in existing),
            hint="import into an empty directory, or pass --force to overwrite",
        )


def write_project(directory: Path, where: Destination, ad_account: JSON) -> None:
    header = (
        f"# Written by `campaignctl import` from ad account "
        f"{ad_account.get('name')!r} ({ad_account['id']}).\n"
    )
    config = {
        "accounts": {
            where.account: {"id": ad_account["id"], "currency": where.currency}
        }
    }
    text = header + dump_yaml([config], flow_leaves=True).removeprefix("---\n")
    (directory / PROJECT_FILE).write_text(text, encoding="utf-8")


def self_check(directory: Path) -> None:
    """The written manifests must validate (else: a bug, or unsupported data)."""
    problems = [d for d in validate_workspace([directory]) if d.is_error]
    if problems:
        raise ManifestError(
            problems,
            message=f"the imported manifests do not validate ({len(problems)} "
            "error(s)); please report this with the lines above",
        )


def report(
    out: Output,
    where: Destination,
    ad_account: JSON,
    tally: Tally,
    refs: AssetRefs,
    notes: Notes,
) -> None:
    for line in notes.lines:
        out.warn(line)
    out.info(
        f"Imported {tally.campaigns} campaign(s), {tally.ad_sets} ad set(s) and "
        f"{tally.ads} ad(s) from ad account {ad_account.get('name')!r} "
        f"({ad_account['id']}) into {where.directory}."
    )
    if refs.downloaded:
        out.info(
            f"Downloaded {refs.downloaded} asset file(s) into "
            f"{where.directory / ASSETS_DIR}; {refs.by_path} referenced by path."
        )
    if where.account == str(ad_account["id"]):
        out.info(
            "hint: give the account an alias under `accounts:` in campaignctl.yaml"
        )
    out.info(f"Check it: campaignctl plan {where.directory}  (expect no changes)")
