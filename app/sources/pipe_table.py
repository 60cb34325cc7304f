"""Pipe / markdown tables in text: table lines → rows of cells, the other lines → prose."""

from __future__ import annotations

import re

from app.sources.decode import unescape_markdown
from app.sources.grid import Row

_PIPE_RE = re.compile(r"(?<!\\)\|")
_SEPARATOR_RE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?\|?\s*$")
_BR_RE = re.compile(r"<br\s*/?>", re.I)
_BOLD_RE = re.compile(r"\*\*|__")
_HEADING_RE = re.compile(r"^\s*#{1,6}\s+")


def is_table_line(line: str) -> bool:
    """A markdown table row: starts with a pipe, or holds three or more unescaped pipes."""
    if "|" not in line:
        return False
    stripped = line.strip()
    if len(stripped) < 2:
        return False
    pipes = len(_PIPE_RE.findall(stripped))
    return (stripped.startswith("|") and pipes >= 2) or pipes >= 3


def cells_of(line: str) -> list[str]:
    """The cells of a table row, markdown escapes and ``<br>`` removed."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    parts = _PIPE_RE.split(text)
    return [
        " ".join(_BOLD_RE.sub("", unescape_markdown(_BR_RE.sub(" ", p)).replace("\\|", "|")).split())
        for p in parts
    ]


def _prose_line(line: str) -> str:
    """A line outside the tables without markdown escapes, bold marks or heading marks (each
    pattern run only where its character occurs: most lines of a long document are plain)."""
    if "\\" in line:
        line = unescape_markdown(line)
    if "*" in line or "__" in line:
        line = _BOLD_RE.sub("", line)
    return _HEADING_RE.sub("", line) if "#" in line else line


def split(lines: list[str]) -> tuple[list[Row], list[str]]:
    """Table rows (1-based line numbers) and the prose lines (table lines left blank)."""
    rows: list[Row] = []
    prose: list[str] = []
    for number, line in enumerate(lines, start=1):
        if is_table_line(line):
            prose.append("")
            if not _SEPARATOR_RE.match(line):
                rows.append(Row(number, cells_of(line)))
        else:
            prose.append(_prose_line(line))
    return rows, prose
