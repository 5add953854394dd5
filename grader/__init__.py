"""The grader: reads answers in the notations people type, compares them with an answer key,
and explains wrong answers. It never imports the generator or rendering, never evaluates
student text as code, and imports SymPy only when an expression has to be read.

Modules: ``numbers`` / ``arrays`` / ``expressions`` read answers, ``compare`` grades one part,
``report`` grades submissions, ``files`` reads submission and key files, ``output`` formats
reports.
"""
