"""The root of the command line, and the registry that loads each command only when it is run.

Every command lives in its own module with its own small Typer app (``command_app``). The root group
knows the commands by name and imports a module only when one of its commands is asked for, so
``dipdiff compare`` does not pay for importing ``check``, ``corpus`` and the history commands; help
lists every command by the summary kept beside its module's name, importing none, and the suggestions
for a mistyped name still see every command.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

import typer
from typer._click.utils import make_default_short_help
from typer.core import TyperCommand, TyperGroup

from dipdiff.exitcodes import ExitCode

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter

COMMANDS = {
    "compare": (
        "dipdiff.cli.compare",
        "Align two statements paragraph by paragraph and show what changed, side by side.",
    ),
    "check": (
        "dipdiff.cli.check",
        "Check statements: front matter, text, file paths, duplicates and supersedes links.",
    ),
    "corpus": ("dipdiff.cli.corpus", "Start a corpus, list its statements, or file a new one."),
    "timeline": (
        "dipdiff.cli.history",
        "Show a speaker's statements in date order: similarity, changes, shifts and tone, charted.",
    ),
    "track": (
        "dipdiff.cli.history",
        "Find a phrase and its variants across the corpus: first and last use, counts per year.",
    ),
    "blame": (
        "dipdiff.cli.history",
        "Show where each paragraph's wording comes from: first carried, last changed, or new.",
    ),
}
"""Each command's name, the module whose ``app`` holds it and the first sentence of its help, in the
order help lists them. The root's help lists the commands by these sentences, so ``dipdiff --help``
imports no command (a test holds each sentence to its command's own help)."""


class UsageCommand(TyperCommand):
    """A command whose usage line names its arguments as its help lists them and as the README writes
    them (``dipdiff compare [OPTIONS] OLD NEW``): Typer 0.28 writes a required argument in braces
    (``{OLD}``), which reads as shell or set syntax to be typed."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        """Typer's pieces, a required argument's braces dropped."""
        return [
            piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
            for piece in super().collect_usage_pieces(ctx)
        ]


class _CommandApp(typer.Typer):
    """A Typer app whose commands are ``UsageCommand`` unless told otherwise."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", UsageCommand)
        return super().command(*args, **kwargs)


def command_app(**settings: Any) -> typer.Typer:
    """Return a Typer app for one command module, with the settings every command shares."""
    return _CommandApp(
        add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None, **settings
    )


def help_without_command(ctx: typer.Context) -> None:
    """Print a group's help when no command was named, and exit 2 as Typer and git exit non-zero.

    The help goes to standard error: it is not the product, and the exit code says no work was done.
    """
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(ExitCode.TROUBLE)


class _LazyCommands(MutableMapping[str, "Command"]):
    """The root's commands by name; a command's module is imported the first time it is looked up."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = dict(modules)
        self._loaded: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._loaded:
            module = importlib.import_module(self._modules[name])
            self._loaded[name] = _named(typer.main.get_command(module.app), name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._modules.setdefault(name, "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


def _named(command: Command, name: str) -> Command:
    """A module's app is either the command itself or a group holding it (the history commands)."""
    if isinstance(command, TyperGroup) and name in command.commands:
        return command.commands[name]
    return command


class _LazyGroup(TyperGroup):
    """The root group, whose commands come from ``COMMANDS`` on demand."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lazy = _LazyCommands({name: module for name, (module, _) in COMMANDS.items()})
        lazy.update(self.commands)
        self.commands = lazy

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """List every command with its summary, as Typer would, without importing the commands."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, make_default_short_help(summary, limit)) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="dipdiff",
    cls=_LazyGroup,
    help="Compare diplomatic statements: what changed, how wording shifted, and whether a corpus is sound.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    epilog="Exit status, like diff: 0 equal (check: no errors); 1 different (check: errors found); "
    "2 trouble: bad input or options, or no command named. Each command's help gives its own.",
)


def _version(value: bool) -> None:
    if value:
        from dipdiff import __version__

        typer.echo(f"dipdiff {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Compare diplomatic statements: what changed, how wording shifted, whether a corpus is sound."""
    help_without_command(ctx)
