"""Photos: renditions cached in .cache/photos, encoded with Pillow when missing."""
