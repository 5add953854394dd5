"""Output sizes of a sliding window, and the checks that a window fits its input."""

from __future__ import annotations

from ..model import ParamError


def out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1, *,
             after: int | None = None) -> int:
    """floor((size + before + after - d(k - 1) - 1) / s) + 1, the length every framework uses.

    ``padding`` is the zeros before the input, and after it too unless ``after`` says otherwise
    (PyTorch's "same" with an even kernel puts one more zero after).
    """
    after = padding if after is None else after
    return (size + padding + after - dilation * (kernel - 1) - 1) // stride + 1


def transposed_out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, output_padding: int = 0) -> int:
    """(n - 1) s - 2p + k + output_padding, the output length of a transposed convolution (PyTorch's)."""
    return (size - 1) * stride - 2 * padding + kernel + output_padding


def check_fits(size: int, kernel: int, before: int = 0, after: int | None = None, *, dilation: int = 1,
               what: str = "input", noun: str = "size") -> None:
    """Refuse a kernel that does not fit in the padded input, in one sentence.

    ``noun`` is how the statement speaks of the input's extent: the "length" of a vector, the
    "size" of an image side.
    """
    after = before if after is None else after
    span = dilation * (kernel - 1) + 1
    if span > size + before + after:
        if not before and not after:
            pad = ""
        elif before == after:
            pad = f" padded by {before} on each side"
        else:
            pad = f" padded by {before} on the left and {after} on the right"
        extent = f"size {kernel}" if dilation == 1 else f"span {span}"
        raise ParamError(f"the kernel ({extent}) is larger than the {what} of {noun} {size}{pad}.")


def check_padding_below_kernel(kernel: int, *padding: int) -> None:
    """Refuse padding that leaves a window of padded zeros only (its output would be 0 whatever the input)."""
    most = max(padding)
    if most >= kernel:
        raise ParamError(f"padding {most} is at least the kernel size {kernel}, so some outputs would see only "
                         f"padded zeros; use padding at most {kernel - 1}.")
