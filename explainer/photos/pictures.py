"""The photos of one build: each original's variants, reused from the cache folder while its bytes and the settings are unchanged.

Variants are kept in cache_dir/photos/<key>/, the key hashing the original's bytes, the encoding settings and
Pillow's version; variants.py (and Pillow) is imported only when a photo must be encoded. A Pictures also keeps each
photo's variants in memory by the file's bytes object, which the preview's sources hand back unchanged while the
file's stamp is: in the preview, an unchanged photo is neither hashed nor read from the cache folder again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ..content.sources import Sources
from ..errors import Collector
from ..map.drawings import library_version
from ..model import Photo
from .formats import AVIF, JPEG, MAX_BYTES, WIDTHS, Encoded, Variant

PHOTO_VERSION = "1"  # bump when variants.py encodes differently, to invalidate cached variants
MEDIA_OUT = "media"  # the output folder of the variants
SETTINGS = {"widths": WIDTHS, "avif": AVIF, "jpeg": JPEG}  # part of the cache key


@dataclass(frozen=True)
class Rendition:
    """A photo ready for the page: what readers are told about it, its variants' output paths and its upright size."""

    photo: Photo
    width: int
    height: int
    variants: tuple[tuple[int, int, str, str], ...]  # width, height, kind (avif|jpeg), output path
    files: dict[str, bytes]  # output path -> bytes
    digest: str  # the cache key: changes with the original's bytes and the settings

    def largest(self, kind: str) -> str:
        """The output path of the widest variant of `kind`."""
        return [path for _, _, k, path in self.variants if k == kind][-1]


def _same(kept: bytes, data: bytes) -> bool:
    """True if `data` is the original kept: mostly the very object, so found without comparing the bytes."""
    return kept is data or kept == data


def photo_key(data: bytes) -> str:
    """Hash what a photo's variants depend on: the original's bytes, the settings and Pillow's version."""
    inputs = {
        "version": PHOTO_VERSION,
        "pillow": library_version("Pillow"),
        "settings": SETTINGS,
        "original": hashlib.sha256(data).hexdigest(),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:20]


class Pictures:
    """Encodes, or finds in `cache_dir` (None: always encodes), the variants of each photo; with `store` false keeps none there."""

    def __init__(self, cache_dir: Path | None, store: bool = True) -> None:
        self.cache_dir = cache_dir / "photos" if cache_dir is not None else None
        self.store = store
        self._kept: dict[
            str, tuple[bytes, tuple[str, Encoded] | str]
        ] = {}  # file -> its original's bytes, and its variants or the problem

    def renditions(self, photos: tuple[Photo, ...], sources: Sources, errors: Collector) -> dict[str, Rendition]:
        """Each photo's Rendition by id; problems with a file are errors at its 'file' line in content/media.yaml."""
        originals: dict[str, bytes] = {}
        for photo in photos:
            if not photo.file:
                continue
            if not sources.exists(photo.file):
                errors.error(photo.file_loc, f"{photo.file} does not exist; put the original there, or correct 'file'")
                continue
            size = (sources.root / photo.file).stat().st_size
            if size > MAX_BYTES:
                errors.error(
                    photo.file_loc,
                    f"{photo.file} is {size / 2**20:.1f} MB, over the {MAX_BYTES // 2**20} MB limit; export it smaller (a photo of 3000 px across is plenty)",
                )
                continue
            data = sources.read_bytes(photo.file, errors)
            if data is not None:
                originals[photo.file] = data
        missing = [
            (file, data)
            for file, data in originals.items()
            if file not in self._kept or not _same(self._kept[file][0], data)
        ]
        self._kept = {file: self._kept[file] for file in originals if file in self._kept}  # one version of each photo
        self._kept.update((file, (originals[file], made)) for file, made in self._encode_missing(missing).items())
        found: dict[str, Rendition] = {}
        for photo in photos:
            if photo.file not in originals:
                continue
            kept = self._kept[photo.file][1]
            if isinstance(kept, str):
                errors.error(photo.file_loc, f"{photo.file} {kept}")
                continue
            key, encoded = kept
            found[photo.id] = _rendition(photo, key, encoded)
        return found

    def _encode_missing(self, originals: list[tuple[str, bytes]]) -> dict[str, tuple[str, Encoded] | str]:
        """(key, Encoded) for each original, from the cache folder or encoded now (on all cores when there are several); a problem as text."""
        result: dict[str, tuple[str, Encoded] | str] = {}
        todo: list[tuple[str, str, bytes]] = []
        for file, data in originals:
            key = photo_key(data)
            kept = self._read(key)
            if kept is not None:
                result[file] = (key, kept)
            else:
                todo.append((file, key, data))
        if not todo:
            return result
        for (file, key, _), encoded in zip(todo, _encode_all([data for _, _, data in todo])):
            if not isinstance(encoded, str):
                self._write(key, encoded)
            result[file] = encoded if isinstance(encoded, str) else (key, encoded)
        return result

    def _read(self, key: str) -> Encoded | None:
        """The variants kept under `key`, if they are all there."""
        if self.cache_dir is None:
            return None
        folder = self.cache_dir / key
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            variants = tuple(
                Variant(w, h, kind, (folder / f"{w}.{kind}").read_bytes()) for w, h, kind in manifest["variants"]
            )
        except (OSError, ValueError, KeyError):
            return None
        return Encoded(manifest["width"], manifest["height"], variants)

    def _write(self, key: str, encoded: Encoded) -> None:
        """Keep the variants under `key`: written into a temporary folder, then renamed, so a folder there is complete."""
        if self.cache_dir is None or not self.store:
            return
        folder = self.cache_dir / key
        tmp = self.cache_dir / f"{key}.tmp{os.getpid()}"
        try:
            tmp.mkdir(parents=True, exist_ok=True)
            for v in encoded.variants:
                (tmp / f"{v.width}.{v.kind}").write_bytes(v.data)
            manifest = {
                "width": encoded.width,
                "height": encoded.height,
                "variants": [[v.width, v.height, v.kind] for v in encoded.variants],
            }
            (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
            os.replace(tmp, folder)
        except OSError:  # a read-only project still builds; it only encodes its photos every time
            shutil.rmtree(tmp, ignore_errors=True)


def _rendition(photo: Photo, key: str, encoded: Encoded) -> Rendition:
    stem = f"{MEDIA_OUT}/{photo.id}-{key[:10]}"
    variants = tuple(
        (v.width, v.height, v.kind, f"{stem}-{v.width}.{'jpg' if v.kind == 'jpeg' else v.kind}")
        for v in encoded.variants
    )
    files = {path: v.data for (_, _, _, path), v in zip(variants, encoded.variants)}
    return Rendition(photo, encoded.width, encoded.height, variants, files, key)


def _encode_all(originals: list[bytes]) -> list[Encoded | str]:
    """encode_photo on each original, on forked workers when there are several and forking is safe (Linux, one thread)."""
    if len(originals) > 1 and (os.cpu_count() or 1) > 1 and sys.platform == "linux" and threading.active_count() == 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            min(len(originals), os.cpu_count() or 1), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            return list(pool.map(_encode_or_problem, originals))
    return [_encode_or_problem(data) for data in originals]


def _encode_or_problem(data: bytes) -> Encoded | str:
    from .variants import PhotoProblem, encode_photo

    try:
        return encode_photo(data)
    except PhotoProblem as exc:
        return str(exc)
