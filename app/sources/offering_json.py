"""The offering file (``termsheet-offering/1``): an Offering as JSON and back, exactly.

Dates are ISO strings, percents and money decimal strings (never JSON floats), unknown values
``null`` (contract.md). ``loads(dumps(o)) == o`` for every offering.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.daycount import DayCount
from app.domain.errors import SourceError
from app.domain.model import (
    CallFrequency,
    CallPrice,
    CouponType,
    DocumentFamily,
    Frequency,
    Note,
    NoticeKind,
    Offering,
    ParseWarning,
    PrintedAccruedCheck,
    PrintedYield,
    PrintedYieldCheck,
    Redemption,
    Step,
    YieldBasis,
)
from app.domain.money import price_digits

FORMAT = "termsheet-offering/1"
_DAY_COUNT_LABELS = {dc.value: dc for dc in DayCount}


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _s(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def redemption_dict(r: Redemption) -> dict[str, Any]:
    return {
        "text": r.text,
        "callable": r.callable,
        "price_pct": _s(r.price_pct),
        "first_call_date": _d(r.first_call_date),
        "frequency": r.frequency.value if r.frequency else None,
        "notice_days": r.notice_days,
        "notice_kind": r.notice_kind.value if r.notice_kind else None,
        "make_whole": r.make_whole,
        "make_whole_spread_bps": _s(r.make_whole_spread_bps),
        "make_whole_until": _d(r.make_whole_until),
        "schedule": [{"date": _d(c.date), "price_pct": _s(c.price_pct)} for c in r.schedule],
    }


def printed_yield_dict(p: PrintedYield | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "value_pct": _s(p.value_pct),
        "label": p.label,
        "basis": p.basis.value,
        "price_pct": _s(p.price_pct),
        "settle_date": _d(p.settle_date),
    }


def printed_yield_check_dict(c: PrintedYieldCheck) -> dict[str, Any]:
    """The printed yield's check, output only (``show --json`` and ``calc --json``): the figure
    the engine computes at the printed decimals and basis, whether it matches, the workout it
    matches, the price and settle date it was computed at and where that date came from."""
    from app.domain.printed import printed_yield_text

    return {
        "computed_pct": _s(c.computed_pct),
        "matches": c.matches,
        "workout": c.workout.value,
        "workout_date": _d(c.workout_date),
        "is_worst": c.is_worst,
        "maturity_pct": _s(c.maturity_pct),
        "compounding_per_year": c.compounding,
        "checked_price_pct": price_digits(c.price_pct),
        "checked_settle_date": _d(c.settle_date),
        "settle_from": c.settle_from.value if c.settle_from else None,
        "check": printed_yield_text(c),
        "reason": c.reason,
    }


def printed_accrued_block(c: PrintedAccruedCheck | None) -> dict[str, Any] | None:
    """Printed accrued interest (dollars on the principal amount) against the engine's."""
    from app.domain.printed import printed_accrued_text

    if c is None:
        return None
    return {
        "printed": _s(c.printed),
        "computed": _s(c.computed),
        "matches": c.matches,
        "settle_date": _d(c.settle_date),
        "accrual_start": _d(c.accrual_start),
        "days": c.days,
        "check": printed_accrued_text(c),
        "reason": c.reason,
    }


def printed_yield_block(c: PrintedYieldCheck | None) -> dict[str, Any] | None:
    """The printed yield as printed, then its check (``show --json`` and ``calc --json``)."""
    if c is None:
        return None
    return (printed_yield_dict(c.printed) or {}) | printed_yield_check_dict(c)


