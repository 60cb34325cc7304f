"""The proposal panel: the client's purchases as positions, with what the set costs and pays by month
and by year, and if everything is called; its files, exports and menu items. The window makes
``ProposalActions`` at start-up; the open proposal and the panel are made when first needed."""

from app.ui.proposal.actions import Folders, Host, ProposalActions, RecentProposals
from app.ui.proposal.documents import document_key

__all__ = ["Folders", "Host", "ProposalActions", "RecentProposals", "document_key"]
