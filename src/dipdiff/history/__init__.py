"""How a speaker's wording moved over time: ``timeline``, ``track`` and ``blame`` over a corpus.

corpus walk (``corpus``) -> read, normalise and split sentences once, kept by content hash in the
corpus index (``dipdiff.index``; ``sentences``) -> per command:

* ``timeline``: each statement against the previous one with the compare engine, plus a tone index
  (``tone``);
* ``track``: a phrase's fuzzy variants, found by a stem prefilter and word-level partial alignment;
* ``blame``: each paragraph or sentence traced back through an inverted index of word 3-grams.

Results are frozen dataclasses (``model``); ``render`` turns them into terminal, JSON, Markdown and
HTML output. The library never prints; long operations report through a ``Progress`` callback.
"""
