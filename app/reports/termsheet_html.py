"""The client term sheet as HTML for ``QTextDocument`` (Qt-free: text in, markup out).

One letter page: the note's terms, the purchase, yields, a picture of the payments (an image
resource named ``CHART_URL`` that the renderer supplies), the first twelve payments, the source
document and the "not an offer" line. Only the HTML subset ``QTextDocument`` understands is used:
tables for layout, ``bgcolor``/``cellpadding`` attributes, simple CSS on text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape

from app.domain.calendar import roll_reason
from app.domain.model import CouponType, Frequency, Note, Offering, Quote
from app.domain.money import format_pct, format_price, format_usd
from app.domain.printed import lines_of
from app.reports.text import call_terms, worst_words

CHART_URL = "termsheet://chart.png"
FIRST_PAYMENTS = 12
NAVY, RULE, SHADE, MUTED = "#1f3a5f", "#c9d1dc", "#f1f4f8", "#5b6776"
DISCLAIMER = (
    "This term sheet is a summary for information only. It is not an offer to sell or a "
    "solicitation of an offer to buy any security; see the prospectus and the pricing supplement, "
    "which govern and should be read before investing. Amounts are computed for the purchase "
    "shown ({day_count} day count, payments on New York banking days) and may differ from your "
    "trade confirmation."
)


def long_date(d: date | None) -> str:
    """``date(2022, 11, 15)`` → ``Nov 15, 2022``; None → em dash."""
    return f"{d:%b} {d.day}, {d.year}" if d is not None else "—"


def _e(text: object) -> str:
    return escape(str(text))


def note_title(n: Note) -> str:
    """The page's headline: "2.350% Senior Unsecured Notes due Nov 15, 2022"."""
    kind = n.ranking or "Notes"
    if n.coupon_type is CouponType.ZERO:
        return f"Zero-Coupon {kind} due {long_date(n.maturity_date)}"
    rate = format_pct(n.coupon_rate_pct) if n.coupon_rate_pct is not None else ""
    step = "Step-Up " if n.coupon_type is CouponType.STEP else ""
    floating = "Floating-Rate " if n.coupon_type is CouponType.FLOATING else ""
    return f"{rate} {step}{floating}{kind} due {long_date(n.maturity_date)}".strip()


def coupon_words(n: Note, current_pct: Decimal) -> str:
    """The coupon in words, "2.350% fixed, paid monthly"; steps and floats give today's rate."""
    if n.coupon_type is CouponType.ZERO:
        return "zero coupon"
    paid = "at maturity" if n.frequency is Frequency.AT_MATURITY else n.frequency.value
    if n.coupon_type is CouponType.STEP:
        steps = "; ".join(f"{format_pct(s.rate_pct)} from {long_date(s.from_date)}" for s in n.steps)
        return f"step-up, {format_pct(current_pct)} now, paid {paid} ({steps})"
    if n.coupon_type is CouponType.FLOATING:
        return f"floating, {format_pct(current_pct)} now, paid {paid}"
    return f"{format_pct(n.coupon_rate_pct)} fixed, paid {paid}"


def survivors_words(n: Note) -> str:
    if n.survivors_option is None:
        return "not stated"
    if not n.survivors_option:
        return "No"
    return (
        "Yes: the estate may put the note back at 100% plus accrued interest "
        "(holding period and annual limits in the prospectus)"
    )


def _kv_table(title: str, rows: Sequence[tuple[str, str]]) -> str:
    """A titled two-column block of label/value rows (values already escaped HTML)."""
    body = "".join(
        f'<tr><td width="36%" style="color:{MUTED};">{_e(k)}</td><td>{v}</td></tr>' for k, v in rows
    )
    return (
        f'<p style="margin:0 0 3px 0; font-size:8pt; font-weight:600; color:{NAVY};'
        f' letter-spacing:1px;">{_e(title.upper())}</p>'
        f'<table width="100%" cellspacing="0" cellpadding="2" style="font-size:8.5pt;">{body}</table>'
    )


