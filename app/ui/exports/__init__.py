"""File ▸ Export and File ▸ Print: the current purchase as CSV, iCalendar, a PDF term sheet or paper."""

from app.ui.exports.actions import ExportActions, ExportHost, FolderMemory, ask_save_path, install

__all__ = ["ExportActions", "ExportHost", "FolderMemory", "ask_save_path", "install"]
