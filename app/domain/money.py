"""Money as ``Decimal``: parsing user text, rounding once half-up to the cent, formatting."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from app.domain.errors import InputError

CENT = Decimal("0.01")
ZERO = Decimal(0)
_AMOUNT_RE = re.compile(r"^\$?\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?$")
_THOUSANDS_RE = re.compile(r"^\$?([0-9]+(?:\.[0-9]+)?)[kK]$")
_AMOUNT_CHARS = frozenset("0123456789,.$kK")
_NEGATIVE = ("-", "\u2212", "(")  # a minus, the minus sign, an accountant's (1,000)
AMOUNT_SPELLINGS = "25,000, $25,000.00 or 25k"
_PERCENT_RE = re.compile(r"^[0-9]+(?:\.[0-9]+)?$|^\.[0-9]+$")


def round_cents(value: Decimal) -> Decimal:
    """Round once, half-up, to the cent (domain.md: "rounded once, half-up")."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str, field: str = "amount") -> Decimal:
    """Parse ``25000``, ``25,000``, ``25000.00``, ``$25,000`` or ``25k`` (thousands) into a Decimal.

    Raises ``InputError`` naming ``field`` and what was not understood: a negative amount, the
    characters that are no part of an amount (``25x``, ``٢٥٠٠٠``), misplaced commas (``25,00``).
    """
    cleaned = text.strip().replace(" ", "")
    match = _AMOUNT_RE.match(cleaned)
    if match:
        return Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    thousands = _THOUSANDS_RE.match(cleaned)
    if thousands:
        return Decimal(thousands.group(1)) * 1000
    raise InputError(_amount_problem(text.strip(), cleaned, field), field=field, value=text)


def _amount_problem(shown: str, cleaned: str, field: str) -> str:
    """What is wrong with an amount that is not one, in words."""
    if cleaned.startswith(_NEGATIVE):
        return f"{field} {shown!r}: negative amounts are not allowed (type the amount bought, e.g. 25,000)"
    strange = list(dict.fromkeys(ch for ch in cleaned if ch not in _AMOUNT_CHARS))
    if strange:
        named = ", ".join(repr(ch) for ch in strange[:3]) + (" …" if len(strange) > 3 else "")
        return f"{field} {shown!r} is not a dollar amount: {named} not understood (e.g. {AMOUNT_SPELLINGS})"
    return f"{field} {shown!r} is not a dollar amount (e.g. {AMOUNT_SPELLINGS})"


def parse_percent(text: str, field: str = "price") -> Decimal:
    """Parse ``101``, ``101.000``, ``101.000%`` or ``100.00 %`` into a Decimal percent."""
    cleaned = text.strip().rstrip("%").strip()
    if not _PERCENT_RE.match(cleaned):  # plain ASCII digits only: no 1e2, 1_00, NaN or ١٠١
        raise InputError(
            f"{field} {text.strip()!r} is not a percentage (e.g. 100.000)", field=field, value=text
        )
    return Decimal(cleaned)


def format_usd(value: Decimal | None) -> str:
    """``Decimal('25006.53')`` → ``$25,006.53``; ``None`` → em dash."""
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def price_digits(value: Decimal) -> str:
    """A price in percent of par as digits, the one way every output echoes it: at least three
    decimals, more only where the price has them (``100`` → ``100.000``, ``101.2345`` →
    ``101.2345``); ``calc --json`` carries these digits, the text outputs add ``%``."""
    if not value.is_finite():
        return str(value)
    places = max(3, -int(value.normalize().as_tuple().exponent))
    return f"{value:.{places}f}"


def format_price(value: Decimal | None) -> str:
    """``Decimal('100')`` → ``100.000%``, ``Decimal('99.6475')`` → ``99.6475%``; None → em dash."""
    return "—" if value is None else price_digits(value) + "%"


def format_pct(value: Decimal | None, places: int = 3) -> str:
    """``Decimal('2.35')`` → ``2.350%``."""
    if value is None:
        return "—"
    return f"{value:.{places}f}%"
