"""The coupon calendar and the call schedule: their item models (columns declared once) and views."""

from app.ui.tables.call_table import CallTable
from app.ui.tables.coupon_table import CouponTable

__all__ = ["CallTable", "CouponTable"]
