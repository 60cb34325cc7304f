"""File ▸ Export and File ▸ Print: the current purchase as CSV, iCalendar, a PDF term sheet or paper."""
