"""File ▸ Export and File ▸ Print: the current purchase as CSV, iCalendar, a PDF term sheet or paper."""

from app.ui.exports.actions import ExportActions, ExportHost, FolderMemory, install

__all__ = ["ExportActions", "ExportHost", "FolderMemory", "install"]
