"""The grader: reads answers in the notations people type, compares them with an answer key,
and explains wrong answers. It never imports the generator or rendering, never evaluates
student text as code, and imports SymPy only when an expression has to be read.

Packages and modules, from the bottom up: ``read`` (the shared readers: numbers,
expressions, arrays, shapes, choices), ``types`` (one module per answer type family:
reading, comparing, key checks, display), ``compare`` grades one key part of any type,
``report`` grades a submission, ``files`` reads submission and key files, ``tally``,
``output`` and ``plot`` summarise and write reports, ``batch`` grades many files on one
process or several, and ``run`` grades a batch into report files (``probgen grade``).
"""