def note_rows(offering: Offering, q: Quote) -> list[tuple[str, str]]:
    n = q.purchase.note
    current = q.coupons[0].rate_pct if q.coupons else n.rate_on(q.purchase.settle_date)
    first = long_date(n.first_coupon_date)
    if n.first_coupon_amount is not None:
        first += f" ({format_usd(n.first_coupon_amount)} per $1,000)"
    return [
        ("Issuer", _e(offering.issuer or "—")),
        ("Program", _e(offering.program or "—")),
        ("CUSIP", f"<b>{_e(n.cusip_shown)}</b>"),
        ("Coupon", _e(coupon_words(n, current))),
        ("Day count", _e(n.day_count.value)),
        ("Issue date", _e(long_date(n.issue_date))),
        ("First coupon", _e(first)),
        ("Maturity", f"<b>{_e(long_date(n.maturity_date))}</b>"),
        ("Call terms", _e(_first_upper(call_terms(n.redemption)))),
        ("Survivor's option", _e(survivors_words(n))),
    ]


def purchase_rows(q: Quote) -> list[tuple[str, str]]:
    p = q.purchase
    accrued = format_usd(q.accrued_interest)
    if q.accrued_days:
        accrued += f" ({q.accrued_days} days)"
    return [
        ("Face amount", _e(format_usd(p.amount))),
        ("Price", _e(format_price(p.price_pct))),
        ("Settle date", _e(long_date(p.settle_date))),
        ("Principal", _e(format_usd(q.principal))),
        ("Accrued interest", _e(accrued)),
        ("Total cost", f"<b>{_e(format_usd(q.total))}</b>"),
    ]


def yield_rows(q: Quote) -> list[tuple[str, str]]:
    rows = [("Annual income", f"<b>{_e(format_usd(q.annual_income))}</b>")]
    y = q.yields
    if y is None:
        return [*rows, ("Yields", f'<span style="color:{MUTED};">not available</span>')]
    worst = worst_words(y, lambda d: f"to {long_date(d)}") if y.worst_pct is not None else "—"
    bey = f"{format_pct(y.maturity_bey_pct)} to maturity"
    if not y.calls_unknown and y.worst_date != q.purchase.note.maturity_date:
        bey += f", {format_pct(y.worst_bey_pct)} to worst"
    rows += [
        ("Current yield", _e(format_pct(y.current_pct))),
        ("Yield to maturity", _e(format_pct(y.maturity_pct))),
        ("Yield to worst", _e(worst)),
        ("Bond-equivalent yield", _e(bey)),
    ]
    return rows + [(c.label, _e(c.text)) for c in lines_of(q.purchase.printed)]


def _remark(q: Quote, accrual_end: date, payment_date: date) -> str:
    parts = []
    if payment_date == q.redemption.payment_date:
        parts.append(f"with principal {format_usd(q.redemption.amount)}")
    if any(c.date == accrual_end for c in q.calls):
        parts.append("call date")
    if payment_date != accrual_end:
        parts.append(f"due {long_date(accrual_end)}: {roll_reason(accrual_end)}")
    return "; ".join(parts)


def _zero_rows(q: Quote) -> list[tuple[str, str, str]]:
    """A zero-coupon note's payments: what each call date would repay, then maturity."""
    r = q.redemption
    rows = [
        (long_date(c.payment_date), format_usd(q.call_amount(c)), f"if called on {long_date(c.date)}")
        for c in q.calls
    ]
    return [*rows, (long_date(r.payment_date), format_usd(r.amount), "principal at maturity")]


