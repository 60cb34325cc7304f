"""Exports built from domain objects: calc JSON, CSV cash flows, iCalendar, the client term sheet."""
