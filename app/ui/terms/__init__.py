"""The terms view: every term of the selected CUSIP and its offering, grouped, with the checks."""

from app.ui.terms.view import TermsView

__all__ = ["TermsView"]
