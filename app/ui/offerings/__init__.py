"""The offerings panel: the loaded documents and their CUSIPs as a tree, with its word filter."""

from app.ui.offerings.panel import OfferingsPanel
from app.ui.offerings.tree_model import Document, TreeRows

__all__ = ["Document", "OfferingsPanel", "TreeRows"]
