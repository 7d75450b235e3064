"""Data in and out: the JSON, iCalendar and TimelineJS exports, and the importers."""
