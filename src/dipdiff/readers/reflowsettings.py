"""Re-flow's thresholds and word lists (``data/reflow.yaml``), read once.

Kept apart from ``reflow`` so that the modules it draws on (``sentences``, ``furniture``,
``brokenwords``) read them without importing re-flow itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """Re-flow's thresholds (``data/reflow.yaml``, where each is explained and its choice recorded)."""

    hard_wrap_width: int
    min_full_share: float
    min_wrap_width: int
    min_wrapped_lines: int
    min_mixed_wrapped_lines: int
    min_mixed_share: float
    whole_line_widths: float
    indent_short_share: float
    repeated_furniture: int
    fit_slack: float
    fit_quantile: float
    min_fit_samples: int
    max_fit_slack: float
    exact_fit_band: float
    exact_fit_share: float
    min_compound_part: int
    compound_parts: int
    kin_ending: int
    kin_length_slack: int
    kin_min_tail: int
    log_chars: float
    log_spread: float
    min_log_spread: float
    prior_weight: float
    full_end_odds: float
    max_span: int
    words_weight: float
    full_end_share: float
    full_end_rate_weight: float
    min_indent: int
    min_first_lines: int
    indent_kernel: int
    titles: tuple[str, ...]
    dangling: frozenset[str]
    suspended: frozenset[str]
    dash_before: frozenset[str]


@functools.cache
def settings() -> Settings:
    """The packaged thresholds (``data/reflow.yaml``), read once."""
    from dipdiff.resources import packaged_yaml

    data = packaged_yaml("reflow.yaml")
    layout, fit, paragraphs = data["layout"], data["fit"], data["paragraphs"]
    return Settings(
        hard_wrap_width=int(layout["hard_wrap_width"]),
        min_full_share=float(layout["min_full_share"]),
        min_wrap_width=int(layout["min_wrap_width"]),
        min_wrapped_lines=int(layout["min_wrapped_lines"]),
        min_mixed_wrapped_lines=int(layout["min_mixed_wrapped_lines"]),
        min_mixed_share=float(layout["min_mixed_share"]),
        whole_line_widths=float(layout["whole_line_widths"]),
        indent_short_share=float(layout["indent_short_share"]),
        repeated_furniture=int(layout["repeated_furniture"]),
        fit_slack=float(fit["slack"]),
        fit_quantile=float(fit["quantile"]),
        min_fit_samples=int(fit["min_samples"]),
        max_fit_slack=float(fit["max_slack"]),
        exact_fit_band=float(fit["exact_band"]),
        exact_fit_share=float(fit["exact_share"]),
        min_compound_part=int(data["words"]["min_compound_part"]),
        compound_parts=int(data["inline_breaks"]["compound_parts"]),
        kin_ending=int(data["words"]["kin_ending"]),
        kin_length_slack=int(data["words"]["kin_length_slack"]),
        kin_min_tail=int(data["words"]["kin_min_tail"]),
        log_chars=float(paragraphs["log_chars"]),
        log_spread=float(paragraphs["log_spread"]),
        min_log_spread=float(paragraphs["min_log_spread"]),
        prior_weight=float(paragraphs["prior_weight"]),
        full_end_odds=float(paragraphs["full_end_odds"]),
        max_span=int(paragraphs["max_span"]),
        words_weight=float(paragraphs["words_weight"]),
        full_end_share=float(paragraphs["full_end_share"]),
        full_end_rate_weight=float(paragraphs["full_end_rate_weight"]),
        min_indent=int(data["lost_indent"]["min_indent"]),
        min_first_lines=int(data["lost_indent"]["min_first_lines"]),
        indent_kernel=int(data["lost_indent"]["kernel"]),
        titles=tuple(str(title) for title in data["sentences"]["titles"].split()),
        dangling=frozenset(str(word) for word in data["sentences"]["dangling"].split()),
        suspended=frozenset(str(word) for word in data["inline_breaks"]["suspended"].split()),
        dash_before=frozenset(str(word) for word in data["inline_breaks"]["dash_before"].split()),
    )
