"""Static explainer-site generator: Markdown, YAML and a timeline and map, built into one page."""