def printed_dicts(offering: Offering, n: Note) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The printed yield block and the printed accrued interest check of ``n`` in ``offering``
    (the engine is imported only here: loading a document does not need it)."""
    from app.domain.printed import check_printed_accrued, check_printed_yield

    return printed_yield_block(check_printed_yield(offering, n)), printed_accrued_block(
        check_printed_accrued(offering, n)
    )


def note_dict(n: Note, checked_in: Offering | None = None) -> dict[str, Any]:
    """The note as the offering file holds it; with ``checked_in`` (its offering), the printed
    yield and accrued interest also carry their checks (output only: loading ignores them)."""
    data = _note_fields(n)
    if checked_in is not None:
        data["printed_yield"], data["printed_accrued_interest_check"] = printed_dicts(checked_in, n)
    return data


def _note_fields(n: Note) -> dict[str, Any]:
    return {
        "cusip": n.cusip or None,
        "cusip_valid": n.cusip_valid,
        "principal_amount": _s(n.principal_amount),
        "price_pct": _s(n.price_pct),
        "concession_pct": _s(n.concession_pct),
        "net_proceeds": _s(n.net_proceeds),
        "coupon_type": n.coupon_type.value,
        "coupon_rate_pct": _s(n.coupon_rate_pct),
        "steps": [{"from": _d(s.from_date), "rate_pct": _s(s.rate_pct)} for s in n.steps],
        "frequency": n.frequency.value,
        "day_count": n.day_count.value,
        "issue_date": _d(n.issue_date),
        "maturity_date": _d(n.maturity_date),
        "first_coupon_date": _d(n.first_coupon_date),
        "first_coupon_amount": _s(n.first_coupon_amount),
        "survivors_option": n.survivors_option,
        "survivors_option_text": n.survivors_option_text,
        "ranking": n.ranking,
        "redemption": redemption_dict(n.redemption),
        "printed_yield": printed_yield_dict(n.printed_yield),
        "printed_accrued_interest": _s(n.printed_accrued_interest),
    }


def to_dict(
    offering: Offering, warnings: list[ParseWarning] | tuple[ParseWarning, ...] = (), *, checks: bool = False
) -> dict[str, Any]:
    """The offering file as a JSON-ready dict; ``checks`` adds each note's printed-figure checks
    (``show --json``)."""
    o = offering
    return {
        "format": FORMAT,
        "offering": {
            "issuer": o.issuer,
            "program": o.program,
            "document": o.document,
            "preliminary": o.preliminary,
            "supplement_date": _d(o.supplement_date),
            "prospectus_date": _d(o.prospectus_date),
            "registration_no": o.registration_no,
            "offering_start": _d(o.offering_start),
            "offering_end": _d(o.offering_end),
            "trade_date": _d(o.trade_date),
            "settle_date": _d(o.settle_date),
            "minimum_denomination": _s(o.minimum_denomination),
            "increment": _s(o.increment),
            "dtc_number": o.dtc_number,
            "agents": list(o.agents),
            "family": o.family.value if o.family else None,
        },
        "notes": [note_dict(n, o if checks else None) for n in o.notes],
        "warnings": [{"where": w.where, "message": w.message} for w in warnings],
    }


def dumps(
    offering: Offering, warnings: list[ParseWarning] | tuple[ParseWarning, ...] = (), *, checks: bool = False
) -> str:
    """The offering file text (indented, key order as in the contract); ``checks``: with the
    printed-figure checks (``show --json``; the golden files hold the offering alone)."""
    return json.dumps(to_dict(offering, warnings, checks=checks), indent=2, ensure_ascii=False) + "\n"


class _Reader:
    """Typed field access that turns a malformed value into a ``SourceError`` naming it."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> SourceError:
        return SourceError(f"{where}: {message}", source=self.source, field=where)

    def day(self, obj: dict[str, Any], key: str, where: str) -> date | None:
        value = obj.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(f"{where}.{key}", f"{value!r} is not an ISO date") from None

    def req_date(self, obj: dict[str, Any], key: str, where: str) -> date:
        value = self.day(obj, key, where)
        if value is None:
            raise self.fail(f"{where}.{key}", "is required")
        return value

    def dec(self, obj: dict[str, Any], key: str, where: str) -> Decimal | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.fail(f"{where}.{key}", f"{value!r} must be a decimal string")
        try:
            result = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(f"{where}.{key}", f"{value!r} is not a number") from None
        if not result.is_finite():
            raise self.fail(f"{where}.{key}", f"{value!r} is not a finite number")
        return result

    def text(self, obj: dict[str, Any], key: str, where: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"{value!r} must be a string")
        return value

    def flag(self, obj: dict[str, Any], key: str, where: str) -> bool | None:
        value = obj.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(f"{where}.{key}", f"{value!r} must be true, false or null")

    def enum(self, obj: dict[str, Any], key: str, where: str, kind: Any, default: Any = None) -> Any:
        value = obj.get(key)
        if value is None:
            return default
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise self.fail(f"{where}.{key}", f"{value!r} is not one of {allowed}") from None

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        return value


