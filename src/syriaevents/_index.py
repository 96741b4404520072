"""The tag index behind :class:`~syriaevents.Archive`: which events carry each canonical
tag, and the events that share the most tags with a query.

Events are numbered by rank, 0 the newest (ties in path order), so that "newer first"
is "smaller rank first" and an ``as_of`` date leaves out the ranks below some ``first``.
A tag's events are its posting: a compressed bitmap with the optional ``pyroaring``
(``pip install syriaevents[fast]``), else a Python int used as a bitmap for the common
tags and a sorted array of ranks for the others. Both give the same answers.

A query counts, per event, how many of its tags' postings hold it, in bitmaps: one per
binary digit of the count (a bit-sliced counter, each posting added with a ripple
carry). The events with the highest counts are then selected digit by digit from the
top, keeping the newest to break the tie at the cut. The work is a few bitmap
operations per query tag, however common the tags and however many the query has.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import reduce
from itertools import islice
from operator import or_
from typing import Any, Generic, TypeVar

__all__ = ["Bitmaps", "IntBitmaps", "RoaringBitmaps", "TagIndex", "best_bitmaps"]

Bits = TypeVar("Bits")


class Bitmaps(ABC, Generic[Bits]):
    """Sets of ranks as bitmaps: the operations the index needs, for one kind of bitmap."""

    name: str

    def kept(self, sizes: Mapping[str, int], events: int) -> Collection[str]:
        """The tags (of ``sizes``, how many events each is on) whose bitmaps are kept;
        the others' are made from a sorted array of ranks when a query asks."""
        return sizes.keys()

    @abstractmethod
    def of(self, ranks: array[int]) -> Bits:
        """The bitmap of some ranks, ascending."""

    @abstractmethod
    def both(self, a: Bits, b: Bits) -> Bits:
        """The ranks in both."""

    @abstractmethod
    def one(self, a: Bits, b: Bits) -> Bits:
        """The ranks in exactly one of them."""

    @abstractmethod
    def either(self, a: Bits, b: Bits) -> Bits:
        """The ranks in either."""

    @abstractmethod
    def minus(self, a: Bits, b: Bits) -> Bits:
        """The ranks of ``a`` not in ``b``."""

    @abstractmethod
    def none(self) -> Bits:
        """No ranks."""

    @abstractmethod
    def any_of(self, bitmaps: Sequence[Bits], first: int, other_than: int) -> Bits:
        """The ranks in any of them from ``first`` on, ``other_than`` left out."""

    @abstractmethod
    def count(self, a: Bits) -> int:
        """How many ranks."""

    @abstractmethod
    def smallest(self, a: Bits, limit: int) -> list[int]:
        """The ``limit`` smallest ranks, ascending."""

    def nbytes(self, a: Bits) -> int:
        """Memory a bitmap holds outside Python's allocator (that tracemalloc cannot see)."""
        return 0


class IntBitmaps(Bitmaps[int]):
    """Pure Python: Python ints as bitmaps (bit r set for rank r), operated on whole at C
    speed; kept for the tags on at least 1/``density`` of the events, the commonest
    ``most`` of them (each costs events/8 bytes), made from arrays for the others.
    """

    name = "python"

    def __init__(self, density: int = 1024, most: int = 2048) -> None:
        self.density = density
        self.most = most

    def kept(self, sizes: Mapping[str, int], events: int) -> Collection[str]:
        common = [tag for tag, size in sizes.items() if size * self.density >= events]
        return set(sorted(common, key=sizes.__getitem__, reverse=True)[: self.most])

    def of(self, ranks: array[int]) -> int:
        bits = bytearray((ranks[-1] >> 3) + 1 if ranks else 0)
        for rank in ranks:
            bits[rank >> 3] |= 1 << (rank & 7)
        return int.from_bytes(bits, "little")

    def both(self, a: int, b: int) -> int:
        return a & b

    def one(self, a: int, b: int) -> int:
        return a ^ b

    def either(self, a: int, b: int) -> int:
        return a | b

    def minus(self, a: int, b: int) -> int:
        return a ^ (a & b)  # a & ~b would turn b into a negative int first, at length

    def none(self) -> int:
        return 0

    def any_of(self, bitmaps: Sequence[int], first: int, other_than: int) -> int:
        ranks = reduce(or_, bitmaps, 0) >> first << first
        if other_than >= 0 and ranks & (1 << other_than):
            ranks ^= 1 << other_than
        return ranks

    def count(self, a: int) -> int:
        return a.bit_count()

    def smallest(self, a: int, limit: int) -> list[int]:
        # Read the low bits only, a window twice as wide each time: `a & mask` costs the
        # mask's size, where shifting or converting `a` whole would cost a's.
        ranks: list[int] = []
        start, width = 0, 4096
        while len(ranks) < limit and start < a.bit_length():
            window = (a & ((1 << (start + width)) - 1)) >> start
            while window and len(ranks) < limit:
                lowest = window & -window
                ranks.append(start + lowest.bit_length() - 1)
                window ^= lowest
            start, width = start + width, width * 2
        return ranks


