"""EDGAR HTML supplements (lxml, no network, no entities fetched): tables → rows, the rest → prose.

``<br>`` and the edge of a ``<p>`` inside cells become a space, ``&nbsp;`` a space, footnote marks
in ``<sup>`` stay in the text as marks (cells are read through their footnotes), a ``colspan``
cell is widened to its columns, spacer columns and lone ``$`` / ``%`` cells are folded into
their neighbours.
"""

from __future__ import annotations

import re
from typing import Any

from app.domain.errors import SourceError
from app.domain.model import Offering, ParseWarning
from app.sources.assemble import assemble
from app.sources.decode import normalize
from app.sources.grid import Row, tidy
from app.sources.tables import holds_note_table, read_rows
from app.sources.text_document import load_text

_BLOCKS = {
    "p", "div", "br", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "center", "blockquote", "pre", "section", "article", "title", "dt", "dd", "hr", "font-block",
}  # fmt: skip
_CELLS = {"td", "th"}
_FOOTNOTE_RE = re.compile(r"^\s*(?:\(?\d{1,2}\)?|\(?[a-z]\)|[*†‡§]+)\s*$")
_BREAK = "\ue000"  # private-use marks of a block's edge and a cell's end in the page text,
_CELL_GAP = "\ue001"  # kept until its whitespace is collapsed (removed from the input first)
_MAX_COLSPAN = 60
_XML_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RAW_TEXT_RE = re.compile(
    r"<(script|style|title|textarea|xmp|noscript|iframe|noembed|noframes)\b.*?"
    r"(?:</\1\s*>|(?=<(?:html|head|body|table|tr|td|th|p|div)\b))|<plaintext\b[^>]*>",
    re.I | re.S,
)
_DOCUMENT_TAG_RE = re.compile(r"<(?:html|body|table|tr|td)\b|doctype\s+html", re.I)
_BLOCK_TAG_RE = re.compile(r"<(?:div|p|font|center|br)\b", re.I)
_TABLE_MARK = "\ue002"  # where a table stood in the page text (document_rows)
_MARK_RE = re.compile(r"\ue002\d+\ue002")
_LABELLED_RE = re.compile(r"^[A-Z][\w/'’ ]{2,40}:\s*\S")  # "Settlement Date: …", "Trade Date: …"


def looks_like(text: str) -> bool:
    """Content sniffing: document tags near the top, or markup from the first character."""
    head = text[:8192]
    if _DOCUMENT_TAG_RE.search(head):
        return True
    return head.lstrip().startswith("<") and _BLOCK_TAG_RE.search(head) is not None


def _parse(text: str, source: str) -> Any:
    from lxml import etree  # here, not at the top: start-up and text loads never pay for lxml
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, recover=True, encoding="utf-8"
    )
    text = _RAW_TEXT_RE.sub(" ", text).replace(_BREAK, " ").replace(_CELL_GAP, " ").replace(_TABLE_MARK, " ")
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise SourceError(f"HTML cannot be read: {err}", source=source) from None
    for bad in root.xpath("//script|//style|//noscript|//title"):
        bad.drop_tree()
    for sup in root.iter("sup"):
        if _FOOTNOTE_RE.match(sup.text_content() or ""):
            sup.drop_tag()  # the mark stays in the text: cells are read through their footnotes
    return root


def _prefix(el: Any, attr: str, mark: str) -> None:
    """``mark`` put before an element's text or tail. A character reference to a control
    character ("&#1;") parses, but lxml refuses to store it back: it becomes a space."""
    value = mark + (getattr(el, attr) or "")
    try:
        setattr(el, attr, value)
    except ValueError:
        setattr(el, attr, _XML_UNSAFE_RE.sub(" ", value))


def _spaced(text: str) -> str:
    """Every run of whitespace one space, no space at either end (``str.split``: C speed)."""
    return " ".join(text.split())


def _text(el: Any) -> str:
    return _spaced(normalize(el.text_content()))


