"""The eruption story site with photos: a lead photo, two section figures, an event's photo and a person's photo.

Every photo is drawn here with Pillow (no real place or person is shown), and its alt text says what the drawing
shows. The lead photo carries what a camera would write: GPS coordinates, a camera serial, a date, and an EXIF
orientation (the pixels are stored on their side, as a phone held upright stores them).
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw

from .story_sites import ERUPTION

GPS = {
    1: "N",
    2: (51.0, 30.0, 26.0),
    3: "W",
    4: (0.0, 7.0, 39.0),
}  # GPSLatitudeRef, GPSLatitude, GPSLongitudeRef, GPSLongitude
CAMERA = {0x010F: "TestCam", 0x0110: "TC-1", 0x0132: "2022:01:15 17:20:00"}  # Make, Model, DateTime
SERIAL = "SN-0042-TEST"  # BodySerialNumber, in the Exif IFD


def scene(size: tuple[int, int], sky: str, ground: str, sun: str | None = None) -> Image.Image:
    """A plain drawing: a sky colour above a ground colour, and an optional sun disc in the sky."""
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 2 // 3, width, height], fill=ground)
    if sun:
        r = height // 8
        draw.ellipse([width // 4 - r, height // 4 - r, width // 4 + r, height // 4 + r], fill=sun)
    return image


def camera_jpeg(upright: Image.Image, quality: int = 90) -> bytes:
    """`upright` stored on its side with EXIF orientation 6 (turn 90° clockwise to view), GPS, camera and serial tags."""
    exif = Image.Exif()
    exif.update(CAMERA)
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update(GPS)
    exif.get_ifd(0x8769)[0xA431] = SERIAL
    out = BytesIO()
    upright.transpose(Image.Transpose.ROTATE_90).save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    out = BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def photo_files() -> dict[str, str | bytes | None]:
    """The photo story's files on top of ERUPTION."""
    portrait = scene((300, 400), "#d9d2c5", "#3b3b3b")
    ImageDraw.Draw(portrait).ellipse([100, 60, 200, 180], fill="#8a5a3c")
    plume = scene((1000, 750), "#9fb6c8", "#24323d")
    ImageDraw.Draw(plume).polygon([(450, 500), (550, 500), (700, 60), (300, 60)], fill="#6d6a66")
    cable = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    ImageDraw.Draw(cable).line([(0, 300), (900, 320)], fill=(20, 60, 120, 255), width=24)
    site = (
        ERUPTION["site.yaml"]
        .replace("base_url:", "lead_image: harbour\nbase_url:")
        .replace(
            "    description: Watched the plume rise from the island's observatory.\n",
            "    description: Watched the plume rise from the island's observatory.\n    image: vake-portrait\n",
        )
    )
    return {
        **ERUPTION,
        "site.yaml": site,
        "content/eruption.md": ERUPTION["content/eruption.md"] + "\n![](media:plume)\n",
        "content/cable.md": ERUPTION["content/cable.md"].replace(
            "Repairs took weeks.[^ship]\n", "Repairs took weeks.[^ship]\n\n![](media:cable-drawing)\n"
        ),
        "content/events.yaml": ERUPTION["content/events.yaml"].replace(
            "    text: The blast was heard 2,000 km away.\n",
            "    text: The blast was heard 2,000 km away.\n    image: sunset\n",
        ),
        "content/media.yaml": MEDIA_YAML,
        "content/media/harbour.jpg": camera_jpeg(scene((1800, 1200), "#f2c36b", "#1f4e79", sun="#e8552b")),
        "content/media/plume.jpg": encoded(plume, "JPEG", quality=88),
        "content/media/cable.png": encoded(cable, "PNG"),
        "content/media/sunset.webp": encoded(
            scene((800, 500), "#e9a15c", "#26405e", sun="#fff1c9"), "WEBP", quality=90
        ),
        "content/media/vake.png": encoded(portrait, "PNG"),
    }


MEDIA_YAML = """\
media:
  - id: harbour
    file: harbour.jpg
    alt: Drawing of an orange sun in a yellow sky above a dark blue band of sea
    caption: A drawn stand-in for the harbour at dusk, made for this test.
    credit: Test desk
    licence: CC0
    source_url: https://example.org/test-desk/drawings
  - id: plume
    file: plume.jpg
    alt: Drawing of a grey funnel widening upwards from a dark band into a pale blue sky
    caption: A drawn stand-in for the plume.
    credit: Test desk
  - id: cable-drawing
    file: cable.png
    alt: Drawing of a thick dark blue line crossing a white field
    caption: The cable, as a line.
    credit: Test desk
  - id: sunset
    file: sunset.webp
    decorative: true
    caption: Dusk, drawn.
    credit: Test desk
  - id: vake-portrait
    file: vake.png
    alt: Drawing of a brown oval above a dark grey band, standing in for a portrait
    credit: Test desk
"""
