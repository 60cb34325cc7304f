"""CUSIP check digit (modulus 10, "double add double", CUSIP Global Services)."""

from __future__ import annotations

_SPECIAL = {"*": 36, "@": 37, "#": 38}


def _char_value(ch: str) -> int:
    if ch.isdigit():
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    raise ValueError(f"invalid CUSIP character {ch!r}")


def check_digit(base: str) -> int:
    """The check digit of the first eight characters of a CUSIP."""
    total = 0
    for i, ch in enumerate(base[:8].upper()):
        v = _char_value(ch)
        if i % 2 == 1:
            v *= 2
        total += v // 10 + v % 10
    return (10 - total % 10) % 10


def is_valid(cusip: str) -> bool:
    """True when ``cusip`` has nine characters and its ninth is the right check digit."""
    cusip = cusip.strip().upper()
    if len(cusip) != 9 or not cusip[8].isdigit():
        return False
    try:
        return check_digit(cusip) == int(cusip[8])
    except ValueError:
        return False
