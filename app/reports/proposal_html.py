"""The client proposal as HTML for ``QTextDocument`` (Qt-free: a proposal in, markup out).

Letter pages: the client and advisor, the positions, the totals, income by year, the call risk
(every callable note called at its first call date), the payment schedule by month, the sources
and the disclaimers. The same HTML subset as the term sheet (``termsheet_html``): tables for
layout, ``bgcolor``/``cellpadding`` attributes, simple CSS on text; long tables have a
``<thead>`` that ``QTextDocument`` repeats on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import PurePath

from app.domain.holding import Holding
from app.domain.money import format_pct, format_usd
from app.domain.proposal import Proposal
from app.present.words import worst_words
from app.reports.termsheet_html import MUTED, NAVY, RULE, SHADE, long_date, note_title

DISCLAIMER = (
    "This proposal is a summary for information only. It is not an offer to sell or a solicitation "
    "of an offer to buy any security; each note's prospectus and pricing supplement govern and "
    "should be read before investing. Amounts are computed for the purchases shown (each note's "
    "day count, payments on New York banking days) and may differ from your trade confirmations. "
    "Callable notes may be redeemed before maturity: the figures “if called first” assume each "
    "callable note is redeemed on its first call date at its call price. Yields are not a "
    "guarantee of return; notes are subject to the issuer's credit risk and, if sold before "
    "maturity, to market prices."
)
MONTH_CUSIPS = 3  # the schedule names the CUSIPs paying in a month up to this many


def _e(text: object) -> str:
    return escape(str(text))


def _month(d: date) -> str:
    return f"{d:%b} {d.year}"


def _section(title: str) -> str:
    return (
        f'<p style="margin:14px 0 4px 0; font-size:8pt; font-weight:600; color:{NAVY};'
        f' letter-spacing:1px;">{_e(title.upper())}</p>'
    )


def _table(headings: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]], repeat: bool = False) -> str:
    """A table with a navy heading row; ``headings`` are (text, align); cells are escaped HTML."""
    head = "".join(f'<th align="{a}" style="color:white; font-weight:600;">{_e(t)}</th>' for t, a in headings)
    shade = f' bgcolor="{SHADE}"'
    body = "".join(
        f"<tr{shade if i % 2 else ''}>"
        + "".join(f'<td align="{a}">{cell}</td>' for (_, a), cell in zip(headings, row, strict=True))
        + "</tr>"
        for i, row in enumerate(rows)
    )
    head_row = f'<tr bgcolor="{NAVY}">{head}</tr>'
    if repeat:
        head_row = f"<thead>{head_row}</thead>"
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" style="font-size:8pt;">{head_row}{body}</table>'
    )


def _header(p: Proposal, today: date) -> str:
    prepared = f"Prepared by {p.advisor}" if p.advisor else "Prepared"
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td valign="bottom"><span style="font-size:8pt; color:{MUTED}; letter-spacing:1px;">'
        f"CLIENT PROPOSAL</span><br>"
        f'<span style="font-size:17pt; font-weight:700; color:{NAVY};">{_e(p.client or "Client")}</span></td>'
        f'<td align="right" valign="bottom"><span style="font-size:9pt; color:{MUTED};">'
        f"{_e(prepared)}<br>{_e(long_date(today))}</span></td></tr></table>"
        f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:4px;"><tr>'
        f'<td style="font-size:1pt; border-bottom:2.5px solid {NAVY};"></td></tr></table>'
        + (f'<p style="margin:8px 0 0 0;">{_e(p.note)}</p>' if p.note else "")
    )


def _note_cell(h: Holding) -> str:
    q = h.quote
    if q is None:
        return f"<b>{_e(h.position.cusip or '—')}</b><br>" + (
            f'<span style="color:#a33;">Not priced: {_e(h.error)}</span>'
        )
    issuer = h.offering.issuer if h.offering and h.offering.issuer else "—"
    return f"<b>{_e(q.purchase.note.cusip)}</b> {_e(issuer)}<br>{_e(note_title(q.purchase.note))}"


def positions_table(p: Proposal) -> str:
    headings = [("#", "right"), ("Note", "left"), ("Face amount", "right"), ("Price", "right"),
                ("Settles", "left"), ("Total cost", "right"), ("Annual income", "right"),
                ("Yield to worst", "right")]  # fmt: skip
    rows = []
    for i, h in enumerate(p.holdings, start=1):
        q = h.quote
        if q is None:
            rows.append([str(i), _note_cell(h), "", "", "", "", "", ""])
            continue
        y = q.yields
        worst = format_pct(y.worst_pct) if y else "—"
        if y and y.calls_unknown:
            worst = _e(worst_words(y, long_date))
        elif y and y.worst_date:
            worst += f"<br>to {_e(long_date(y.worst_date))}"
        buy = q.purchase
        figures = [format_usd(buy.amount), format_pct(buy.price_pct), long_date(buy.settle_date),
                   format_usd(q.total), format_usd(q.annual_income)]  # fmt: skip
        rows.append([str(i), _note_cell(h), *map(_e, figures), worst])
    return _table(headings, rows)


def totals_table(p: Proposal) -> str:
    t, risk = p.totals, p.call_risk
    accrued = format_usd(t.accrued_interest)
    rows = [
        ("Face amount", format_usd(t.face_amount)),
        ("Principal", format_usd(t.principal)),
        ("Accrued interest", accrued),
        ("Total cost", f"<b>{_e(format_usd(t.total))}</b>"),
        ("Annual income", f"<b>{_e(format_usd(t.annual_income))}</b>"),
        ("Interest to maturity", format_usd(t.interest)),
        ("Interest if called first", format_usd(risk.interest)),
        ("Income at risk", format_usd(risk.income_at_risk)),
    ]
    body = "".join(
        f'<tr><td width="40%" style="color:{MUTED};">{_e(k)}</td>'
        f"<td>{v if v.startswith('<b>') else _e(v)}</td></tr>"
        for k, v in rows
    )
    return f'<table width="60%" cellspacing="0" cellpadding="2" style="font-size:8.5pt;">{body}</table>'


def income_by_year(p: Proposal) -> str:
    rows = []
    for year, h, c in p.by_year_both():
        money = (h.interest, h.principal, h.interest + h.principal, c.interest, c.principal)
        rows.append([str(year), *(_e(format_usd(v)) for v in money)])
    headings = [("Year", "left"), ("Interest", "right"), ("Principal", "right"), ("Total", "right"),
                ("If called: interest", "right"), ("If called: principal", "right")]  # fmt: skip
    return _table(headings, rows, repeat=True)


def call_risk(p: Proposal) -> str:
    risk, t = p.call_risk, p.totals
    if not risk.calls:
        return "<p>None of the notes can be called before maturity: all income is held to maturity.</p>"
    early = sum((c.amount for c in risk.calls), Decimal(0))
    text = (
        f"If every callable note is called on its first call date, the client receives "
        f"{_e(format_usd(risk.interest))} of interest instead of {_e(format_usd(t.interest))}: "
        f"<b>{_e(format_usd(risk.income_at_risk))}</b> of income is at risk, and "
        f"{_e(format_usd(early))} of principal comes back early, to be reinvested at the rates of "
        "that time."
    )
    headings = [("#", "right"), ("CUSIP", "left"), ("First call", "left"), ("Paid", "left"),
                ("Call price", "right"), ("Returned", "right"), ("Interest lost", "right")]  # fmt: skip
    rows = [
        [str(c.position + 1), _e(c.cusip), _e(long_date(c.call.date)), _e(long_date(c.call.payment_date)),
         _e(format_pct(c.call.price_pct)), _e(format_usd(c.amount)), _e(format_usd(c.interest_lost))]
        for c in risk.calls
    ]  # fmt: skip
    return f'<p style="margin:0 0 4px 0;">{text}</p>' + _table(headings, rows)


def monthly_schedule(p: Proposal) -> str:
    payers: dict[str, list[str]] = {}
    for f in p.cash_flows():
        names = payers.setdefault(f"{f.payment_date:%Y-%m}", [])
        if f.cusip not in names:
            names.append(f.cusip)
    rows = []
    for r in p.by_month():
        names = payers.get(r.month, [])
        paid_by = ", ".join(names) if len(names) <= MONTH_CUSIPS else f"{len(names)} notes"
        rows.append([_e(_month(r.start)), _e(format_usd(r.interest)), _e(format_usd(r.principal)),
                     _e(format_usd(r.interest + r.principal)), _e(paid_by)])  # fmt: skip
    headings = [("Month", "left"), ("Interest", "right"), ("Principal", "right"), ("Total", "right"),
                ("Paid by", "left")]  # fmt: skip
    return _table(headings, rows, repeat=True)


def _small(html: str) -> str:
    return f'<p style="font-size:7.5pt; color:{MUTED}; margin:4px 0 0 0;">{html}</p>'


def sources_line(p: Proposal) -> str:
    """The documents the positions were priced from: "Sources: ally-213.txt (Preliminary Pricing
    Supplement No. 213)"."""
    names = {}
    for h in p.holdings:
        if h.offering is not None:
            title = f" ({h.offering.document})" if h.offering.document else ""
            names[PurePath(h.position.document).name + title] = None
    return "Sources: " + ("; ".join(names) if names else "—") + "."


def proposal_html(p: Proposal, *, today: date) -> str:
    """The whole proposal (several pages)."""
    warnings = "".join(f"<br>{_e(w.where)}: {_e(w.message)}." for w in p.warnings)
    return (
        '<html><body style="font-size:9pt; color:#1b1f24;">'
        + _header(p, today)
        + _section("Positions")
        + positions_table(p)
        + _section("Totals")
        + totals_table(p)
        + _section("Income by year")
        + income_by_year(p)
        + _section("Call risk: if called first")
        + call_risk(p)
        + _section("Payment schedule by month")
        + monthly_schedule(p)
        + '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:10px;"><tr>'
        + f'<td style="font-size:1pt; border-bottom:1px solid {RULE};"></td></tr></table>'
        + _small(f"{_e(sources_line(p))}{warnings}")
        + _small(f"<b>Not an offer.</b> {_e(DISCLAIMER)}")
        + "</body></html>"
    )
