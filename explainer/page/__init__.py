"""Rendering: the page's views, the templates' environment, and the files published beside the page."""
