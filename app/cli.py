"""Command line: ``show`` and ``calc`` (and ``export``) without Qt; no subcommand opens the window.
``compare``, ``proposal`` and ``export PROPOSAL`` are in ``app.cli_desk``.

Exit status (contract.md): 0 ok, 2 usage, 3 unreadable file / no offering, 4 invalid calculation
input. Every failure is one line on stderr; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.domain.dates import parse_date
from app.domain.errors import InputError, SourceError, TermSheetError
from app.domain.model import Note, Offering, ParseWarning, Purchase, Quote
from app.domain.money import format_pct, parse_amount, parse_percent

PROG = "termsheet"
SUBCOMMANDS = ("show", "calc", "export", "compare", "proposal")
EXIT_OK, EXIT_USAGE, EXIT_SOURCE, EXIT_INPUT = 0, 2, 3, 4


class UsageError(Exception):
    """Bad command-line words (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{PROG} --help')")


@dataclass(frozen=True)
class CalcArgs:
    """The calculator's inputs as typed on the command line (or preset for the window);
    ``yield_pct``/``yield_to``: price the purchase from a yield instead (``calc``, ``export``)."""

    cusip: str | None = None
    amount: str | None = None
    settle: str | None = None
    price: str | None = None
    yield_pct: str | None = None
    yield_to: str | None = None


def _add_calc_options(p: argparse.ArgumentParser, cusip_required: bool, from_yield: bool = False) -> None:
    p.add_argument(
        "--cusip",
        required=cusip_required,
        help="the CUSIP to price (may be left out when the document holds one note)",
    )
    p.add_argument("--amount", help="face amount, e.g. 25000 or $25,000 (default: the minimum)")
    p.add_argument("--settle", help="settle date, 2019-12-03 or 12/03/2019 (default: the offering's)")
    price = p.add_mutually_exclusive_group() if from_yield else p
    price.add_argument("--price", help="clean price in percent of par (default: the selling price)")
    if from_yield:
        price.add_argument("--yield", dest="yield_pct", metavar="Y", help="price from this yield, in percent")
        p.add_argument(
            "--yield-to",
            metavar="WORKOUT",
            type=_workout,
            help="what --yield works out to: maturity (default), worst, call (the first call after the "
            "settle date) or call:YYYY-MM-DD",
        )


def _workout(text: str) -> str:
    """``--yield-to``: maturity, worst, call or call:DATE (a malformed one is a usage error)."""
    kind, _, when = text.strip().lower().partition(":")
    if (kind in ("maturity", "worst") and not when) or kind == "call":
        if when:
            try:
                parse_date(when, "call date")
            except InputError as err:
                raise argparse.ArgumentTypeError(err.message) from None
        return text.strip().lower()
    raise argparse.ArgumentTypeError(f"{text!r} is not maturity, worst, call or call:YYYY-MM-DD")


def _top_parser() -> _Parser:
    """The subcommands' parser (a start of the window builds only ``_gui_parser``)."""
    top = _Parser(prog=PROG, description="Term-sheet viewer and calculator for retail notes.")
    top.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = top.add_subparsers(dest="command", metavar="{show,calc,export,compare,proposal}")
    show = sub.add_parser("show", help="print an offering's terms (or its offering file with --json)")
    show.add_argument("file")
    show.add_argument("--json", action="store_true", help="print the offering file JSON")
    calc = sub.add_parser("calc", help="price a purchase of one CUSIP")
    calc.add_argument("file")
    _add_calc_options(calc, cusip_required=False, from_yield=True)
    calc.add_argument("--json", action="store_true", help="print the contract's calc JSON")
    export = sub.add_parser(
        "export",
        help="write cash flows (csv), a calendar (ics) or a term sheet (pdf) of a purchase or a proposal",
    )
    export.add_argument("file", help="an offering document (--cusip required) or a proposal file")
    _add_calc_options(export, cusip_required=False, from_yield=True)
    export.add_argument("--format", required=True, choices=("csv", "ics", "pdf"))
    export.add_argument("--out", required=True, help="the file to write")
    from app.cli_desk import add_parsers

    add_parsers(sub)
    return top


def _gui_parser() -> _Parser:
    gui = _Parser(prog=PROG, description="Open the window (default: the bundled sample offering).")
    gui.add_argument("files", nargs="*", metavar="FILE")
    _add_calc_options(gui, cusip_required=False)
    gui.add_argument(
        "--screenshot",
        metavar="PNG",
        help="save the window once its documents are shown and drawn (the page's too), then exit",
    )
    gui.add_argument(
        "--page",
        choices=("calculator", "compare", "proposal"),
        help="the workspace page to show (a proposal FILE opens on the proposal page)",
    )
    gui.add_argument(
        "--screenshot-size",
        metavar="WxH",
        type=_window_size,
        help="the window's size for --screenshot, e.g. 1366x705 (default 1440x900)",
    )
    gui.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return gui


def _window_size(text: str) -> tuple[int, int]:
    """``1366x705`` → (1366, 705); anything else is a usage error."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    size = (int(width), int(height)) if sep and width.isdigit() and height.isdigit() else (0, 0)
    if not (320 <= size[0] <= 16384 and 240 <= size[1] <= 16384):
        raise argparse.ArgumentTypeError(f"{text!r} is not a window size like 1366x705 (320x240 or more)")
    return size


def load(path: str) -> tuple[Offering, list[ParseWarning]]:
    from app.sources import load_path

    return load_path(path)


def build_purchase(offering: Offering, args: CalcArgs) -> Purchase:
    """The purchase the options describe, with the contract's defaults; ``InputError`` otherwise."""
    from app.domain.quote import make_purchase

    if args.cusip is None and len(offering.notes) == 1:
        note: Note | None = offering.notes[0]  # one note (perhaps printed without a CUSIP)
    elif args.cusip is None:
        known = ", ".join(n.cusip or "(no CUSIP)" for n in offering.notes)
        raise UsageError(f"the following arguments are required: --cusip (this document has {known})")
    else:
        note = offering.note(args.cusip)
    if note is None:
        known = ", ".join(n.cusip for n in offering.notes)
        raise InputError(f"unknown CUSIP {args.cusip!r}; this offering has {known}", field="cusip")
    return make_purchase(
        offering,
        note,
        amount=parse_amount(args.amount) if args.amount is not None else None,
        settle_date=parse_date(args.settle, "settle date") if args.settle is not None else None,
        price_pct=parse_percent(args.price) if args.price is not None else None,
    )


def price_from_yield(purchase: Purchase, args: CalcArgs) -> tuple[Purchase, dict[str, str] | None]:
    """``purchase`` repriced from ``args.yield_pct`` (to ``args.yield_to``: maturity by default)
    and what ``calc --json`` says of it (``price_from_yield``); unchanged with no yield."""
    from app.domain.model import Workout
    from app.domain.quote import reprice_from_yield

    if args.yield_pct is None:
        return purchase, None
    wanted = parse_percent(args.yield_pct, "yield")
    kind, _, when = (args.yield_to or "maturity").partition(":")
    workout = Workout(kind)
    call_date = parse_date(when, "call date") if when else None
    repriced, workout_date = reprice_from_yield(purchase, wanted, workout, call_date)
    lands = "maturity" if workout_date == purchase.note.maturity_date else f"the call on {workout_date}"
    worst = workout is Workout.WORST
    note = f"price from a yield to {'worst' if worst else lands} of {format_pct(wanted)}"
    return repriced, {
        "yield_pct": str(wanted),
        "to": workout.value,
        "workout_date": workout_date.isoformat(),
        "note": note + (f", working out to {lands}" if worst else ""),
    }


def _calc_args(ns: argparse.Namespace) -> CalcArgs:
    yield_pct, yield_to = getattr(ns, "yield_pct", None), getattr(ns, "yield_to", None)
    if yield_to is not None and yield_pct is None:
        raise UsageError(f"--yield-to needs --yield (see '{PROG} --help')")
    return CalcArgs(ns.cusip, ns.amount, ns.settle, ns.price, yield_pct, yield_to)


def cmd_show(ns: argparse.Namespace) -> int:
    from app.sources.offering_json import dumps

    offering, warnings = load(ns.file)
    if ns.json:
        sys.stdout.write(dumps(offering, warnings, checks=True))
    else:
        from app.reports.text import offering_text

        sys.stdout.write(offering_text(offering, warnings))
    return EXIT_OK


def _quote(ns: argparse.Namespace) -> tuple[Offering, Quote, dict[str, str] | None]:
    """The offering, the quote the options ask for, and where its price came from (a yield)."""
    from app.domain.quote import quote

    args = _calc_args(ns)
    offering, _ = load(ns.file)
    purchase, priced = price_from_yield(build_purchase(offering, args), args)
    return offering, quote(purchase), priced


def cmd_calc(ns: argparse.Namespace) -> int:
    offering, q, priced = _quote(ns)
    if ns.json:
        from app.reports.calc_json import quote_dict

        data = quote_dict(q)
        if priced is not None:
            data["price_from_yield"] = priced
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        from app.reports.text import quote_text

        sys.stdout.write(quote_text(offering, q, priced["note"] if priced else None))
    return EXIT_OK


def cmd_export(ns: argparse.Namespace) -> int:
    from app import cli_desk

    if cli_desk.is_proposal(ns.file):
        return cmd_export_proposal(ns)
    try:
        from app.reports.export import export_file
    except ImportError:
        raise UsageError("export is not available in this build") from None
    offering, q, _ = _quote(ns)
    written = export_file(offering, q, ns.format, Path(ns.out), source_name=Path(ns.file).name)
    print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def cmd_compare(ns: argparse.Namespace) -> int:
    from app.cli_desk import compare

    compare(ns, _say)
    return EXIT_OK


def cmd_proposal(ns: argparse.Namespace) -> int:
    from app.cli_desk import proposal

    proposal(ns, _say)
    return EXIT_OK


def cmd_export_proposal(ns: argparse.Namespace) -> int:
    from app import cli_desk

    if cli_desk.calc_options_given(ns):
        raise UsageError(
            "--cusip, --amount, --settle and --price do not apply to a proposal (see its positions)"
        )
    try:
        import app.reports.proposal_export  # noqa: F401  (the reports are left out of some builds)
    except ImportError:
        raise UsageError("export is not available in this build") from None
    written = cli_desk.export_proposal(ns, _say)
    print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK


def cmd_gui(ns: argparse.Namespace) -> int:
    from app import warm_cache

    warm_cache.install()  # first: the loaders compile their patterns as they are imported
    from app.ui.window import before_qt  # type: ignore[import-not-found,unused-ignore]

    hint = before_qt.missing_hint()  # a missing X11 library would abort Qt (exit 134)
    if hint is not None:
        return _fail(1, hint)
    from app.ui.window import import_hooks  # type: ignore[import-not-found,unused-ignore]

    import_hooks.install()  # before PySide6 and pyqtgraph are imported
    before_qt.import_qt_free()
    before_qt.import_pyside()
    from app.ui.window.start import run  # type: ignore[import-not-found,unused-ignore]

    return int(run(list(ns.files), _calc_args(ns), ns.screenshot, ns.page, ns.screenshot_size))


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in SUBCOMMANDS:
        from app import cli_desk

        ns = _top_parser().parse_args(cli_desk.join_sort(argv))
        handlers = {"show": cmd_show, "calc": cmd_calc, "export": cmd_export}
        handlers |= {"compare": cmd_compare, "proposal": cmd_proposal}
        return handlers[ns.command](ns)
    if argv and argv[0] in ("-h", "--help"):
        _top_parser().print_help()
        print(f"\nWith no subcommand: {_gui_parser().format_usage().strip().removeprefix('usage: ')}")
        return EXIT_OK
    return cmd_gui(_gui_parser().parse_args(argv))


def _fail(code: int, message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args)
    except UsageError as err:
        return _fail(EXIT_USAGE, str(err))
    except SourceError as err:
        return _fail(EXIT_SOURCE, str(err))
    except TermSheetError as err:
        return _fail(EXIT_INPUT, str(err))
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # never a traceback for the user; the log keeps the details
        from app.logs import log_exception

        where = log_exception(err)
        return _fail(1, f"internal error: {type(err).__name__}: {err} (details in {where})")
