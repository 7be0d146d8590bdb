"""Sets of posts as Python integers: bit `r` stands for the post of rank `r` (0 = newest).

AND, OR and `int.bit_count` run in C over machine words, which makes facet counting over thousands of values
a matter of milliseconds; the lowest set bits are the newest posts, so the first page of a list is cheap too.
"""

from __future__ import annotations

from collections.abc import Iterable

_BYTE_BITS: tuple[tuple[int, ...], ...] = tuple(tuple(b for b in range(8) if byte >> b & 1) for byte in range(256))


def from_ranks(ranks: Iterable[int], size: int) -> int:
    """The set holding `ranks` (each below `size`)."""
    buffer = bytearray((size >> 3) + 1)
    for rank in ranks:
        buffer[rank >> 3] |= 1 << (rank & 7)
    return int.from_bytes(buffer, "little")


def to_ranks(bits: int, limit: int | None = None) -> list[int]:
    """The ranks in `bits`, ascending (newest first); at most `limit` of them."""
    out: list[int] = []
    if bits <= 0:
        return out
    data = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            out.extend(base + b for b in _BYTE_BITS[byte])
            if limit is not None and len(out) >= limit:
                return out[:limit]
    return out


def span(low: int, high: int) -> int:
    """The set of ranks `low <= r < high`."""
    if high <= low:
        return 0
    return ((1 << (high - low)) - 1) << low


def lookup_table(bits: int, size: int) -> bytes:
    """`bits` as bytes, for constant-time membership tests of single ranks (`has(table, rank)`)."""
    return bits.to_bytes((size >> 3) + 1, "little")


def has(table: bytes, rank: int) -> bool:
    return bool(table[rank >> 3] >> (rank & 7) & 1)