def _redemption(r: _Reader, obj: dict[str, Any], where: str) -> Redemption:
    notice = obj.get("notice_days")
    if notice is not None and (isinstance(notice, bool) or not isinstance(notice, int) or notice < 0):
        raise r.fail(f"{where}.notice_days", f"{notice!r} must be a whole number of days")
    return Redemption(
        text=r.text(obj, "text", where),
        callable=r.flag(obj, "callable", where),
        price_pct=r.dec(obj, "price_pct", where),
        first_call_date=r.day(obj, "first_call_date", where),
        frequency=r.enum(obj, "frequency", where, CallFrequency),
        notice_days=notice,
        notice_kind=r.enum(obj, "notice_kind", where, NoticeKind),
        make_whole=bool(r.flag(obj, "make_whole", where)),
        make_whole_spread_bps=r.dec(obj, "make_whole_spread_bps", where),
        make_whole_until=r.day(obj, "make_whole_until", where),
        schedule=_call_schedule(r, obj.get("schedule") or [], f"{where}.schedule"),
    )


def _call_schedule(r: _Reader, raw: Any, where: str) -> tuple[CallPrice, ...]:
    if not isinstance(raw, list):
        raise r.fail(where, "must be a list")
    found = []
    for i, item in enumerate(raw):
        entry = r.obj(item, f"{where}[{i}]")
        price = r.dec(entry, "price_pct", f"{where}[{i}]")
        if price is None:
            raise r.fail(f"{where}[{i}].price_pct", "is required")
        found.append(CallPrice(r.req_date(entry, "date", f"{where}[{i}]"), price))
    return tuple(found)


def _printed_yield(r: _Reader, raw: Any, where: str) -> PrintedYield | None:
    if raw is None:
        return None
    obj = r.obj(raw, where)
    value = r.dec(obj, "value_pct", where)
    if value is None:
        raise r.fail(f"{where}.value_pct", "is required")
    return PrintedYield(
        value_pct=value,
        label=r.text(obj, "label", where) or "Yield",
        basis=r.enum(obj, "basis", where, YieldBasis, YieldBasis.NOTE),
        price_pct=r.dec(obj, "price_pct", where),
        settle_date=r.day(obj, "settle_date", where),
    )


