"""Photos: the photo story builds with every kind of photo, its images carry no metadata, broken entries fail exactly, and unchanged photos are not encoded again."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from explainer.build import render_site
from explainer.cli import main
from explainer.photos import pictures
from explainer.photos.variants import encode_photo
from explainer.preview.pipeline import PreviewPipeline
from explainer.preview.snapshot import scan
from explainer.writer import MARKER

from .photo_sites import GPS, MEDIA_YAML, SERIAL, camera_jpeg, encoded, photo_files, scene
from .sites import PROJECT, write_site

METADATA_GROUPS = (
    "EXIF",
    "IFD0",
    "IFD1",
    "ExifIFD",
    "GPS",
    "XMP",
    "IPTC",
    "ICC_Profile",
    "ICC-header",
    "Photoshop",
    "MakerNotes",
    "JFIF-thumbnail",
)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("photos") / "site", photo_files())
    assert main(["--project", str(root), "--out", str(root.parent / "_site"), "--strict"]) == 0
    return root.parent / "_site"


def exiftool(*paths: Path) -> list[dict]:
    """Every tag exiftool finds in each file, by group (-G1), duplicates included (-a)."""
    done = subprocess.run(
        ["exiftool", "-j", "-a", "-G1", "-u", *map(str, paths)], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout)


def test_every_kind_of_photo_is_on_the_page(photo_site):
    html = (photo_site / "index.html").read_text(encoding="utf-8")
    images = re.findall(r"<img class=\"ex-photo-image\"[^>]*>", html)
    assert len(images) == 5  # the lead, two figures, an event's and a person's
    assert re.search(
        r'<h1 class="ex-title">.*?</h1>\s*<p class="ex-dek">.*?</p>\s*<figure class="ex-photo ex-photo-lead">',
        html,
        re.S,
    )
    lead, *others = images
    assert 'fetchpriority="high"' in lead and "loading=" not in lead
    assert all('loading="lazy"' in img and "fetchpriority" not in img for img in others)
    assert all(re.search(r' width="\d+" height="\d+"', img) for img in images)
    assert html.count('<source type="image/avif" srcset="media/') == 5
    sections = {
        s: html[html.index(f'<section id="{s}"') :].split("</section>")[0] for s in ("eruption", "cable", "people")
    }
    assert 'alt="Drawing of a grey funnel' in sections["eruption"]
    assert 'alt="Drawing of a thick dark blue line' in sections["cable"]
    assert 'alt="Drawing of a brown oval' in sections["people"]
    event = html[html.index('id="event-explosion"') :].split("</li>")[0]
    assert 'alt=""' in event and "Dusk, drawn." in event  # the decorative photo, still credited
    assert (
        '<span class="ex-photo-credit">Photo: <a href="https://example.org/test-desk/drawings">Test desk</a> (CC0)</span>'
        in html
    )
    for path in re.findall(r'(media/[^" ]+\.(?:avif|jpg))', html):
        assert (photo_site / path).is_file(), path
    assert (
        'content="The day the volcano cut the cable: the explainer’s title beside its lead photo: Drawing of an orange sun'
        in html
    )


def test_variants_are_sized_upright_and_complete(photo_site):
    files = sorted((photo_site / "media").iterdir())
    harbour = {f.name.rsplit("-", 1)[1]: f for f in files if f.name.startswith("harbour-")}
    assert sorted(harbour) == ["1600.avif", "1600.jpg", "480.avif", "480.jpg", "960.avif", "960.jpg"]
    for name, path in harbour.items():
        with Image.open(path) as image:
            width = int(name.split(".")[0])
            assert image.size == (width, round(width * 1200 / 1800))  # stored on its side, published upright
            image = image.convert("RGB")
            sun = image.getpixel((image.width // 4, image.height // 4))
            sea = image.getpixel((image.width // 2, image.height * 5 // 6))
            assert sun[0] > 200 and sun[2] < 90, sun  # the orange sun is top left, as the upright drawing has it
            assert sea[2] > 90 and sea[0] < 60, sea
    vake = [f.name for f in files if f.name.startswith("vake-portrait-")]
    assert [n.rsplit("-", 1)[1] for n in vake] == ["300.avif", "300.jpg"]  # a narrow original: only its own width
    with Image.open(photo_site / "og.png") as og:
        assert og.size == (1200, 630)
        assert og.convert("RGB").getpixel((900, 600))[2] > 90  # the lead photo's sea, where the map would be


def test_published_images_carry_no_metadata(photo_site, tmp_path):
    original = tmp_path / "harbour.jpg"
    original.write_bytes(camera_jpeg(scene((1800, 1200), "#f2c36b", "#1f4e79", sun="#e8552b")))
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            "-XMP-dc:Creator=Test Camera Owner",
            "-IPTC:Keywords=secret-place",
            "-ThumbnailImage<=" + str(original),
            str(original),
        ],
        check=True,
        timeout=120,
    )  # XMP, IPTC and a thumbnail too
    seen = exiftool(original)[0]
    assert {"GPS", "XMP-dc", "IPTC", "IFD1", "ExifIFD"} <= {
        key.split(":")[0] for key in seen
    }  # exiftool sees what a camera wrote
    assert seen["IFD0:Orientation"].startswith("Rotate 90") and seen["ExifIFD:SerialNumber"] == SERIAL
    with Image.open(BytesIO(original.read_bytes())) as image:
        assert image.getexif().get_ifd(0x8825)[2] == GPS[2]
    site = write_site(tmp_path / "site", {**photo_files(), "content/media/harbour.jpg": original.read_bytes()})
    assert main(["--project", str(site), "--out", str(tmp_path / "out")]) == 0
    outputs = (
        sorted((tmp_path / "out" / "media").iterdir())
        + sorted((photo_site / "media").iterdir())
        + [photo_site / "og.png"]
    )
    for path, tags in zip(outputs, exiftool(*outputs)):
        groups = {key.split(":")[0] for key in tags if ":" in key}
        assert not groups & set(METADATA_GROUPS), (path.name, sorted(groups))
        assert not any(
            key.endswith(
                ("GPSLatitude", "SerialNumber", "Orientation", "Make", "Keywords", "Creator", "ThumbnailImage")
            )
            for key in tags
        ), path.name
        data = path.read_bytes()
        assert (
            b"Exif\x00\x00" not in data and b"http://ns.adobe.com/xap" not in data and b"Photoshop 3.0" not in data
        ), path.name
        assert SERIAL.encode() not in data and b"TestCam" not in data and b"secret-place" not in data, path.name
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "photoshop"} & set(image.info), (
                path.name,
                image.info.keys(),
            )


def test_a_colour_profile_is_converted_to_srgb():
    # the sRGB profile with its red and blue primaries swapped: a pixel stored as pure red is blue in it
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    tags = {
        bytes(profile[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i
        for i in range(struct.unpack(">I", profile[128:132])[0])
    }
    red, blue = tags[b"rXYZ"] + 4, tags[b"bXYZ"] + 4
    profile[red : red + 8], profile[blue : blue + 8] = profile[blue : blue + 8], profile[red : red + 8]
    result = encode_photo(encoded(Image.new("RGB", (600, 400), (220, 30, 30)), "PNG", icc_profile=bytes(profile)))
    for variant in result.variants:
        with Image.open(BytesIO(variant.data)) as image:
            assert "icc_profile" not in image.info
            r, g, b = image.convert("RGB").getpixel((10, 10))
            assert b > 190 and r < 60, (variant.kind, (r, g, b))


def test_an_unchanged_rebuild_encodes_nothing_and_imports_no_pillow(tmp_path):
    root = write_site(tmp_path / "site", photo_files())
    assert main(["--project", str(root), "--out", str(tmp_path / "out")]) == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "out" / "media").iterdir()}
    code = (
        f"import sys; sys.path.insert(0, {str(PROJECT)!r}); from explainer.cli import main; "
        f"status = main(['--project', {str(root)!r}, '--out', {str(tmp_path / 'out2')!r}]); print(status, 'PIL' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stdout + done.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "out2" / "media").iterdir()} == first


def test_the_preview_encodes_again_only_the_photo_that_changed(tmp_path, monkeypatch):
    root = write_site(tmp_path / "site", photo_files())
    batches: list[int] = []
    encode_all = pictures._encode_all
    monkeypatch.setattr(
        pictures, "_encode_all", lambda originals: batches.append(len(originals)) or encode_all(originals)
    )
    pipeline = PreviewPipeline(root)
    first = pipeline.rebuild(scan(root))
    again = pipeline.rebuild(scan(root))
    (root / "content/media/sunset.webp").write_bytes(encoded(scene((800, 500), "#5c9ee9", "#26405e"), "WEBP"))
    changed = pipeline.rebuild(scan(root))
    assert batches == [5, 1]
    media = lambda result: {k for k in result.files if k.startswith("media/")}  # noqa: E731
    assert media(again) == media(first)
    assert len(media(changed) - media(first)) == 4 and all(
        k.startswith("media/sunset-") for k in media(changed) - media(first)
    )
    shutil.rmtree(root / ".cache" / "photos")  # a fresh pipeline and no cache folder: everything again
    assert render_site(root).files.keys() == changed.files.keys()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size and holds no pixels: enough for the size check, which reads only the header."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IEND", b"")
    )


GOOD = encoded(scene((640, 480), "#9fb6c8", "#24323d"), "JPEG")
BROKEN = {
    "missing alt and credit": (
        {
            "content/media.yaml": MEDIA_YAML.replace(
                "    alt: Drawing of a grey funnel widening upwards from a dark band into a pale blue sky\n", ""
            ).replace(
                "    caption: A drawn stand-in for the plume.\n    credit: Test desk\n",
                "    caption: A drawn stand-in for the plume.\n",
            )
        },
        [
            "content/media.yaml:9:5: error: a photo needs 'alt'; add a line 'alt: …'",
            "content/media.yaml:9:5: error: a photo needs 'credit'; add a line 'credit: …'",
        ],
    ),
    "alt and decorative both": (
        {"content/media.yaml": MEDIA_YAML.replace("    decorative: true\n", "    decorative: true\n    alt: Dusk\n")},
        [
            "content/media.yaml:22:10: error: a photo is either described ('alt') or 'decorative: true', not both; remove one of the two"
        ],
    ),
    "unknown ids": (
        {
            "site.yaml": photo_files()["site.yaml"].replace("lead_image: harbour", "lead_image: harbor"),
            "content/eruption.md": photo_files()["content/eruption.md"].replace("media:plume", "media:plum"),
            "content/events.yaml": photo_files()["content/events.yaml"].replace("image: sunset", "image: sundown"),
        },
        [
            "content/eruption.md:14:11: error: unknown photo 'plum' (did you mean 'plume'?)",
            "content/events.yaml:6:12: error: unknown photo 'sundown' (describe it in content/media.yaml first, with its file, alt text and credit)",
            "site.yaml:13:13: error: unknown photo 'harbor' (did you mean 'harbour'?)",
        ],
    ),
    "a file outside content/media": (
        {"content/media.yaml": MEDIA_YAML.replace("file: plume.jpg", "file: ../plume.jpg")},
        [
            "content/media.yaml:10:11: error: 'file' must be a path inside content/media/, such as 'harbour.jpg' or 'people/vake.png', not '../plume.jpg'"
        ],
    ),
    "a missing file": (
        {"content/media/plume.jpg": None},
        [
            "content/media.yaml:10:11: error: content/media/plume.jpg does not exist; put the original there, or correct 'file'"
        ],
    ),
    "not an image": (
        {"content/media/plume.jpg": b"GIF89a" + bytes(40)},
        [
            "content/media.yaml:10:11: error: content/media/plume.jpg is not a JPEG, PNG or WebP image Pillow can read; export it as one of these"
        ],
    ),
    "a GIF": (
        {"content/media/plume.jpg": encoded(scene((64, 48), "#fff", "#000"), "GIF")},
        [
            "content/media.yaml:10:11: error: content/media/plume.jpg is not a JPEG, PNG or WebP image Pillow can read; export it as one of these"
        ],
    ),
    "a JPEG cut short": (
        {"content/media/plume.jpg": GOOD[: len(GOOD) // 2]},
        [
            "content/media.yaml:10:11: error: content/media/plume.jpg cannot be decoded: it may be cut short or damaged; export it again"
        ],
    ),
    "over 40 megapixels": (
        {"content/media/plume.jpg": _png_header(8000, 5001)},
        [
            "content/media.yaml:10:11: error: content/media/plume.jpg is 8000 × 5001 px (40.0 megapixels), over the 40 megapixel limit; export it smaller"
        ],
    ),
    "over 30 MB": (
        {"content/media/plume.jpg": GOOD + bytes(30 * 2**20)},
        [
            "content/media.yaml:10:11: error: content/media/plume.jpg is 30.0 MB, over the 30 MB limit; export it smaller (a photo of 3000 px across is plenty)"
        ],
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_photo_entries_fail_exactly_and_write_nothing(tmp_path, capsys, case):
    files, expected = BROKEN[case]
    root = write_site(tmp_path / "site", {**photo_files(), **files})
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("last good", encoding="utf-8")
    (out / MARKER).write_text("", encoding="utf-8")  # a folder this generator built
    status = main(["--project", str(root), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert [line for line in err.splitlines() if ": error: " in line] == expected
    assert "Traceback" not in err
    assert (
        sorted(p.name for p in out.iterdir()) == sorted([MARKER, "index.html"])
        and (out / "index.html").read_text(encoding="utf-8") == "last good"
    )


def test_a_photo_in_a_sentence_is_a_warning_saying_how_to_write_it(tmp_path, capsys):
    files = photo_files()
    root = write_site(
        tmp_path / "site",
        {
            **files,
            "content/cable.md": files["content/cable.md"].replace(
                "\n![](media:cable-drawing)\n", " See ![](media:cable-drawing).\n"
            ),
        },
    )
    assert main(["--project", str(root), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert (
        "content/cable.md:7:6: warning: a photo is shown only as a paragraph of its own, written '![](media:cable-drawing)'"
        in err
    )
    assert "content/media.yaml:14:5: warning: photo 'cable-drawing' is not used" in err


def test_a_figure_paragraph_in_an_event_text_is_dropped_with_a_warning(tmp_path, capsys):
    files = photo_files()
    events = files["content/events.yaml"].replace(
        "    text: The blast was heard 2,000 km away.\n",
        "    text: |\n      The blast was heard 2,000 km away.\n\n      ![](media:plume)\n",
    )
    root = write_site(tmp_path / "site", {**files, "content/events.yaml": events})
    assert main(["--project", str(root), "--out", str(tmp_path / "out")]) == 0
    assert (
        "content/events.yaml:5:11: warning: photos are shown only in a section's text; give an event its photo with a line 'image: plume'"
        in capsys.readouterr().err
    )
    event = (
        (tmp_path / "out" / "index.html").read_text(encoding="utf-8").split('id="event-explosion"')[1].split("</li>")[0]
    )
    assert "\ue000" not in event and event.count("<figure") == 1  # its own photo only
