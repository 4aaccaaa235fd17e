"""Checks across documents: accounts, unique names and addresses, pinned ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from campaignctl.errors import Diagnostic, Location
from campaignctl.manifest.fields import did_you_mean
from campaignctl.manifest.rules.base import Where
from campaignctl.manifest.spec import CampaignSpec, ProjectConfig
from campaignctl.plan.address import child_address, slugify


@dataclass(frozen=True)
class Account:
    id: str
    currency: str | None = None


@dataclass(frozen=True)
class Named:
    """An object with a name, for uniqueness checks."""

    scope: str  # where names must be unique ("account <id>", a parent address)
    what: str  # campaign / ad set / ad
    name: str
    id: str | None
    where: Where
    parent: int | None = None  # an ad's ad set, by its position in the children


def resolve_account(
    spec: CampaignSpec, config: ProjectConfig, where: Where, out: list[Diagnostic]
) -> Account | None:
    """The campaign's ad account: an alias from campaignctl.yaml or a UUID."""
    alias = config.accounts.get(spec.account)
    if alias is not None:
        return Account(alias.id, alias.currency)
    try:
        account_id = str(uuid.UUID(spec.account))
    except ValueError:
        known = list(config.accounts)
        hint = did_you_mean(spec.account, known) or (
            f"known aliases: {', '.join(known)}"
            if known
            else "declare it under accounts: in campaignctl.yaml, or write the UUID"
        )
        out.append(
            Diagnostic(
                f"unknown account {spec.account!r}", where.at("account"), hint=hint
            )
        )
        return None
    currencies = {a.currency for a in config.accounts.values() if a.id == account_id}
    currency = next(iter(currencies)) if len(currencies) == 1 else None
    return Account(account_id, currency)


def named_objects(
    campaign: CampaignSpec, account_id: str, where: Where
) -> tuple[Named, list[Named]]:
    """The campaign (unique in its account) and its ad sets and ads."""
    address = child_address(None, campaign.name)
    own = Named(f"account {account_id}", "campaign", campaign.name, campaign.id, where)
    children: list[Named] = []
    for i, ad_set in enumerate(campaign.ad_sets):
        set_where = where.sub("ad_sets", i)
        position = len(children)
        children.append(Named(address, "ad set", ad_set.name, ad_set.id, set_where))
        set_address = child_address(address, ad_set.name)
        for j, ad in enumerate(ad_set.ads):
            ad_where = set_where.sub("ads", j)
            children.append(
                Named(set_address, "ad", ad.name, ad.id, ad_where, position)
            )
    return own, children


@dataclass
class Uniqueness:
    """Sibling names, their slugs (addresses) and pinned ids must be unique.

    Campaign addresses must be unique across accounts: plans name objects by
    address. Children of a campaign or ad set that clashes are not checked
    again (their clash would only repeat the parent's).
    """

    out: list[Diagnostic]
    names: dict[tuple[str, str], Named] = field(default_factory=dict)
    slugs: dict[tuple[str, str], Named] = field(default_factory=dict)
    ids: dict[str, Named] = field(default_factory=dict)

    def check(self, campaign: Named, children: Iterable[Named]) -> None:
        if not self._unique(campaign):
            return
        clashed: set[int] = set()  # ad sets (by position) whose name clashed
        for index, child in enumerate(children):
            if child.what == "ad" and child.parent in clashed:
                continue
            if not self._unique(child) and child.what == "ad set":
                clashed.add(index)

    def _unique(self, item: Named) -> bool:
        slug = slugify(item.name)
        slug_scope = "campaigns" if item.what == "campaign" else item.scope
        first = self.names.get((item.scope, item.name))
        other = self.slugs.get((slug_scope, slug))
        if first is not None:
            _duplicate(
                item, f"{item.what} name {item.name!r} is used twice", first, self.out
            )
        elif other is not None:
            message = f"{item.what} {item.name!r} has the same address {slug!r}"
            message += f" as {other.name!r}"
            _duplicate(item, message, other, self.out)
        self.names.setdefault((item.scope, item.name), item)
        self.slugs.setdefault((slug_scope, slug), item)
        if item.id is not None and item.id in self.ids:
            pinned = f"id {item.id} is pinned twice"
            _duplicate(item, pinned, self.ids[item.id], self.out, key="id")
        if item.id is not None:
            self.ids.setdefault(item.id, item)
        return first is None and other is None


def _duplicate(
    item: Named, message: str, first: Named, out: list[Diagnostic], *, key: str = "name"
) -> None:
    where: Location = item.where.at(key)
    out.append(
        Diagnostic(
            message,
            where,
            hint=f"first used at {first.where.at(key)}; names identify objects, "
            "so siblings need distinct names",
            rule="names.unique",
        )
    )
