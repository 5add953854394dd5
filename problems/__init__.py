"""Problem kinds: a package per topic, a module per kind, pure functions of params.

Each topic package lists ``KINDS`` (the Kind objects, in the order they were added) and
``ORDERS``, the kind order of a ``--topic`` sheet per topic version: ``{1: ("topic.kind", ...)}``.
A sheet made with ``--topic T --seed S`` cycles through the latest version's order, and
``--topic T@v`` through version v's. A released version never changes: adding a kind to a topic
adds a new version that lists it, so a sheet made from an earlier version keeps its problems.

``core`` is the convolution arithmetic every kind uses (padding, windows, output sizes,
correlation); ``params`` reads params; ``model`` is the vocabulary (Kind, Part, Param,
Misconception and the rule for where a misconception shows).
"""
