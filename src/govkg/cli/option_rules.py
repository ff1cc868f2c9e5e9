"""Every option is honoured or refused: options that only apply to some topics or kinds.

``govkg viz lineage --year 2018`` used to draw the lineage and ignore ``--year``; now an option
given for a kind it does not apply to is refused (exit 2) by this one rule.
"""

from __future__ import annotations

import click
from click.core import ParameterSource

from govkg.errors import InputError


def refuse_inapplicable(ctx: click.Context, kind: str, applies: dict[str, tuple[str, ...]]) -> None:
    """InputError when an option the user gave (not a default) does not apply to ``kind``.

    ``applies`` maps a parameter name to the kinds it applies to.
    """
    for name, kinds in applies.items():
        if kind in kinds:
            continue
        if ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            param = next(p for p in ctx.command.params if p.name == name)
            flag = max(param.opts, key=len)
            raise InputError(f"{flag} does not apply to {kind} (it applies to: {', '.join(kinds)})")
