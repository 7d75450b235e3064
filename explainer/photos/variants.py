"""A photo's original -> its responsive variants: AVIF and a JPEG fallback at a few widths, with no metadata left.

Pure: bytes in, bytes out. pictures.py caches the result and imports this module (and so Pillow) only when a
photo must be encoded. Every variant is rebuilt from pixels alone: EXIF (GPS position, camera serial, dates,
thumbnail), XMP, IPTC and ICC profiles never reach it; the pixels are turned upright by the EXIF orientation and
converted to sRGB from the original's colour profile first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from io import BytesIO

from PIL import Image, ImageCms, ImageOps

from .formats import AVIF, JPEG, MAX_BYTES, MAX_PIXELS, WIDTHS, Encoded, Variant

FORMATS = ("JPEG", "PNG", "WEBP")  # what an original may be


class PhotoProblem(Exception):
    """Why an original cannot be published; the message completes 'content/media/x.jpg …'."""


def encode_photo(data: bytes) -> Encoded:
    """Check and encode one original; raise PhotoProblem if it is not a JPEG, PNG or WebP Pillow decodes, or too large."""
    if len(data) > MAX_BYTES:
        raise PhotoProblem(
            f"is {len(data) / 2**20:.1f} MB, over the {MAX_BYTES // 2**20} MB limit; export it smaller (a photo of 3000 px across is plenty)"
        )
    try:
        image: Image.Image = Image.open(BytesIO(data), formats=FORMATS)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoProblem("is not a JPEG, PNG or WebP image Pillow can read; export it as one of these") from None
    stored_w, stored_h = image.size
    if stored_w * stored_h > MAX_PIXELS:
        raise PhotoProblem(
            f"is {stored_w} × {stored_h} px ({stored_w * stored_h / 1e6:.1f} megapixels), over the {MAX_PIXELS // 1_000_000} megapixel limit; export it smaller"
        )
    turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # EXIF orientation: a quarter turn swaps the sides
    upright_w = stored_h if turned else stored_w
    largest = min(WIDTHS[-1], upright_w)
    if image.format == "JPEG":  # decode at the smallest scale (1/2, 1/4, 1/8) still larger than the largest variant
        scale = largest / upright_w
        image.draft(image.mode, (math.ceil(stored_w * scale), math.ceil(stored_h * scale)))
    icc = image.info.get("icc_profile")
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoProblem("cannot be decoded: it may be cut short or damaged; export it again") from None
    image = _flatten(
        _to_srgb(image, icc)
    )  # AVIF could keep transparency, but the JPEG fallback cannot: both show the photo on white
    width, height = image.size
    sizes = [w for w in WIDTHS if w < largest * 0.8] + [largest]  # no variant barely narrower than the widest
    variants = []
    for w in sizes:
        h = max(1, round(height * w / width))
        resized = image.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0) if (w, h) != image.size else image
        pixels = Image.frombytes(
            resized.mode, resized.size, resized.tobytes()
        )  # a new image: no info, no EXIF, no profile
        variants.append(Variant(w, h, "avif", _save(pixels, "AVIF", AVIF)))
        variants.append(Variant(w, h, "jpeg", _save(pixels, "JPEG", JPEG)))
    return Encoded(largest, variants[-1].height, tuple(variants))


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB (or RGBA, with transparency) pixels in sRGB, converted from the original's ICC profile if it has one."""
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if alpha else "RGB"
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(icc))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert(mode)
            out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=out_mode)
            if converted is not None:
                return converted if converted.mode == mode else converted.convert(mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the pixels are taken as sRGB, as browsers take untagged images
    return image if image.mode == mode else image.convert(mode)


def _flatten(image: Image.Image) -> Image.Image:
    """A transparent photo laid on white."""
    if image.mode != "RGBA":
        return image
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, image).convert("RGB")


def _save(image: Image.Image, kind: str, options: Mapping[str, object]) -> bytes:
    out = BytesIO()
    image.save(out, format=kind, **options)
    return out.getvalue()
