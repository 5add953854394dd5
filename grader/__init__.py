"""The grader: reads answers in the notations people type, compares them with an answer key,
and explains wrong answers. It never imports the generator or rendering, never evaluates
student text as code, and imports SymPy only when an expression has to be read.

Packages and modules: ``read`` (the shared readers: numbers, expressions, arrays, shapes,
choices), ``types`` (one module per answer type family: reading, comparing, key checks,
display), ``compare`` grades one key part of any type, ``report`` grades submissions,
``files`` reads submission and key files, ``output`` and ``plot`` format reports.
"""