def _note(r: _Reader, obj: dict[str, Any], where: str) -> Note:
    cusip = r.text(obj, "cusip", where) or ""  # null: the document printed none
    steps_raw = obj.get("steps") or []
    if not isinstance(steps_raw, list):
        raise r.fail(f"{where}.steps", "must be a list")
    steps = []
    for i, raw in enumerate(steps_raw):
        step = r.obj(raw, f"{where}.steps[{i}]")
        rate = r.dec(step, "rate_pct", f"{where}.steps[{i}]")
        if rate is None:
            raise r.fail(f"{where}.steps[{i}].rate_pct", "is required")
        steps.append(Step(r.req_date(step, "from", f"{where}.steps[{i}]"), rate))
    return Note(
        cusip=cusip,
        principal_amount=r.dec(obj, "principal_amount", where),
        price_pct=r.dec(obj, "price_pct", where),
        concession_pct=r.dec(obj, "concession_pct", where),
        net_proceeds=r.dec(obj, "net_proceeds", where),
        coupon_type=r.enum(obj, "coupon_type", where, CouponType, CouponType.FIXED),
        coupon_rate_pct=r.dec(obj, "coupon_rate_pct", where),
        steps=tuple(steps),
        frequency=r.enum(obj, "frequency", where, Frequency, Frequency.MONTHLY),
        day_count=_DAY_COUNT_LABELS.get(str(obj.get("day_count") or "30/360"), DayCount.THIRTY_360),
        issue_date=r.day(obj, "issue_date", where),
        maturity_date=r.req_date(obj, "maturity_date", where),
        first_coupon_date=r.day(obj, "first_coupon_date", where),
        first_coupon_amount=r.dec(obj, "first_coupon_amount", where),
        survivors_option=r.flag(obj, "survivors_option", where),
        survivors_option_text=r.text(obj, "survivors_option_text", where),
        ranking=r.text(obj, "ranking", where),
        redemption=_redemption(
            r, r.obj(obj.get("redemption") or {}, f"{where}.redemption"), f"{where}.redemption"
        ),
        printed_yield=_printed_yield(r, obj.get("printed_yield"), f"{where}.printed_yield"),
        printed_accrued_interest=r.dec(obj, "printed_accrued_interest", where),
    )


def from_dict(data: Any, source: str = "offering file") -> tuple[Offering, list[ParseWarning]]:
    """An Offering and its warnings from the parsed JSON; ``SourceError`` names a bad field."""
    r = _Reader(source)
    top = r.obj(data, "top level")
    if top.get("format") != FORMAT:
        raise r.fail("format", f"{top.get('format')!r} is not {FORMAT!r}")
    off = r.obj(top.get("offering") or {}, "offering")
    notes_raw = top.get("notes")
    if not isinstance(notes_raw, list) or not notes_raw:
        raise r.fail("notes", "must be a non-empty list")
    agents = off.get("agents") or []
    if not isinstance(agents, list) or not all(isinstance(a, str) for a in agents):
        raise r.fail("offering.agents", "must be a list of strings")
    w = "offering"
    offering = Offering(
        notes=tuple(_note(r, r.obj(n, f"notes[{i}]"), f"notes[{i}]") for i, n in enumerate(notes_raw)),
        issuer=r.text(off, "issuer", w),
        program=r.text(off, "program", w),
        document=r.text(off, "document", w),
        preliminary=bool(r.flag(off, "preliminary", w)),
        supplement_date=r.day(off, "supplement_date", w),
        prospectus_date=r.day(off, "prospectus_date", w),
        registration_no=r.text(off, "registration_no", w),
        offering_start=r.day(off, "offering_start", w),
        offering_end=r.day(off, "offering_end", w),
        trade_date=r.day(off, "trade_date", w),
        settle_date=r.day(off, "settle_date", w),
        minimum_denomination=r.dec(off, "minimum_denomination", w),
        increment=r.dec(off, "increment", w),
        dtc_number=r.text(off, "dtc_number", w),
        agents=tuple(agents),
        family=r.enum(off, "family", w, DocumentFamily),
    )
    warnings_raw = top.get("warnings") or []
    warnings = [
        ParseWarning(str(x.get("where", "")), str(x.get("message", "")))
        for x in warnings_raw
        if isinstance(x, dict)
    ]
    return offering, warnings


def loads(text: str, source: str = "offering file") -> tuple[Offering, list[ParseWarning]]:
    """Parse offering-file text; ``SourceError`` with the line for malformed JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceError(f"not valid JSON: {err.msg}", source=source, line=err.lineno) from None
    except RecursionError:
        raise SourceError("JSON nested too deeply", source=source) from None
    return from_dict(data, source)


def looks_like(text: str) -> bool:
    """Content sniffing: an offering file starts with a JSON object naming its format."""
    head = text.lstrip()[:4096]
    return head.startswith("{") and FORMAT in head
