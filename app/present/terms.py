"""Qt-free: every term of a note and its offering as labelled groups for the terms view, with
the cross-checks ("1st coupon amount $1.04 matches 30/360") and the loader's warnings."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.calendar import roll_reason
from app.domain.calls import call_dates
from app.domain.errors import TermSheetError
from app.domain.model import CouponType, Note, Offering, ParseWarning, Quote
from app.domain.money import format_usd
from app.domain.printed import check_lines, lines_of
from app.domain.quote import note_warnings
from app.domain.schedule import periods
from app.present.rows import FREQUENCY_LABEL, fmt_date, fmt_rate
from app.present.words import call_terms


@dataclass(frozen=True, slots=True)
class Term:
    """A labelled term; ``level`` marks checks and warnings (``ok``, ``warn``, ``bad``)."""

    label: str
    value: str
    level: str = ""


@dataclass(frozen=True, slots=True)
class TermGroup:
    title: str
    terms: tuple[Term, ...]


def _yes_no(value: bool | None) -> str:
    return "Not stated" if value is None else ("Yes" if value else "No")


def _text(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


NO_CUSIP = "not printed in the document"


def _cusip_term(note: Note) -> Term:
    """The CUSIP as printed; a check digit that fails is marked; none printed is said so."""
    if not note.cusip:
        return Term("CUSIP", NO_CUSIP, "warn")
    return Term(
        "CUSIP",
        note.cusip + ("" if note.cusip_valid else "  (check digit fails)"),
        "" if note.cusip_valid else "bad",
    )


def _coupon_terms(note: Note) -> list[Term]:
    """The coupon, its steps, frequency, day count and first coupon; a zero has none of them."""
    if note.coupon_type is CouponType.ZERO:
        return [Term("Coupon", "zero coupon: none paid; the principal is repaid at maturity")]
    steps = "; ".join(f"{fmt_rate(s.rate_pct)} from {fmt_date(s.from_date)}" for s in note.steps)
    return [
        Term("Coupon", f"{fmt_rate(note.coupon_rate_pct)} {note.coupon_type.value}"),
        *([Term("Steps", steps)] if steps else []),
        Term("Frequency", FREQUENCY_LABEL.get(note.frequency.value, note.frequency.value)),
        Term("Day count", note.day_count.value),
        Term("1st coupon date", fmt_date(note.first_coupon_date)),
        Term("1st coupon per $1,000", format_usd(note.first_coupon_amount)),
    ]


def note_terms(note: Note) -> TermGroup:
    rows = [
        _cusip_term(note),
        *_coupon_terms(note),
        Term("Issue (accrual) date", fmt_date(note.issue_date)),
        Term("Maturity date", fmt_date(note.maturity_date)),
        Term("Selling price", fmt_rate(note.price_pct)),
        Term("Gross concession", fmt_rate(note.concession_pct)),
        Term("Principal amount", format_usd(note.principal_amount)),
        Term("Net proceeds", format_usd(note.net_proceeds)),
        Term("Ranking", _text(note.ranking)),
    ]
    return TermGroup("Note", tuple(rows))


def offering_terms(o: Offering) -> TermGroup:
    period = (
        f"{fmt_date(o.offering_start)} to {fmt_date(o.offering_end)}"
        if o.offering_start or o.offering_end
        else "—"
    )
    rows = [
        Term("Issuer", _text(o.issuer)),
        Term("Program", _text(o.program)),
        Term("Document", _text(o.document) + (" (preliminary)" if o.preliminary else "")),
        Term("Supplement date", fmt_date(o.supplement_date)),
        Term("Prospectus date", fmt_date(o.prospectus_date)),
        Term("Registration no.", _text(o.registration_no)),
        Term("Offering period", period),
        Term("Trade date", fmt_date(o.trade_date)),
        Term("Settle date", fmt_date(o.settle_date)),
        Term("Minimum / increment", f"{format_usd(o.minimum_denomination)} / {format_usd(o.increment)}"),
        Term("DTC number", _text(o.dtc_number)),
        Term("Agents", ", ".join(o.agents) or "—"),
    ]
    return TermGroup("Offering", tuple(rows))


def call_count(note: Note) -> int | None:
    """How many call dates the note has over its life (None when its schedule cannot be formed)."""
    try:
        return len(call_dates(note, periods(note)))
    except TermSheetError:
        return None


def redemption_terms(note: Note) -> TermGroup:
    """Callable or not, the call terms in the one wording every output uses (``call_terms``:
    listed call dates with their own prices), how many call dates, the text as printed."""
    r = note.redemption
    rows = [Term("Callable", _yes_no(r.callable))]
    if r.callable:
        terms = call_terms(r)
        rows.append(Term("Call terms", terms[:1].upper() + terms[1:]))
        count = call_count(note)
        if count is not None:
            rows.append(Term("Call dates", str(count)))
    if r.text:
        rows.append(Term("As printed", r.text))
    return TermGroup("Redemption", tuple(rows))


def survivor_terms(note: Note) -> TermGroup:
    rows = [Term("Survivor's option", _yes_no(note.survivors_option))]
    if note.survivors_option_text:
        rows.append(Term("As printed", note.survivors_option_text))
    return TermGroup("Survivor's option", tuple(rows))


def first_coupon_text(quote: Quote) -> tuple[str, str]:
    """("1st coupon amount $1.04 matches 30/360", "ok") and its level."""
    check = quote.first_coupon
    basis = quote.purchase.note.day_count.value
    if check.computed is None:
        return "1st coupon amount: schedule could not be computed", "bad"
    if check.printed is None:
        return f"1st coupon amount not printed; {basis} gives {format_usd(check.computed)} per $1,000", ""
    if check.matches:
        return f"1st coupon amount {format_usd(check.printed)} matches {basis}", "ok"
    return (
        f"1st coupon amount {format_usd(check.printed)} printed, {basis} gives "
        f"{format_usd(check.computed)} per $1,000",
        "bad",
    )


def check_terms(
    note: Note, quote: Quote | None, warnings: list[ParseWarning], offering: Offering | None = None
) -> TermGroup:
    """The cross-checks (first coupon, the printed yield and accrued interest), what the figures
    cannot show, the CUSIP's check digit, and the loader's warnings about this note."""
    rows = _quote_checks(note, quote, offering)
    # worded from the note alone, so they show without a valid purchase too (the quote carries
    # the same ones)
    noted = note_warnings(note)
    rows.extend(Term(w.where or "Warning", w.message, "warn") for w in noted)
    rows.append(_check_digit(note))
    # the quote's warnings are shown once: an offering file written while the loader worded
    # them too ("74432RAC7: callable on terms …") still carries that copy
    said = {f"{w.where}: {w.message}" for w in noted}
    unsaid = [w for w in warnings if w.message not in said]
    mine = [w for w in unsaid if _concerns(w, note.cusip)]
    others = [w for w in unsaid if w not in mine]
    rows.extend(Term(w.where or "Document", w.message, "warn") for w in mine)
    if others:
        rows.append(Term("Other CUSIPs", f"{len(others)} warning(s) in this document", "warn"))
    return TermGroup("Checks and warnings", tuple(rows))


def _quote_checks(note: Note, quote: Quote | None, offering: Offering | None) -> list[Term]:
    """The first coupon (a zero-coupon note has none to check), the maturity payment's roll, and
    the document's printed yield and accrued interest checked (``printed.lines_of``)."""
    rows: list[Term] = []
    if quote is not None and note.coupon_type is not CouponType.ZERO:
        text, level = first_coupon_text(quote)
        rows.append(Term("1st coupon", text, level))
    if quote is not None and quote.redemption.payment_date != quote.redemption.date:
        maturity = quote.redemption
        rows.append(
            Term("Maturity payment", f"paid {fmt_date(maturity.payment_date)}: {roll_reason(maturity.date)}")
        )
    if quote is not None:
        printed = lines_of(quote.purchase.printed)
    else:
        printed = check_lines(offering, note) if offering is not None else ()
    rows.extend(Term(line.label, line.text, line.level) for line in printed)
    return rows


def _check_digit(note: Note) -> Term:
    if not note.cusip:
        return Term("CUSIP", NO_CUSIP, "warn")
    valid = note.cusip_valid
    return Term("CUSIP check digit", "valid" if valid else "invalid", "ok" if valid else "bad")


def _concerns(warning: ParseWarning, cusip: str) -> bool:
    """Whether a loader's warning is about ``cusip`` or the whole document: a row's warning
    names the line in ``where`` and starts its message with the CUSIP ("line 38", "74432RAC7: …")."""
    where = warning.where
    return not where or cusip in where or "offering" in where or warning.message.startswith(f"{cusip}:")


def terms_groups(
    offering: Offering, note: Note, warnings: list[ParseWarning], quote: Quote | None
) -> list[TermGroup]:
    """Every term of ``note`` and its offering, grouped for the terms view."""
    return [
        check_terms(note, quote, warnings, offering),
        note_terms(note),
        redemption_terms(note),
        survivor_terms(note),
        offering_terms(offering),
    ]
