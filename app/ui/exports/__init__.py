"""File ▸ Export and File ▸ Print: the current purchase as CSV, iCalendar, a PDF term sheet or paper;
File ▸ Export proposal: the whole proposal as CSV, iCalendar or the client PDF."""

from app.ui.exports.actions import ExportActions, ExportHost, FolderMemory, ask_save_path, install
from app.ui.exports.proposal_actions import ProposalExports, ProposalHost, install_proposal

__all__ = [
    "ExportActions",
    "ExportHost",
    "FolderMemory",
    "ProposalExports",
    "ProposalHost",
    "ask_save_path",
    "install",
    "install_proposal",
]
