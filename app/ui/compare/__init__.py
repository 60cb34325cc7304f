"""The compare view: every loaded note side by side (coupon, maturity, call protection, yields),
sortable and filtered; a row opens its note in the calculator. Empty until the view lands."""
