"""The low room every other room may use: shared widgets (cards, inputs, the table view, the
message strip), the look (style sheet, icons), item roles and the palette."""
