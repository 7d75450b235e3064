"""Reading the sources: site.yaml, the sections' front matter, events, updates and photos, checked into the model."""