def zero_table(q: Quote) -> str:
    """The payments table of a zero-coupon note: no coupons, the call amounts and maturity."""
    head = "".join(
        f'<th align="{a}" width="{w}%" style="color:white; font-weight:600;">{t}</th>'
        for t, a, w in (("Paid on", "left", 25), ("Amount", "right", 20), ("", "left", 55))
    )
    body = []
    for i, (day, amount, what) in enumerate(_zero_rows(q)):
        shade = f' bgcolor="{SHADE}"' if i % 2 else ""
        body.append(
            f"<tr{shade}><td>{_e(day)}</td><td align=right>{_e(amount)}</td>"
            f'<td style="color:{MUTED}; font-size:7.5pt;">{_e(what)}</td></tr>'
        )
    return (
        '<table width="100%" cellspacing="0" cellpadding="3" style="font-size:8.5pt;">'
        f'<tr bgcolor="{NAVY}">{head}</tr>{"".join(body)}</table>'
    )


def payments_table(q: Quote) -> str:
    head = "".join(
        f'<th align="{a}" width="{w}%" style="color:white; font-weight:600;">{t}</th>'
        for t, a, w in (
            ("#", "right", 4),
            ("Paid on", "left", 15),
            ("Interest period", "left", 29),
            ("Days", "right", 6),
            ("Amount", "right", 10),
            ("", "left", 36),
        )
    )
    body = []
    for i, c in enumerate(q.coupons[:FIRST_PAYMENTS]):
        shade = f' bgcolor="{SHADE}"' if i % 2 else ""
        period = f"{long_date(c.accrual_start)} – {long_date(c.accrual_end)}"
        body.append(
            f"<tr{shade}><td align=right>{c.number}</td><td>{_e(long_date(c.payment_date))}</td>"
            f"<td>{_e(period)}</td><td align=right>{c.days}</td>"
            f"<td align=right>{_e(format_usd(c.amount))}</td>"
            f'<td style="color:{MUTED}; font-size:7.5pt;">'
            f"{_e(_remark(q, c.accrual_end, c.payment_date))}</td></tr>"
        )
    return (
        '<table width="100%" cellspacing="0" cellpadding="3" style="font-size:8.5pt;">'
        f'<tr bgcolor="{NAVY}">{head}</tr>{"".join(body)}</table>'
    )


def chart_caption(q: Quote) -> str:
    r = q.redemption
    if q.purchase.note.coupon_type is CouponType.ZERO:
        called = "; the lighter bars are what each call date would repay" if q.calls else ""
        return _e(
            f"A zero-coupon note pays no interest: the principal, {format_usd(r.amount)}, is repaid on "
            f"{long_date(r.payment_date)}{called}."
        )
    text = "Each bar is one interest payment, on the date it is paid"
    if q.calls:
        text += "; the shaded part is the callable period"
    return _e(
        f"{text}. The principal, {format_usd(r.amount)}, is repaid on "
        f"{long_date(r.payment_date)} (not drawn)."
    )


def income_line(q: Quote) -> str:
    r = q.redemption
    if q.purchase.note.coupon_type is CouponType.ZERO:
        text = (
            f"Zero coupon: no interest is paid. The principal, <b>{_e(format_usd(r.amount))}</b>, is "
            f"repaid on {_e(long_date(r.payment_date))} for a cost of {_e(format_usd(q.total))}"
        )
        return text + (" unless the note is called first." if q.calls else ".")
    total = sum((c.amount for c in q.coupons), Decimal(0))
    text = (
        f"Annual income <b>{_e(format_usd(q.annual_income))}</b>. {len(q.coupons)} payments "
        f"remain, {_e(format_usd(total))} of interest in all; principal "
        f"{_e(format_usd(r.amount))} is repaid on {_e(long_date(r.payment_date))}"
    )
    return text + (" unless the note is called first." if q.calls else ".")


def source_line(offering: Offering, source_name: str | None, today: date) -> str:
    doc = offering.document or "pricing supplement"
    if offering.preliminary and "prelim" not in doc.lower():
        doc = f"preliminary {doc}"
    parts = [f"Source: {source_name}" if source_name else "Source:", doc]
    if offering.supplement_date:
        parts[-1] += f" dated {long_date(offering.supplement_date)}"
    if offering.prospectus_date:
        parts.append(f"prospectus dated {long_date(offering.prospectus_date)}")
    text = " — ".join(p for p in parts[:2]) + "".join(f"; {p}" for p in parts[2:])
    if offering.preliminary:
        text += ". Terms are preliminary; final terms may differ"
    return f"{text}. Prepared {long_date(today)}."


