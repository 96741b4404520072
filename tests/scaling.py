"""How a function's cost grows with its input, measured so that a busy machine cannot
make a linear function look worse than it is.

CPU time of this process (not wall time), the best of several repeats, the cyclic
collector paused, inputs grown until the smallest takes long enough to time, and the
growth judged by the slope of log(time) over log(size) across several sizes: about 1
for linear work, 2 for quadratic. A one-off spike on a loaded machine raises one point
at most, and the fit is taken again before anything is concluded.
"""

from __future__ import annotations

import contextlib
import gc
import math
import time
from collections.abc import Callable

__all__ = ["growth_exponent", "seconds"]

_MIN_SECONDS = 0.004  # the smallest input is grown until one call takes this long
_REPEATS = 5


def seconds(
    function: Callable[[str], object], text: str, repeats: int = _REPEATS, *, collect: bool = True
) -> float:
    """CPU seconds of the fastest of ``repeats`` calls, exceptions ignored (``collect``:
    a full collection first, so that earlier garbage is not paid for here)."""
    if collect:
        gc.collect()
    gc.disable()
    try:
        best = math.inf
        for _ in range(repeats):
            start = time.process_time()
            with contextlib.suppress(Exception):
                function(text)
            best = min(best, time.process_time() - start)
        return best
    finally:
        gc.enable()


def _slope(sizes: list[int], times: list[float]) -> float:
    xs = [math.log(size) for size in sizes]
    ys = [math.log(max(duration, 1e-7)) for duration in times]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    numerator = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return numerator / sum((x - mean_x) ** 2 for x in xs)


def growth_exponent(
    function: Callable[[str], object],
    make: Callable[[int], str],
    start: int = 2_000,
    *,
    steps: int = 3,
    factor: int = 4,
    limit: int = 4_000_000,
) -> float:
    """The exponent k in time ~ size^k for ``function(make(n))``, from ``steps`` sizes
    ``factor`` apart (the smaller of two fits)."""
    size = start
    while size < limit and seconds(function, make(size), repeats=1) < _MIN_SECONDS:
        size *= 2
    sizes = [size * factor**step for step in range(steps)]
    fits = []
    for _ in range(2):
        times = [seconds(function, make(n)) for n in sizes]
        fits.append(_slope(sizes, times))
        if fits[-1] < 1.3:
            break
    return min(fits)
