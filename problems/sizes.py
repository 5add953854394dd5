"""The sliding-window arithmetic that convolution and pooling kinds share."""

from __future__ import annotations

from .model import ParamError


def out_size(size: int, kernel: int, stride: int, padding: int = 0, dilation: int = 1) -> int:
    """floor((size + 2p - d(k-1) - 1) / s) + 1, the length every framework uses."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def check_window(size: int, kernel: int, padding: int = 0, dilation: int = 1, what: str = "input") -> None:
    """Refuse a kernel that does not fit in the padded input, in one sentence."""
    span = dilation * (kernel - 1) + 1
    if span > size + 2 * padding:
        pad = f" padded by {padding} on each side" if padding else ""
        raise ParamError(f"the kernel (span {span}) is larger than the {what} of size {size}{pad}.")