def _rule(color: str, width: float, space_above: int) -> str:
    """A full-width horizontal line (a table whose only cell has a bottom border)."""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:{space_above}px;'
        f' border-collapse:collapse;"><tr><td style="font-size:1pt;'
        f' border-bottom:{width}px solid {color};"></td></tr></table>'
    )


def _header(offering: Offering, n: Note) -> str:
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td valign="bottom"><span style="font-size:17pt; font-weight:700; color:{NAVY};">'
        f"{_e(offering.issuer or 'Retail note')}</span><br>"
        f'<span style="font-size:9.5pt; color:{MUTED};">{_e(offering.program or "")}</span></td>'
        f'<td align="right" valign="bottom"><span style="font-size:8pt; color:{MUTED};'
        f' letter-spacing:1px;">CLIENT TERM SHEET</span><br>'
        f'<span style="font-size:13pt; font-weight:700; color:{NAVY};">CUSIP {_e(n.cusip_shown)}</span>'
        "</td></tr></table>"
        + _rule(NAVY, 2.5, 4)
        + f'<p style="font-size:12pt; font-weight:600; margin:8px 0 0 0;">'
        f"{_e(note_title(n))}</p>"
    )


def _payments_section(q: Quote) -> str:
    if q.purchase.note.coupon_type is CouponType.ZERO:
        return _section("Repayment" + (" and call amounts" if q.calls else "")) + zero_table(q)
    return _section(f"First {min(FIRST_PAYMENTS, len(q.coupons))} payments") + payments_table(q)


def _section(title: str) -> str:
    return (
        f'<p style="margin:12px 0 4px 0; font-size:8pt; font-weight:600; color:{NAVY};'
        f' letter-spacing:1px;">{_e(title.upper())}</p>'
    )


def term_sheet_html(
    offering: Offering, q: Quote, *, source_name: str | None, today: date, chart_width_px: int
) -> str:
    """The whole page; ``chart_width_px`` is the chart's width in 96-dpi pixels."""
    n = q.purchase.note
    warnings = "".join(f"<br>Note: {_e(w.message)}." for w in q.warnings)
    return (
        '<html><body style="font-size:9pt; color:#1b1f24;">'
        + _header(offering, n)
        + '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:8px;"><tr>'
        + f'<td width="54%" valign="top">{_kv_table("The note", note_rows(offering, q))}</td>'
        + '<td width="3%"></td>'
        + f'<td width="43%" valign="top">{_kv_table("Your purchase", purchase_rows(q))}'
        + f'<p style="margin:8px 0 0 0;"></p>{_kv_table("Income and yields", yield_rows(q))}</td>'
        + "</tr></table>"
        + _section("Payments over the life of the note")
        + f'<p style="margin:0;"><img src="{CHART_URL}" width="{chart_width_px}"></p>'
        + f'<p style="margin:2px 0 0 0; font-size:7.5pt; color:{MUTED};">{chart_caption(q)}</p>'
        + _payments_section(q)
        + f'<p style="margin:4px 0 0 0;">{income_line(q)}</p>'
        + _rule(RULE, 1, 10)
        + f'<p style="font-size:7.5pt; color:{MUTED}; margin:4px 0 0 0;">'
        + f"{_e(source_line(offering, source_name, today))}{warnings}</p>"
        + f'<p style="font-size:7.5pt; color:{MUTED}; margin:3px 0 0 0;"><b>Not an offer.</b> '
        + f"{_e(DISCLAIMER.format(day_count=n.day_count.value))}</p></body></html>"
    )


def _first_upper(text: str) -> str:
    """``text`` with its first letter upper-case and the rest as written ("Treasuries" stays)."""
    return text[:1].upper() + text[1:]
