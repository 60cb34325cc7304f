"""The purchase calculator: amount, settle date, price and yield in; cost, income and yields out."""