class RoaringBitmaps(Bitmaps[Any]):
    """Compressed bitmaps (pyroaring's, over CRoaring) for every tag."""

    name = "pyroaring"

    def __init__(self) -> None:
        import pyroaring  # optional: imported only when this kind is chosen

        self._module = pyroaring

    def __reduce__(self) -> tuple[type[RoaringBitmaps], tuple[()]]:
        return (RoaringBitmaps, ())  # its module is imported again, not pickled

    def of(self, ranks: array[int]) -> Any:
        return self._module.FrozenBitMap(ranks)

    def both(self, a: Any, b: Any) -> Any:
        return a & b

    def one(self, a: Any, b: Any) -> Any:
        return a ^ b

    def either(self, a: Any, b: Any) -> Any:
        return a | b

    def minus(self, a: Any, b: Any) -> Any:
        return a - b

    def none(self) -> Any:
        return self._module.BitMap()

    def any_of(self, bitmaps: Sequence[Any], first: int, other_than: int) -> Any:
        ranks = self._module.BitMap().union(*bitmaps)
        ranks.remove_range(0, first)
        if other_than >= 0:
            ranks.discard(other_than)
        return ranks

    def count(self, a: Any) -> int:
        return len(a)

    def smallest(self, a: Any, limit: int) -> list[int]:
        return list(islice(a, max(limit, 0)))

    def nbytes(self, a: Any) -> int:
        return len(a.serialize())


def best_bitmaps() -> Bitmaps[Any]:
    """Compressed bitmaps when pyroaring is installed, else the pure Python ones."""
    try:
        return RoaringBitmaps()
    except ImportError:
        return IntBitmaps()


class TagIndex(Generic[Bits]):
    """Per canonical tag, the ranks of the events that carry it."""

    def __init__(self, tags: Iterable[Iterable[str]], bitmaps: Bitmaps[Bits]) -> None:
        """``tags``: the canonical tags of each event, in rank order."""
        self.bitmaps = bitmaps
        postings: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
        events = 0
        for event_tags in tags:
            for tag in event_tags:
                postings[tag].append(events)
            events += 1
        # A tag's posting is a bitmap, or a sorted array made a bitmap when asked for.
        kept = bitmaps.kept({tag: len(posting) for tag, posting in postings.items()}, events)
        self._bitmaps = {tag: bitmaps.of(postings.pop(tag)) for tag in kept}
        self._arrays = dict(postings)

    def nbytes(self) -> int:
        """Memory the bitmaps hold outside Python's allocator."""
        return sum(self.bitmaps.nbytes(bits) for bits in self._bitmaps.values())

    def most_shared(
        self, query: Iterable[str], limit: int, first: int, other_than: int
    ) -> list[int]:
        """The ranks of the ``limit`` events that carry most of the ``query`` tags (then
        the smaller ranks, the newer events), in no particular order.

        Only events that carry one at least, ranks from ``first`` on, not ``other_than``.
        """
        postings = []
        for tag in query:
            bits = self._bitmaps.get(tag)
            if bits is None and tag in self._arrays:
                ranks = self._arrays[tag]
                bits = self.bitmaps.of(ranks[bisect_left(ranks, first) :])
            if bits is not None:
                postings.append(bits)
        if not postings or limit <= 0:
            return []
        return self._top(postings, limit, first, other_than)

    def _top(self, postings: list[Bits], limit: int, first: int, other_than: int) -> list[int]:
        """The ranks of the ``limit`` events in most of ``postings`` (then newest first),
        from ``first`` on and not ``other_than``, in no particular order."""
        bitmaps = self.bitmaps
        # digits[j]: the events whose count has binary digit j set.
        digits: list[Bits] = []
        for posting in postings:
            carry = posting
            for place, digit in enumerate(digits):
                digits[place], carry = bitmaps.one(digit, carry), bitmaps.both(digit, carry)
                if not carry:
                    break
            else:
                digits.append(carry)  # carried out of the top digit: a new one
        # From the top digit down: `greater` are fewer than `limit` events whose counts
        # beat all of `equal`'s, whose counts agree on the digits read so far.
        equal = bitmaps.any_of(digits, first, other_than)
        greater = bitmaps.none()
        for digit in reversed(digits):
            chosen = bitmaps.either(greater, bitmaps.both(equal, digit))
            found = bitmaps.count(chosen)
            if found > limit:
                equal = bitmaps.both(equal, digit)
            elif found < limit:
                greater, equal = chosen, bitmaps.minus(equal, digit)
            else:
                return bitmaps.smallest(chosen, limit)
        # `equal` now holds the events tied at the cut: the newest fill the ranking.
        return bitmaps.smallest(greater, limit) + bitmaps.smallest(
            equal, limit - bitmaps.count(greater)
        )
