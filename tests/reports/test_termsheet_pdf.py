"""The client term sheet: one letter page of real (searchable) text with calc's figures.

Every test that paints takes pytest-qt's ``qapp`` so the session's application is a
``QApplication`` (widget tests may follow); the renderer alone needs only a QGuiApplication,
checked in a fresh process in test_export_cli.py.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.model import (
    CouponType,
    Offering,
    ParseWarning,
    Quote,
    Step,
    Yields,
    YieldToCall,
)
from app.domain.money import format_usd
from app.domain.quote import make_purchase, quote
from app.reports.calc_json import quote_dict
from app.reports.termsheet_html import term_sheet_html

pytestmark = pytest.mark.usefixtures("qapp")
LETTER = (612, 792)  # points


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return len(reader.pages), text


def render(offering: Offering, q: Quote) -> bytes:
    from app.reports._qt_pdf import render_pdf

    return render_pdf(
        offering, q, source_name="ally-term-notes-pricing-supplement-213.txt", today=date(2020, 1, 9)
    )


def test_one_letter_page_with_calc_figures(offering: Offering, ally_quote: Quote) -> None:
    data = render(offering, ally_quote)
    assert data.startswith(b"%PDF")
    pages, text = pdf_text(data)
    assert pages == 1
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == LETTER
    calc = quote_dict(ally_quote)
    for figure in ("accrued_interest", "total", "annual_income", "principal"):
        assert format_usd(Decimal(calc[figure])) in text, figure
    assert "$40.80" in text and "$25,040.80" in text  # domain.md: 25 days on $25,000
    assert "02006DTT8" in text


def test_terms_source_and_disclaimer(offering: Offering, ally_quote: Quote) -> None:
    _, text = pdf_text(render(offering, ally_quote))
    for expected in (
        "Ally Financial Inc.",
        "Ally Financial Term Notes, Series A",
        "2.350% fixed, paid monthly",
        "Nov 15, 2022",
        "Callable at 100.000% from 2020-11-15, monthly, 30 calendar days' notice",  # one price format
        "Survivor's option Yes",
        "ally-term-notes-pricing-supplement-213.txt",
        "Preliminary Pricing Supplement No. 213 dated Nov 18, 2019",
        "Prepared Jan 9, 2020",
        "not an offer",
        "see the prospectus",
    ):
        assert expected in text, expected


def test_first_twelve_payments(offering: Offering, ally_quote: Quote) -> None:
    _, text = pdf_text(render(offering, ally_quote))
    assert "First 12 payments".upper() in text
    assert "Feb 18, 2020" in text  # 2/15/2020 paid Tuesday 2/18/2020
    assert "Dec 15, 2020" in text  # the twelfth payment of this purchase (coupon 13)
    assert "Jan 15, 2021" not in text


def test_yields_shown_when_known_and_marked_when_not(offering: Offering, ally_quote: Quote) -> None:
    _, without = pdf_text(render(offering, dataclasses.replace(ally_quote, yields=None)))
    assert "Yields not available" in without
    known = Yields(
        Decimal("2.350"),
        Decimal("2.349"),
        Decimal("2.345"),
        date(2020, 11, 15),
        (YieldToCall(date(2020, 11, 15), Decimal("2.345")),),
    )
    _, text = pdf_text(render(offering, dataclasses.replace(ally_quote, yields=known)))
    assert "Yield to maturity 2.349%" in text
    assert "Yield to worst 2.345% (to Nov 15, 2020)" in text


def test_long_note_and_long_texts_still_fit_one_page(offering: Offering) -> None:
    note = dataclasses.replace(
        offering.notes[0],
        cusip="02006DXX0",
        maturity_date=date(2049, 11, 15),
        coupon_type=CouponType.STEP,
        steps=(Step(date(2024, 11, 15), Decimal("3.000")), Step(date(2029, 11, 15), Decimal("4"))),
    )
    big = dataclasses.replace(offering, notes=(note,), issuer="A <Very> Long Issuer & Co. " * 3)
    q = quote(make_purchase(big, note, amount=Decimal(1_000_000)))
    q = dataclasses.replace(q, warnings=(ParseWarning("x", "a long warning " * 60),) * 4)
    pages, text = pdf_text(render(big, q))
    assert pages == 1
    assert "A <Very> Long Issuer & Co." in text
    assert format_usd(q.total) in text


def test_chart_is_painted(ally_quote: Quote) -> None:
    from PySide6.QtGui import QColor

    from app.reports._qt_pdf import BAR, CHART_SCALE, CHART_SIZE, chart_image

    image = chart_image(ally_quote)
    assert (image.width(), image.height()) == (CHART_SIZE[0] * CHART_SCALE, CHART_SIZE[1] * CHART_SCALE)
    bar = QColor(BAR).rgb()
    row = image.height() * 2 // 3
    assert sum(image.pixel(x, row) == bar for x in range(image.width())) > image.width() // 5


def test_print_goes_through_the_same_page(offering: Offering, ally_quote: Quote, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from app.reports._qt_pdf import print_term_sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_term_sheet(printer, offering, ally_quote, source_name="sample.txt")
    pages, text = pdf_text(out.read_bytes())
    assert pages == 1
    assert "$25,040.80" in text and "02006DTT8" in text


def test_html_escapes_document_text(offering: Offering, ally_quote: Quote) -> None:
    odd = dataclasses.replace(offering, issuer="<b>Evil</b> & Sons", program=None, document=None)
    html = term_sheet_html(
        odd, ally_quote, source_name="a<b>.txt", today=date(2020, 1, 9), chart_width_px=700
    )
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Sons" in html
    assert "a&lt;b&gt;.txt" in html
    assert "<b>Evil</b>" not in html
