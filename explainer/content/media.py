"""content/media.yaml: each photo described once (its file, alt text, caption and credit); the page names them by id."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Collector
from ..model import MediaRef, Photo
from .fields import Fields, check_unique, closest, parse_yaml_list
from .schema import MEDIA_DOC, PHOTO
from .yamlsrc import Node

MEDIA_FILE = "content/media.yaml"
MEDIA_DIR = "content/media"


def read_media(text: str, errors: Collector) -> tuple[Photo, ...]:
    """The text of content/media.yaml as Photos."""

    photos = tuple(_read_photo(item, errors) for item in parse_yaml_list(text, MEDIA_FILE, MEDIA_DOC, errors))
    check_unique(errors, [(p.id, p.loc) for p in photos if p.id], "photo")
    return photos


def _read_photo(node: Node, errors: Collector) -> Photo:
    f = Fields(node, PHOTO, errors)
    ident = f.identifier("id")
    file = f.text("file")
    file_loc = f.at("file") if f.get("file", False) is not None else f.loc
    if file and (file.startswith("/") or "\\" in file or any(part in ("", ".", "..") for part in file.split("/"))):
        errors.error(
            file_loc,
            f"'file' must be a path inside {MEDIA_DIR}/, such as 'harbour.jpg' or 'people/vake.png', not '{file}'",
        )
        file = ""
    decorative = f.boolean("decorative")
    alt_node = f.get("alt", False)
    if decorative and alt_node is not None:
        errors.error(
            alt_node.loc, "a photo is either described ('alt') or 'decorative: true', not both; remove one of the two"
        )
    alt = f.prose("alt", required=not decorative) if not decorative else ""
    source_url = f.text("source_url") or None
    if source_url and not source_url.startswith(("https://", "http://")):
        errors.error(f.at("source_url"), "'source_url' must start with https:// or http://")
    return Photo(
        id=ident,
        file=f"{MEDIA_DIR}/{file}" if file else "",
        alt=alt,
        decorative=decorative,
        caption=f.prose("caption"),
        credit=f.prose("credit"),
        licence=f.prose("licence"),
        source_url=source_url,
        loc=f.loc,
        file_loc=file_loc,
    )


def check_media_refs(refs: Iterable[MediaRef], photos: tuple[Photo, ...], errors: Collector) -> None:
    """Report every use of a photo id that content/media.yaml does not describe."""
    known = {p.id for p in photos}
    for ref in refs:
        if ref.id not in known:
            close = closest(ref.id, sorted(known))
            hint = (
                f"did you mean '{close}'?"
                if close
                else f"describe it in {MEDIA_FILE} first, with its file, alt text and credit"
            )
            errors.error(ref.loc, f"unknown photo '{ref.id}' ({hint})")


def unused_photo_warnings(photos: tuple[Photo, ...], used: set[str], errors: Collector) -> None:
    """Warn about described photos nothing shows."""
    for photo in photos:
        if photo.id and photo.id not in used:
            errors.warn(
                photo.loc,
                f"photo '{photo.id}' is not used; show it with 'lead_image: {photo.id}', 'image: {photo.id}' or a paragraph '![](media:{photo.id})', or remove it",
            )
