"""The preview's pipeline: the build's stages, keeping between rebuilds what each made, so that a save redoes only what changed.

All the preview's state is in one PreviewPipeline, kept for the session (explainer/preview/serve.py runs it on every save):

- the sources' texts, by each file's stamp in the scan that noticed the change (snapshot.SeenSources);
- each file's parse result and problems, each section's HTML, the timeline, and each section's and place's view,
  by their inputs (`keep`, the one seam of the build's Pipeline);
- every Markdown text's HTML, by the text (markup.Renderer);
- each rendered fragment of the page, by its views (PreviewTemplates), while the templates and the words are unchanged;
- the photos' variants, by the originals' bytes (pictures.Pictures); drawings are kept in .cache/ as in any build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..build import BuildResult, Pipeline
from ..language.interface import Interface
from ..page.render import Fragment, Templates
from .snapshot import SeenSources, Snapshot

T = TypeVar("T")


class PreviewTemplates(Templates):
    """Templates that render a fragment again only when its views differ from the last time it was rendered for its slot."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.basis: tuple[object, ...] = ()
        self.kept: dict[tuple[str, str], tuple[dict[str, object], Fragment]] = {}
        self.used: dict[tuple[str, str], tuple[dict[str, object], Fragment]] = {}

    def speak(self, words: Interface, sources: tuple[tuple[str, bytes], ...]) -> None:
        """Besides the views, a fragment depends on the words and on the templates: a change of either drops every one."""
        super().speak(words, sources)
        basis = (words.key, sources)
        self.kept = self.used if basis == self.basis else {}  # the last page's fragments; the others are dropped
        self.used = {}
        self.basis = basis

    def fragment(self, name: str, slot: str, **views: object) -> Fragment:
        key = (name, slot)
        kept = self.used.get(key) or self.kept.get(key)
        if kept is None or kept[0] != views:  # unchanged views are mostly the very objects kept, so this is quick
            kept = (views, super().fragment(name, slot, **views))
        self.used[key] = kept
        return kept[1]


class PreviewPipeline(Pipeline):
    """The build's stages, each of their values kept by its inputs from one rebuild to the next."""

    parallel = False

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.templates = PreviewTemplates(root)
        self.seen = SeenSources(root)
        self.kept: dict[str, tuple[tuple[object, ...], Any]] = {}

    def keep(self, key: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """What `make()` gave for `key` the last time, if that was with the same inputs; one value per key."""
        kept = self.kept.get(key)
        if kept is None or kept[0] != inputs:  # unchanged inputs are mostly the very objects kept, so this is quick
            kept = self.kept[key] = (inputs, make())
        value: T = kept[1]
        return value

    def sources(self) -> SeenSources:
        return self.seen

    def rebuild(self, seen: Snapshot, strict: bool = False) -> BuildResult:
        """Every stage, from the sources as the scan `seen` (taken after the last change) saw them."""
        self.seen.look(seen)
        return self.run(strict)