def _row_cells(tr: Any) -> list[str]:
    cells: list[str] = []
    for cell in tr:
        if not isinstance(cell.tag, str) or cell.tag.lower() not in _CELLS:
            continue
        for br in cell.iter("br", "p", "div", "li"):  # "<p>CUSIP</p><p>Number</p>": two words
            _prefix(br, "tail", " ")
        try:
            span = max(1, min(int(cell.get("colspan", "1")), _MAX_COLSPAN))
        except ValueError:
            span = 1
        cells.append(_text(cell))
        cells.extend([""] * (span - 1))
    return cells


def _table_rows(table: Any) -> list[Row]:
    rows = [Row(tr.sourceline or 0, _row_cells(tr)) for tr in table.iter("tr")]
    return tidy([r for r in rows if any(r.cells)])


def _prose(root: Any) -> str:
    """The page as text: a line per block element, cells apart by three spaces, every other run
    of whitespace one space. Block edges are marked first, so that one pass over the whole
    text collapses the page's own whitespace."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _BLOCKS:
            _prefix(el, "text", _BREAK)
            _prefix(el, "tail", _BREAK)
        elif tag in _CELLS:
            _prefix(el, "tail", _CELL_GAP)
    text = _spaced(root.text_content()).replace(_BREAK, "\n").replace(_CELL_GAP, "   ")
    return "\n".join(line.strip() for line in normalize(text).split("\n"))


def read(text: str, source: str) -> tuple[list[Row], str]:
    """The rows of every note table (leaf tables holding a header row, or a transposed block)
    and the prose text."""
    root = _parse(text, source)
    rows: list[Row] = []
    for table in list(root.iter("table")):
        if table.find(".//table") is not None:
            continue
        table_rows = _table_rows(table)
        if holds_note_table(table_rows):
            rows.extend(table_rows)
            for line in _labelled_lines(table):
                note = table.makeelement("p", {})
                note.text = line
                table.addprevious(note)
            table.drop_tree()
    return rows, _prose(root)


def _labelled_lines(table: Any) -> list[str]:
    """The "Label: value" lines in the cells of a note table, kept as prose when the table is
    read as notes: the offering's dates printed beside it in the same table ("Settlement Date:
    Friday, July 9, 2010", HSBC Finance InterNotes, 2010)."""
    lines = []
    for cell in table.iter("td", "th"):
        if ":" not in (cell.text_content() or ""):
            continue
        blocks = [b for b in cell.iter("p", "div") if b.find(".//p") is None and b.find(".//div") is None]
        for block in blocks or [cell]:
            text = _text(block)
            if _LABELLED_RE.search(text):
                lines.append(text)
    return lines


def document_rows(text: str, source: str) -> list[Row]:
    """Every row of every leaf table and every line of text around them, in document order, a
    blank row between: what label/value documents (term sheets, MTN forms) are read from.
    Paragraphs inside a cell are kept apart by a space."""
    root = _parse(text, source)
    for el in root.iter("p", "div", "li"):
        el.tail = " " + (el.tail or "")
    tables: list[list[Row]] = []
    for table in list(root.iter("table")):
        if table.find(".//table") is None:
            tables.append(_table_rows(table))
            mark = table.makeelement("p", {})
            mark.text = f"{_TABLE_MARK}{len(tables) - 1}{_TABLE_MARK}"
            table.addprevious(mark)
            table.drop_tree()
    rows: list[Row] = []
    for line in _prose(root).split("\n"):
        if _MARK_RE.fullmatch(line):
            rows.extend([Row(0, []), *tables[int(line.strip(_TABLE_MARK))], Row(0, [])])
        else:
            rows.append(Row(0, [line] if line else []))
    return rows


def load(text: str, source: str) -> tuple[Offering, list[ParseWarning]]:
    """Load an HTML supplement; a page without a note table is read as labels and values (a
    term sheet, an MTN form), else as its rendered text."""
    rows, prose = read(text, source)
    records, warnings = read_rows(rows)
    if not records:
        from app.sources import label_documents  # on first use (text_document._labelled)

        return label_documents.load_rows(document_rows(text, source), source) or load_text(prose, source)
    return assemble(records, warnings, prose, source)
