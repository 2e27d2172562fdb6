"""YAML loading with bounded cost: ``safe_load`` semantics, no aliases, a size cap.

PyYAML's ``safe_load`` builds nothing dangerous, but anchors and aliases let a few hundred bytes stand
for an exponentially large tree ("billion laughs"), which anything that walks the result would expand.
Statements and configuration never need aliases, so they are refused outright.
"""

from __future__ import annotations

from typing import Any

MAX_YAML_BYTES = 1_000_000
"""Largest YAML document (front matter, config or lexicon) dipdiff will parse."""


class YamlRefused(ValueError):
    """The document is too large, uses aliases, or is not valid YAML."""


def load_yaml(text: str) -> Any:
    """Parse one YAML document the safe way, refusing aliases and oversized input."""
    import yaml

    if len(text) > MAX_YAML_BYTES:
        raise YamlRefused(f"YAML larger than {MAX_YAML_BYTES:,} characters")

    class _NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise YamlRefused(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
            return super().compose_node(parent, index)

    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader subclass: safe_load semantics
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise YamlRefused(f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise YamlRefused("YAML nested too deeply") from None


def load_packaged_yaml(text: str) -> Any:
    """Parse one of dipdiff's own data files with libyaml's safe loader, about ten times faster.

    Only for files shipped in the package: they are ours and alias-free. Anything a user supplies goes
    through ``load_yaml``, whose pure-Python composer refuses aliases and cannot be driven into deep C
    recursion by hostile nesting.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # a safe loader: safe_load semantics
