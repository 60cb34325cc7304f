"""The proposal panel: the client's purchases as positions, with what the set costs and pays by month
and by year, and if everything is called. Empty until the panel lands."""
