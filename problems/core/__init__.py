"""The convolution core every kind is written with: exact numbers, padding rules, output sizes,
windows in 1-D and 2-D, and correlation.

Indices here are 0-based; statements and steps that show 1-based indices add 1 when they
print. Nothing here knows a kind or a template.
"""
