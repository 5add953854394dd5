"""The shared readers: student text and JSON values into exact values, never through ``eval``.

Each reader refuses what it cannot read with an :class:`~probgen.grader.errors.Unreadable`
whose message says how to write the answer, and bounds the work any input can cause.

From the bottom up: ``text`` (clean-up and quoting), ``literals`` (exact decimal literals),
``tokens`` / ``limits`` / ``parser`` (the whitelist expression grammar), ``arithmetic``
(plain arithmetic in a number answer, as Fractions), ``numbers``, ``expressions`` (into the
small trees of ``algebra``; no SymPy) and ``identity`` (are two expressions equal, does one
divide by zero: evaluation modulo primes), ``brackets`` / ``grid`` / ``arrays`` (vectors,
matrices, tensors), ``shapes`` and ``choices``. Every bound on an answer is in ``bounds``.
The answer types (:mod:`probgen.grader.types`) read through these.
"""
