"""What the photos' variants are: their widths and encoder settings, the originals' limits, and the encoded records.

Shared by pictures.py (the cache, which must not import Pillow) and variants.py (the encoder, which does)."""

from __future__ import annotations

from typing import NamedTuple

WIDTHS = (480, 960, 1600)  # px; a narrower original gets its own width as the largest
MAX_PIXELS = 40_000_000
MAX_BYTES = 30 * 1024 * 1024
AVIF = {"quality": 60, "speed": 9, "max_threads": 1}  # one thread: the same bytes on every machine
JPEG = {"quality": 82, "optimize": True, "progressive": True}


class Variant(NamedTuple):
    """One encoded size of a photo."""

    width: int
    height: int
    kind: str  # "avif" or "jpeg"
    data: bytes


class Encoded(NamedTuple):
    """A photo's variants, narrowest first, and its upright size (that of the widest variant)."""

    width: int
    height: int
    variants: tuple[Variant, ...]
