"""YAML loading with bounded cost and bounded values: ``safe_load`` semantics, restricted further.

PyYAML's ``safe_load`` builds nothing dangerous, but it is more generous than a statement's front
matter, a speakers registry or a lexicon ever needs, and some of that generosity fails or costs:

* anchors and aliases let a few hundred bytes stand for an exponentially large tree ("billion
  laughs"), which anything that walks the result would expand;
* a scalar tagged with a type it does not fit (``!!int "abc"``, ``!!bool "maybe"``,
  ``!!timestamp "garbage"``) or an impossible date (``2017-02-30``) makes PyYAML raise ``ValueError``,
  ``KeyError`` or ``AttributeError`` rather than a YAML error;
* YAML 1.1's base-60 numbers (``1:1:1:...``) are built in quadratic time, integers of thousands of
  digits exceed Python's conversion limit, and ``.nan`` and ``.inf`` are not JSON;
* double-quoted escapes can make a lone surrogate (``"\\ud800"``), which no output can encode;
* ``!!set``, ``!!omap``, ``!!pairs`` and ``!!binary`` make values no dipdiff file uses.

So each scalar is checked against what dipdiff's files allow *before* it is built, and every failure,
whatever PyYAML would have raised, is one ``YamlRefused`` naming the line.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from dipdiff.lazypattern import LazyPattern

MAX_YAML_BYTES = 1_000_000
"""Largest YAML document (front matter, config or lexicon) dipdiff will parse."""

MAX_INTEGER = 2**63 - 1
"""Largest integer (in magnitude) a YAML value may hold: a 64-bit signed integer, as JSON readers
such as JavaScript's can at least approximate."""

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = (
    "tag:yaml.org,2002:null",
    _BOOL_TAG,
    _INT_TAG,
    _FLOAT_TAG,
    _TIMESTAMP_TAG,
    _STR_TAG,
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
)
"""The types a dipdiff YAML file may hold; any other tag (``!!set``, ``!!binary``...) is refused."""

# The integer forms allowed: decimal, 0x hexadecimal, 0o/0 octal, 0b binary, with "_" separators and
# at most 19 digits, so no conversion is ever long. Base-60 ("1:30") is refused, not built.
# Compiled on first use: a compare that finds its packaged data cached parses no YAML.
_INTEGER = LazyPattern(r"[-+]?(?:0|[1-9][0-9_]{0,24}|0x[0-9a-fA-F_]{1,20}|0o?[0-7_]{1,25}|0b[01_]{1,70})")
_FLOAT = LazyPattern(r"[-+]?(?:[0-9][0-9_]{0,40})?\.[0-9_]{0,40}(?:[eE][-+]?[0-9]{1,3})?")
_BOOLEANS = frozenset({"yes", "no", "true", "false", "on", "off"})
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")


class YamlRefused(ValueError):
    """The document is too large, uses aliases, is not valid YAML, or holds a value dipdiff refuses."""


def load_yaml(text: str) -> Any:
    """Parse one YAML document the safe way, refusing aliases, oversized input and exotic values."""
    import yaml

    if len(text) > MAX_YAML_BYTES:
        raise YamlRefused(f"YAML larger than {MAX_YAML_BYTES:,} characters")
    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader subclass: safe_load semantics
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a terminal escape
        line = text.count("\n", 0, exc.position) + 1
        refused = f"character U+{exc.character:04X} is not allowed"
        raise YamlRefused(f"invalid YAML at line {line}: {refused}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise YamlRefused(f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise YamlRefused("YAML nested too deeply") from None


def duplicate_keys(text: str) -> list[tuple[int, str]]:
    """(1-based line, key) for each key of the document's top-level mapping that repeats an earlier one.

    PyYAML keeps the last of two equal keys without a word; a registry that names one id twice has
    lost an entry. The document is composed (not built), so this costs one pass.
    """
    import yaml

    try:
        node = yaml.compose(text, Loader=_loader())
    except (yaml.YAMLError, RecursionError):
        return []  # load_yaml reports why the document is unreadable
    if not isinstance(node, yaml.MappingNode):
        return []
    seen: set[str] = set()
    repeats = []
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode):
            if key.value in seen:
                repeats.append((key.start_mark.line + 1, key.value))
            seen.add(key.value)
    return repeats


@cache
def _loader() -> type:
    """The loader class: PyYAML's safe loader with no aliases and with every scalar checked first."""
    import yaml

    class Refused(yaml.constructor.ConstructorError):
        """A value dipdiff does not allow, raised where PyYAML reports its own construction errors."""

    def refuse(node: Any, problem: str) -> Refused:
        return Refused(None, None, problem, node.start_mark)

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise YamlRefused(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
            return super().compose_node(parent, index)

        def construct_int(self, node: Any) -> int:
            if not _INTEGER().fullmatch(node.value):
                if ":" in node.value:
                    raise refuse(node, f"{_brief(node.value)} is a base-60 number; quote it if it is text")
                raise refuse(node, f"{_brief(node.value)} is not an integer of at most 64 bits")
            value = super().construct_yaml_int(node)
            if abs(value) > MAX_INTEGER:
                raise refuse(node, f"{_brief(node.value)} is larger than a 64-bit integer")
            return int(value)

        def construct_float(self, node: Any) -> float:
            if not _FLOAT().fullmatch(node.value) and not _INTEGER().fullmatch(node.value):
                problem = "a base-60 number" if ":" in node.value else "not a finite decimal number"
                raise refuse(node, f"{_brief(node.value)} is {problem}; quote it if it is text")
            value = float(super().construct_yaml_float(node))
            if not math.isfinite(value):
                raise refuse(node, f"{_brief(node.value)} is not a finite number")
            return value

        def construct_bool(self, node: Any) -> bool:
            if node.value.lower() not in _BOOLEANS:
                raise refuse(node, f"{_brief(node.value)} is not true or false")
            return bool(super().construct_yaml_bool(node))

        def construct_timestamp(self, node: Any) -> Any:
            if not self.timestamp_regexp.match(node.value):
                raise refuse(node, f"{_brief(node.value)} is not a date")
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                raise refuse(node, f"{_brief(node.value)} is not a real date") from None

        def construct_other(self, node: Any) -> Any:
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            raise refuse(node, f"values tagged {_brief(tag)} are not allowed")

        def construct_str(self, node: Any) -> str:
            value = str(super().construct_yaml_str(node))
            if _SURROGATE().search(value):
                raise refuse(node, "a lone surrogate character (\\ud800-\\udfff) is not text")
            return value

    safe = yaml.SafeLoader.yaml_constructors
    Loader.yaml_constructors = {tag: safe[tag] for tag in _ALLOWED_TAGS}
    Loader.add_constructor(None, Loader.construct_other)
    Loader.add_constructor(_INT_TAG, Loader.construct_int)
    Loader.add_constructor(_FLOAT_TAG, Loader.construct_float)
    Loader.add_constructor(_BOOL_TAG, Loader.construct_bool)
    Loader.add_constructor(_TIMESTAMP_TAG, Loader.construct_timestamp)
    Loader.add_constructor(_STR_TAG, Loader.construct_str)
    return Loader


def _brief(value: str) -> str:
    """A scalar quoted for an error message, cut to a readable length."""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def load_packaged_yaml(text: str) -> Any:
    """Parse one of dipdiff's own data files with libyaml's safe loader, about ten times faster.

    Only for files shipped in the package: they are ours and alias-free. Anything a user supplies goes
    through ``load_yaml``, whose pure-Python composer refuses aliases and cannot be driven into deep C
    recursion by hostile nesting.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # a safe loader: safe_load semantics
