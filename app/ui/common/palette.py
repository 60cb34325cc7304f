"""The colours the window draws data with (the chart's marks, axes and legend, the tables' row
marks) as hex strings, one name per meaning: the red of a first call is one colour in the chart,
its legend and both tables."""

# the chart's marks (opaque tints: alpha-blended lines and fills are far slower to raster)
COUPON = "#2f6fbf"
ROLLED = "#8db3e2"
PRINCIPAL = "#e08a1e"
PRINCIPAL_EDGE = "#9c5a0c"  # the principal bar's outline and label
CALL = "#e8bab7"
FIRST_CALL = "#b42318"  # also the yield to worst, and the call marks of the tables
NOTICE = "#f6e1e0"
SETTLE = "#137a3a"
INCOME = "#2f6fbf"
MATURITY = "#1d2733"
FORGONE = "#f3d9d6"
YIELD = "#0f7b6c"

# the chart's axes
AXIS_TITLE = "#5b6875"
AXIS_TEXT = "#3d4a57"
AXIS_LINE = "#b8c2cc"

# the tables' row marks
ROLLED_ROW = "#fff1cc"
PRINCIPAL_ROW = "#e6eefb"
WORKOUT_ROW = "#fdecea"

# a value refused at its field or cell (the style sheet's invalid inputs)
ERROR = "#b42318"
INVALID_CELL = "#fff5f4"

# the compare table's marks
PENDING_TEXT = "#8a96a3"  # a yield not computed yet, or none
NOT_PRICED = "#b42318"  # why a note is not priced
