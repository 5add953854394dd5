"""Receptive fields of a stack of convolution and pooling layers (one kind, ``stack``)."""

from .stack import STACK

KINDS = [STACK]

#: The topic's kind order per topic version (see probgen.problems): never edit a released version.
ORDERS = {
    1: (
        "receptive-field.stack",
    ),
}
