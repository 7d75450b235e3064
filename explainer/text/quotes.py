"""Pull quotes for python-markdown: a block quote whose last line starts with an em dash credits whoever said it.

    > The plume rose higher than any we have measured.
    > — Sela Vake, volcanologist

becomes `<figure><blockquote><p>The plume…</p></blockquote><figcaption>— Sela Vake, volcanologist</figcaption></figure>`.
The credit may also be the quote's last paragraph, and may be written `--- ` (the typographer makes it an em dash).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

DASH = "\u2014 "


class PullQuoteProcessor(Treeprocessor):
    """Wraps each credited block quote in a figure, its credit moved into the figcaption."""

    def run(self, root: etree.Element) -> None:
        quotes = [(parent, child) for parent in root.iter() for child in parent if child.tag == "blockquote"]
        for parent, quote in quotes:
            caption = _take_credit(quote)
            if caption is None:
                continue
            figure = etree.Element("figure")
            figure.tail, quote.tail = quote.tail, "\n"
            parent.insert(list(parent).index(quote), figure)
            parent.remove(quote)
            figure.text = "\n"
            figure.append(quote)
            figure.append(caption)
            caption.tail = "\n"


def _take_credit(quote: etree.Element) -> etree.Element | None:
    """Remove the credit from the end of `quote` and return it as a figcaption; None if the quote has none."""
    last = quote[-1] if len(quote) else None
    if last is None or last.tag != "p":
        return None
    caption = etree.Element("figcaption")
    if (last.text or "").startswith(DASH) and len(quote) > 1:  # the credit is the last paragraph
        caption.text = last.text
        caption.extend(list(last))
        quote.remove(last)
        quote[-1].tail = "\n"
        return caption
    holder = last[-1] if len(last) else None  # the credit is the last line of the last paragraph
    text = (holder.tail if holder is not None else last.text) or ""
    cut = text.rfind("\n" + DASH)
    if cut < 0 or not text[cut + len(DASH) + 1 :].strip() or (holder is None and not text[:cut].strip()):
        return None
    caption.text = text[cut + 1 :].strip()
    if holder is None:
        last.text = text[:cut]
    else:
        holder.tail = text[:cut]
    return caption


class PullQuoteExtension(Extension):
    """Runs after the typographer (priority 6), so that `--- ` has become an em dash."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(PullQuoteProcessor(md), "pull-quote", 5)
