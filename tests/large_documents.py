"""Long supplements for speed checks: a real note table followed by ~5 MB of prospectus prose.

A 424(b) filing that carries its base prospectus is mostly prose: risk factors, the description
of the notes, tax and distribution sections, wrapped at ~78 characters in ``.txt`` filings and
in ``<p><font>`` blocks with small two-column tables in EDGAR HTML. The paragraphs name the
note table's fields ("interest rate", "maturity date", "principal amount", "CUSIP") as real
prospectuses do, and carry curly quotes, dashes and ``®``.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

SUPPLEMENTS = Path(__file__).resolve().parent / "data" / "supplements"
TARGET_BYTES = 5_000_000

PARAGRAPHS = (
    "The notes are subject to the credit risk of the issuer. If the issuer defaults on its "
    "obligations under the notes, you may lose some or all of your investment. The market value "
    "of the notes may be influenced by many unpredictable factors, including interest rates, the "
    "issuer’s credit ratings and the time remaining to the maturity date.",
    "Each note will bear interest from its original issue date at the fixed interest rate per "
    "annum stated on its face, payable on each interest payment date and on the maturity date. "
    "Interest on the notes will be computed on the basis of a 360-day year of twelve 30-day "
    "months (30/360 — bond basis). The first interest payment date and the 1st coupon amount "
    "for each CUSIP number are set forth in the applicable pricing supplement.",
    "Unless the applicable pricing supplement states otherwise, the notes will not be redeemable "
    "prior to their stated maturity date. If the notes are callable, we may redeem them in whole "
    "but not in part at a redemption price equal to 100% of the principal amount plus accrued "
    "and unpaid interest, upon not less than 30 calendar days’ notice.",
    "The survivor’s option is the right of the representative of a deceased beneficial owner to "
    "require us to repay a note prior to maturity. The aggregate principal amount of notes we are "
    "obliged to repay in any calendar year is limited to the greater of $2,000,000 or 2% of the "
    "outstanding principal amount, and $250,000 per deceased beneficial owner.",
    "The agents will purchase the notes at the price to public less a gross concession ranging "
    "from 0.200% to 2.500% of the principal amount; selected dealers may receive a selling "
    "concession. Notes sold to level-fee accounts are sold at the price to public less the "
    "concession. InterNotes® is a registered trademark of Incapital Holdings LLC.",
    "A note purchased at a discount of more than a de minimis amount will be treated as issued "
    "with original issue discount (“OID”) for United States federal income tax purposes; a "
    "holder must include OID in income as it accrues, in advance of the receipt of cash. "
    "Prospective purchasers should consult their own tax advisers — this summary is general.",
    "The CUSIP number of each note identifies it in the book-entry system of The Depository "
    "Trust Company; beneficial interests are shown on, and transfers are effected only through, "
    "records maintained by DTC and its participants. Settlement will be made in immediately "
    "available funds on the settle date, which may be more than one business day after the "
    "trade date.",
)
_FACTS = (
    ("Ratio of earnings to fixed charges", "1.42x"),
    ("Interest coverage, year ended December 31, 2023", "3.10x"),
    ("Long-term debt outstanding", "$41,250 million"),
)


def _prose_lines() -> list[str]:
    """The paragraphs wrapped as a ``.txt`` filing prints them, blank lines between."""
    lines: list[str] = []
    for paragraph in PARAGRAPHS:
        lines.extend(textwrap.wrap(paragraph, 78))
        lines.append("")
    return lines


def long_text(name: str = "cfc-internotes-2018-columns.txt") -> bytes:
    """A golden ``.txt`` supplement (whitespace-aligned table) followed by ~5 MB of prose."""
    head = (SUPPLEMENTS / name).read_text(encoding="utf-8")
    chunk = "\n".join(_prose_lines()) + "\n"
    repeats = max(1, (TARGET_BYTES - len(head)) // len(chunk.encode()))
    return (head + "\n\nRISK FACTORS\n\n" + chunk * repeats).encode()


def _html_block() -> str:
    paragraphs = "".join(
        f'<p style="margin-top:6pt"><font size="2" face="Times New Roman">{html.escape(p)}</font></p>\n'
        for p in PARAGRAPHS
    )
    rows = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>" for a, b in _FACTS)
    return paragraphs + f'<table border="0" cellpadding="0">{rows}</table>\n'


def long_html(name: str = "prudential-internotes-2014.html") -> bytes:
    """A golden EDGAR HTML supplement with ~5 MB of prospectus prose before ``</body>``."""
    page = (SUPPLEMENTS / name).read_text(encoding="utf-8")
    block = _html_block()
    repeats = max(1, (TARGET_BYTES - len(page)) // len(block.encode()))
    end = re.search(r"</body>", page, re.I)
    assert end is not None, name
    return (page[: end.start()] + block * repeats + page[end.start() :]).encode()
