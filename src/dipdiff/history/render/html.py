"""The timeline as one self-contained HTML page: a table, an inline SVG chart, one section per step.

No scripts, fonts or stylesheets are fetched: everything is inline. Each point of the chart links to
its statement's section, which holds that version's comparison with the previous one: counts, the
shifts ``compare`` found, each reworded paragraph's word diff, and the command that shows the whole
comparison side by side. Jinja2 escapes every value.
"""

from __future__ import annotations

import shlex

from dipdiff.history.model import Timeline
from dipdiff.history.render import HistoryLayout
from dipdiff.history.render.chart import svg_chart
from dipdiff.history.render.words import count_cells, shift_cell, similarity_cell, stem, timeline_findings

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timeline: {{ speaker }}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem;
       padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: right; vertical-align: top; }
th.l, td.l { text-align: left; }
td.d { white-space: nowrap; }
svg { width: 100%; height: auto; border: 1px solid #eee; }
.sim { fill: none; stroke: #1f6fb2; stroke-width: 2; }
.tone { fill: none; stroke: #c0392b; stroke-width: 2; stroke-dasharray: 5 3; }
.grid { stroke: #eee; }
.axis { font-size: 11px; fill: #555; }
a.pt circle { cursor: pointer; }
section { border-top: 1px solid #ccc; margin-top: 1.2rem; padding-top: .4rem; }
code { background: #f4f4f4; padding: 1px 4px; word-break: break-all; }
.legend span { margin-right: 1.5rem; }
del { background: #fdd; color: #900; }
ins { background: #dfd; color: #060; text-decoration: none; }
p.blk { white-space: pre-wrap; font-size: 14px; }
</style>
</head>
<body>
<h1>Timeline: {{ speaker }}{% if topic %} · topic {{ topic }}{% endif %}</h1>
<p>{{ steps|length }} statements in date order, each compared with the one before it.</p>
<p class="legend"><span style="color:#1f6fb2">━ similarity to the previous statement (0–100, left)</span>
<span style="color:#c0392b">╍ tone index (−10 conflict … +10 cooperation, right)</span></p>
<svg viewBox="0 0 {{ chart.width }} {{ chart.height }}" role="img" aria-label="similarity and tone over time">
{% for v in [0, 25, 50, 75, 100] %}{% set y = chart.bottom - v / 100 * (chart.bottom - chart.top) %}
<line class="grid" x1="{{ chart.left }}" x2="{{ chart.right }}" y1="{{ y }}" y2="{{ y }}"/>
<text class="axis" x="{{ chart.left - 6 }}" y="{{ y + 4 }}" text-anchor="end">{{ v }}</text>
<text class="axis" x="{{ chart.right + 6 }}" y="{{ y + 4 }}">{{ (v / 5 - 10)|int }}</text>
{% endfor %}
<path class="sim" d="{{ chart.similarity_path }}"/>
<path class="tone" d="{{ chart.tone_path }}"/>
{% for p in chart.points %}
<a class="pt" href="{{ p.href }}"><title>{{ p.title }}</title>
{% if p.y_similarity is not none %}
<circle cx="{{ p.x }}" cy="{{ p.y_similarity }}" r="4" fill="#1f6fb2"/>{% endif %}
<circle cx="{{ p.x }}" cy="{{ p.y_tone }}" r="3.5" fill="#c0392b"/></a>
{% endfor %}
{% for p in chart.points %}{% if loop.first or loop.last or loop.index0 % label_every == 0 %}
<text class="axis" x="{{ p.x }}" y="{{ chart.bottom + 16 }}" text-anchor="middle">{{ p.label }}</text>
{% endif %}{% endfor %}
</svg>
<ul>{% for f in findings %}<li>{{ f }}</li>{% endfor %}</ul>
<table>
<tr><th class="l">date</th><th class="l">statement</th><th>¶</th><th>similarity</th>
<th>equal</th><th>modified</th><th>split</th><th>merged</th>
<th>added</th><th>removed</th><th>moved</th><th class="l">shifts</th><th>tone</th></tr>
{% for row in rows %}
<tr><td class="l d">{{ row.date }}</td>
<td class="l"><a href="#{{ row.anchor }}">{{ row.title }}</a> <code>{{ row.stem }}</code></td>
<td>{{ row.paragraphs }}</td><td>{{ row.similarity }}</td>
{% for c in row.counts %}<td>{{ c }}</td>{% endfor %}
<td class="l">{{ row.shifts }}</td><td>{{ row.tone }}</td></tr>
{% endfor %}
</table>
{% for row in rows %}
<section id="{{ row.anchor }}">
<h2>{{ row.date }} · {{ row.title }}</h2>
<p><code>{{ row.path }}</code></p>
{% if row.previous %}
<p>Compared with {{ row.previous }}: similarity {{ row.similarity }};
{{ row.counts[0] }} equal, {{ row.counts[1] }} modified, {{ row.counts[2] }} split,
{{ row.counts[3] }} merged, {{ row.counts[4] }} added, {{ row.counts[5] }} removed,
{{ row.counts[6] }} moved paragraphs. Tone {{ row.tone }}.</p>
{% if row.explanations %}<ul>{% for line in row.explanations %}<li>{{ line }}</li>{% endfor %}</ul>
{% else %}<p>No position shifts found.</p>{% endif %}
{% if row.changes %}<h3>Reworded paragraphs</h3>
{% for change in row.changes %}<p class="blk"><b>{{ change.label }}</b>
{% for op, old, new in change.ops %}{% if op == "equal" %}{{ new }}
{%- elif op == "delete" %}<del>{{ old }}</del>
{%- elif op == "insert" %}<ins>{{ new }}</ins>
{%- else %}<del>{{ old }}</del><ins>{{ new }}</ins>{% endif %}
{%- endfor %}</p>
{% endfor %}{% endif %}
<p>Side by side, with the added and removed paragraphs: <code>{{ row.command }}</code></p>
{% else %}<p>The first statement of the series. Tone {{ row.tone }}.</p>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""


def timeline(result: Timeline, layout: HistoryLayout) -> str:
    """Return the timeline as a self-contained HTML page."""
    del layout
    from jinja2 import Environment

    steps = result.steps
    rows = []
    for n, step in enumerate(steps):
        previous = steps[n - 1].entry if n else None
        rows.append(
            {
                "anchor": f"cmp-{n + 1}",
                "date": step.entry.date,
                "title": step.entry.title,
                "stem": stem(step.entry),
                "path": step.entry.path,
                "paragraphs": step.paragraphs,
                "similarity": similarity_cell(step),
                "counts": count_cells(step, first=previous is None),
                "shifts": shift_cell(step),
                "tone": f"{step.tone:+.2f}",
                "previous": f"{previous.date} ({stem(previous)})" if previous else "",
                "explanations": step.explanations,
                "changes": step.changes,
                "command": shlex.join(["dipdiff", "compare", previous.path, step.entry.path])
                if previous
                else "",
            }
        )
    chart = svg_chart(
        [s.similarity for s in steps],
        [s.tone for s in steps],
        [s.entry.date for s in steps],
        [f"#cmp-{n + 1}" for n in range(len(steps))],
        [
            f"{s.entry.date} {s.entry.title}: similarity {similarity_cell(s)}, tone {s.tone:+.2f}"
            for s in steps
        ],
    )
    env = Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(_TEMPLATE).render(
        speaker=result.speaker or "",
        topic=result.topic,
        steps=steps,
        rows=rows,
        chart=chart,
        findings=timeline_findings(result),
        label_every=max(1, len(steps) // 10),
    )
