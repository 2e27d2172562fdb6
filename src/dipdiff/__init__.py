"""dipdiff: compare diplomatic statements and say what each change means.

The pipeline, one module per stage::

    readers (bytes -> Statement) -> normalise -> tokens -> align (paragraph blocks)
    -> worddiff (token opcodes) -> shifts (what a change means) -> render (one module per format)

``compare.compare`` runs the whole pipeline on two statements and returns a ``Comparison``.
"""

__version__ = "0.1.0"
