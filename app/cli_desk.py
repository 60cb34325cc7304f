"""The advisor's desk on the command line: ``compare`` (every note of some documents side by side)
and ``proposal`` / ``export PROPOSAL`` (a client's set of purchases), without Qt. ``app.cli``
parses and dispatches (this module never imports it: no import circle); ``say`` prints one line
on stderr.

Exit status as ``app.cli`` (0 ok, 2 usage, 3 unreadable file, 4 invalid input), and:
- ``compare``: 0 when at least one FILE was read (each one that cannot be read is named on
  stderr, one line each, and listed in the JSON's ``warnings``); 3 when none could be read;
  2 for an unknown ``--sort`` key; 4 for a ``--settle`` that is not a date. A note that cannot
  be priced at the settle date is not an error: its row has no yields and says why.
- ``proposal`` and ``export PROPOSAL``: 0 when the proposal file was read; each position that
  cannot be priced (document missing, unknown CUSIP, invalid amount …) is named on stderr, one
  line each, listed with its error and left out of the sums; 3 when the proposal file cannot be
  read or is not a proposal; ``export`` 4 when the destination cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.dates import parse_date
from app.domain.errors import SourceError
from app.domain.model import ParseWarning

if TYPE_CHECKING:  # the window's start-up builds these parsers: import the desk only when used
    from app.domain.proposal import Proposal

Say = Callable[[str], None]
DEFAULT_SORT = "-worst_bey_pct"
SORT_HELP = f"a row key (default {DEFAULT_SORT}); -KEY sorts descending, e.g. --sort=-worst_pct"


def sort_option(text: str) -> tuple[str, bool]:
    """``--sort``'s value as (column, descending); an unknown key is a usage error."""
    from app.domain.compare import COLUMNS, sort_key

    try:
        return sort_key(text)
    except KeyError:
        keys = ", ".join(COLUMNS)
        raise argparse.ArgumentTypeError(
            f"unknown sort key {text!r}: one of {keys} (-KEY: descending)"
        ) from None


def add_parsers(sub: Any) -> None:
    """The ``compare`` and ``proposal`` subcommands (``export PROPOSAL`` is ``export``'s)."""
    compare = sub.add_parser("compare", help="every note of the FILEs side by side, with yields")
    compare.add_argument("files", nargs="+", metavar="FILE")
    compare.add_argument("--settle", help="one settle date for every note (default: each offering's)")
    compare.add_argument("--sort", default=DEFAULT_SORT, type=sort_option, help=SORT_HELP)
    compare.add_argument("--json", action="store_true", help="print the contract's compare JSON")
    proposal = sub.add_parser("proposal", help="a client proposal's totals, payments and income")
    proposal.add_argument("file", metavar="PROPOSAL")
    proposal.add_argument("--json", action="store_true", help="print the contract's proposal JSON")


def join_sort(argv: list[str]) -> list[str]:
    """``--sort -KEY`` as ``--sort=-KEY`` (argparse would read ``-KEY`` as an option)."""
    out: list[str] = []
    for word in argv:
        if out and out[-1] == "--sort" and word.startswith("-") and not word.startswith("--"):
            out[-1] = f"--sort={word}"
        else:
            out.append(word)
    return out


def compare(ns: argparse.Namespace, say: Say) -> None:
    """Print the comparison of ``ns.files``; ``SourceError`` when none of them can be read."""
    from app.domain.compare import CompareTable
    from app.reports.compare_report import compare_dict, compare_text
    from app.sources import load_path

    column, descending = ns.sort
    settle = parse_date(ns.settle, "settle date") if ns.settle is not None else None
    documents, warnings = [], []
    for path in ns.files:
        try:
            offering, loaded = load_path(path)
        except SourceError as err:
            say(str(err))
            warnings.append(ParseWarning(path, err.message))
            continue
        documents.append((path, offering))
        warnings += [ParseWarning(f"{path}: {w.where}", w.message) for w in loaded]
    if not documents:
        raise SourceError(f"none of the {len(ns.files)} file(s) could be read")
    table = CompareTable.of(documents, settle)
    table.compute()
    order = table.order(column, descending)
    if ns.json:
        sys.stdout.write(json.dumps(compare_dict(table, order, warnings), indent=2) + "\n")
    else:
        sys.stdout.write(compare_text(table, order, warnings))


def open_proposal(path: str, say: Say) -> Proposal:
    """The proposal at ``path`` with its documents; each position not priced named by ``say``."""
    from app.sources.proposal_file import open_proposal as read_and_load

    proposal = read_and_load(path)
    for i, h in enumerate(proposal.holdings, start=1):
        if h.error is not None:
            say(f"position {i} ({h.position.cusip or 'no CUSIP'}): {h.error}")
    return proposal


def proposal(ns: argparse.Namespace, say: Say) -> None:
    """Print the proposal at ``ns.file`` (``--json``: the contract's object)."""
    opened = open_proposal(ns.file, say)
    if ns.json:
        from app.reports.proposal_json import proposal_dict

        sys.stdout.write(json.dumps(proposal_dict(opened), indent=2) + "\n")
    else:
        from app.reports.proposal_text import proposal_text

        sys.stdout.write(proposal_text(opened))


def is_proposal(path: str) -> bool:
    from app.sources.proposal_file import is_proposal as sniff

    return sniff(path)


def calc_options_given(ns: argparse.Namespace) -> bool:
    """True when a purchase's options were typed (they do not apply to a proposal)."""
    return any(getattr(ns, name, None) is not None for name in ("cusip", "amount", "settle", "price"))


def export_proposal(ns: argparse.Namespace, say: Say) -> Path:
    """``export PROPOSAL --format csv|ics|pdf --out PATH``: the whole proposal; the path written."""
    from app.reports.proposal_export import export_proposal as write

    return write(open_proposal(ns.file, say), ns.format, Path(ns.out))
