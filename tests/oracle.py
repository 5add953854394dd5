"""What the PyTorch oracle tests share: sampled instances and exact values as float64 tensors.

Import it after ``pytest.importorskip("torch")`` so a machine without torch skips, not fails.
"""

from fractions import Fraction

import torch

from probgen.generator import instances
from probgen.problems import params as P
from probgen.problems.model import DIFFICULTIES

N = 240  # sampled instances per kind, an equal share per difficulty


def sampled(kind, n=N):
    """``n`` instances of ``kind``, seeds 0.. at every difficulty."""
    return [instances.sample(kind, seed, d) for seed in range(n // len(DIFFICULTIES)) for d in DIFFICULTIES]


def t64(values):
    """Nested lists or tuples of ints, Fractions or "p/q" strings as a float64 tensor."""

    def conv(v):
        if isinstance(v, (list, tuple)):
            return [conv(x) for x in v]
        return float(v) if isinstance(v, Fraction) else float(P.number(v, "value"))

    return torch.tensor(conv(values), dtype=torch.float64)
