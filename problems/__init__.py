"""Problem kinds: one module per topic, pure functions of params."""
