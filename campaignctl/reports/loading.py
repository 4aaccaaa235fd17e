"""The manifest layer's hook: every ``kind: Report`` document, validated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from campaignctl.errors import Diagnostic
from campaignctl.manifest.spec.project import ProjectConfig
from campaignctl.reports.definition import ReportDefinition
from campaignctl.reports.validation import Context, check_report, check_unique

if TYPE_CHECKING:  # the manifest layer imports this module
    from campaignctl.manifest.build import Checked
    from campaignctl.manifest.documents import Rendered


def check_reports(
    rendered: Sequence[Rendered],
    config: ProjectConfig,
    campaigns: Sequence[Checked],
    out: list[Diagnostic],
    written: Sequence[Rendered] = (),
) -> tuple[ReportDefinition, ...]:
    """Definitions of the valid reports; every problem goes to ``out``.

    ``written`` are every campaign document, valid or not: a report naming a
    campaign whose manifest has errors gets no second error for it.
    """
    names = {c.spec.name: c.account.id for c in campaigns}
    broken = {n for n in map(_name, written) if n is not None and n not in names}
    context = Context(config=config, campaigns=names, broken=frozenset(broken))
    found = [check_report(item.node, context, out) for item in rendered]
    definitions = [d for d in found if d is not None]
    check_unique(definitions, out)
    return tuple(definitions)


def _name(item: Rendered) -> str | None:
    node = item.node.get("name")
    return node.value if node is not None and isinstance(node.value, str) else None
