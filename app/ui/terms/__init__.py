"""The terms view: every term of the selected CUSIP and its offering, grouped, with the checks."""
