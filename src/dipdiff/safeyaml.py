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


def load_yaml(text: str, *, first_line: int = 1) -> Any:
    """Parse one YAML document the safe way, refusing aliases, oversized input and exotic values.

    Errors name lines counted from ``first_line``: the line of the file on which ``text`` begins.

    A plain document (``_plain_for_libyaml``) is parsed by libyaml, when PyYAML has it, with the same
    checks of every scalar: a statement's front matter in about a quarter of the time. Whatever libyaml
    cannot parse or refuses, and a result nested deeper than ``_LIBYAML_DEPTH``, is parsed again by the
    pure-Python loader, which alone decides errors: both give the same values and the same messages.
    """
    import yaml

    if len(text) > MAX_YAML_BYTES:
        raise YamlRefused(f"YAML larger than {MAX_YAML_BYTES:,} characters")
    fast = _libyaml_loader()
    if fast is not None and _plain_for_libyaml(text):
        try:
            value = yaml.load(text, Loader=fast)
        except Exception:  # any failure: the pure-Python loader says what is wrong
            pass
        else:
            if _depth(value) <= _LIBYAML_DEPTH:
                return value
    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader subclass: safe_load semantics
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a terminal escape
        line = text.count("\n", 0, exc.position) + first_line
        refused = f"character U+{exc.character:04X} is not allowed"
        raise YamlRefused(f"invalid YAML at line {line}: {refused}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise YamlRefused(f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise YamlRefused("YAML nested too deeply") from None


_NOT_FOR_LIBYAML = LazyPattern(r"[?&*!%|>@`\\\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
"""What sends a document to the pure-Python loader: anchors and aliases (which libyaml would expand
without asking), tags, directives, block scalars, reserved indicators, escapes, tabs, and every
character one of the two parsers may read differently (controls, line separators, byte-order marks,
surrogates). Front matter rarely holds any."""
_MAX_LIBYAML_NESTING = 1000
"""Most nesting indicators (``[``, ``{``, ``-``, ``?``, ``:``) a document libyaml parses may hold:
every level of nesting needs one, and libyaml's composer recurses in C, where no recursion limit
applies; a thousand levels are far within the stack."""
_LIBYAML_DEPTH = 30
"""Deepest result taken from libyaml; a deeper one is parsed again by the pure-Python loader, whose
recursion limit decides (``YAML nested too deeply``) as it always has."""


def _plain_for_libyaml(text: str) -> bool:
    """Whether libyaml may parse ``text``: none of ``_NOT_FOR_LIBYAML`` and few nesting indicators."""
    if _NOT_FOR_LIBYAML().search(text):
        return False
    indicators = text.count(":") + text.count("-") + text.count("[") + text.count("{") + text.count("?")
    return indicators <= _MAX_LIBYAML_NESTING


def _depth(value: Any, limit: int = _LIBYAML_DEPTH) -> int:
    """How deep lists and mappings nest in ``value`` (a scalar is 0), counted up to ``limit + 1``."""
    if isinstance(value, dict):
        inner: Any = [*value.keys(), *value.values()]
    elif isinstance(value, list):
        inner = value
    else:
        return 0
    if limit < 0:
        return 1
    return 1 + max((_depth(item, limit - 1) for item in inner), default=0)


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

    class Loader(_checked(yaml.SafeLoader)):  # type: ignore[misc]
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise YamlRefused(f"YAML aliases are not allowed (line {event.start_mark.line + 1})")
            return super().compose_node(parent, index)

    return Loader


@cache
def _libyaml_loader() -> type | None:
    """libyaml's safe loader with the same checks of every scalar; ``None`` when PyYAML was built
    without libyaml. Only for documents ``_plain_for_libyaml`` admits: it cannot refuse aliases."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    return None if fast is None else _checked(fast)


def _checked(base: type) -> type:
    """A subclass of the safe loader ``base`` that checks every scalar before building it and allows
    only ``_ALLOWED_TAGS``."""
    import yaml

    class Refused(yaml.constructor.ConstructorError):
        """A value dipdiff does not allow, raised where PyYAML reports its own construction errors."""

    def refuse(node: Any, problem: str) -> Refused:
        return Refused(None, None, problem, node.start_mark)

    class Loader(base):  # type: ignore[misc]
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
    through ``load_yaml``, which lets libyaml parse only a document that can hold no alias and little
    nesting, and leaves everything else to the pure-Python composer, which refuses aliases and cannot
    be driven into deep C recursion by hostile nesting.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # a safe loader: safe_load semantics
