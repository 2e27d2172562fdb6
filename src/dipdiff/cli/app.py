"""The Typer application that every command module registers itself on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="dipdiff",
    help="Compare diplomatic statements: what changed, how wording shifted, and whether a corpus is sound.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=True,
)


def _version(value: bool) -> None:
    if value:
        from dipdiff import __version__

        typer.echo(f"dipdiff {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Compare diplomatic statements: what changed, how wording shifted, whether a corpus is sound."""
