"""The timeline: events in date order, grouped by year (layout.py), and its axis (axis.py)."""
