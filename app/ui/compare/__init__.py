"""The compare view: every loaded note side by side (coupon, maturity, call protection, yields),
sortable and filtered by the offerings filter; a row opens its note in the calculator."""

from app.ui.compare.panel import ComparePanel

__all__ = ["ComparePanel"]
