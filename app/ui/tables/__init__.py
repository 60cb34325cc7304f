"""The coupon calendar and the call schedule: their item models (columns declared once) and views."""
