"""Markup after a page's ``</html>``, put in its body as a browser puts it (issue 10).

libxml2's HTML parser gives the elements after ``</html>`` a second top-level ``<html>``
beside the document's root, so every reader of the root's subtree (the body extractor's first)
misses them: a story a broken template writes after ``</html>`` came out empty. HTML's
parser reads such markup "in body" (the "after after body" insertion mode): it ends the body.
"""

from __future__ import annotations

from lxml.html import HtmlElement


def adopt_after_html(root: HtmlElement) -> None:
    """Move the content of the top-level elements after `root` (libxml2's second ``<html>``s,
    or their ``<body>``'s) to the end of `root`'s body, in order, and leave those elements
    empty; nothing when there are none or `root` has no body."""
    body = root.find("body")
    if body is None:
        return
    for sibling in list(root.itersiblings()):
        if not isinstance(sibling, HtmlElement):  # a comment or processing instruction
            continue
        holders = [sibling, *sibling.iterchildren("body")]
        for holder in holders:
            _append_text(body, holder.text)
            for child in list(holder):
                if child.tag != "body":
                    body.append(child)  # its tail moves with it
        sibling.clear()  # lxml cannot remove a top-level element: it stays, empty


def _append_text(body: HtmlElement, text: str | None) -> None:
    if not text or not text.strip():
        return
    if len(body):
        last = body[-1]
        last.tail = (last.tail or "") + text
    else:
        body.text = (body.text or "") + text
