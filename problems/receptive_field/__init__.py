"""Receptive fields of a stack of convolution and pooling layers (one kind, ``stack``)."""

from .stack import STACK

KINDS = [STACK]
