"""Whole-link items inside one of the story's lists stay with it; a list of whole links on
its own is still a related-stories list."""

from support.pages import news_page

from newsflow.extract import extract_article

# An invented project's monthly note: its change list, some items linked to their change.
PROSE = [
    f"The {n} part of this month's note explains what changed in the lantern compiler and "
    "why, for readers who build it from source every week."
    for n in ("first", "second", "third", "fourth", "fifth")
]
CHANGES = [
    ("Fix memory use on deeply nested expressions", "thanks to Ana"),
    ("Update to the nightly toolchain of November", ""),
    ("Load the code generator at run time", ""),
    ("Move the runtime library into the sysroot", "thanks to Ben"),
]
TEASERS = [
    "Why the compiler's old backend was retired",
    "A year of nightly builds in six charts",
    "How the project reviews a patch",
]


def _item(text: str, thanks: str, n: int) -> str:
    link = f"<a href='https://tracker.example.net/pull/{n}'>{text}</a>"
    return f"<li><p>{link} ({thanks})</p></li>" if thanks else f"<li><p>{link}</p></li>"


def _page() -> bytes:
    changes = "".join(_item(text, thanks, n) for n, (text, thanks) in enumerate(CHANGES))
    teasers = "".join(f"<li><a href='/notes/{n}'>{t}</a></li>" for n, t in enumerate(TEASERS))
    body = (
        "<article><h1>Lantern monthly note</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE[:3])
        + f"<ul>{changes}</ul>"
        + "".join(f"<p>{p}</p>" for p in PROSE[3:])
        + f"</article><aside><ul>{teasers}</ul></aside>"
    )
    return news_page(head="<title>Lantern monthly note</title>", body=body)


def test_linked_items_between_the_lists_other_items_are_kept() -> None:
    body = extract_article(_page(), "https://lantern.example.org/notes/11").body_text
    for text, _ in CHANGES:
        assert f"- {text}" in body


def test_whole_link_list_on_its_own_is_dropped() -> None:
    # the same page with the teaser list moved into the article, after its prose
    page = _page().replace(b"</article><aside>", b"").replace(b"</aside>", b"</article>")
    body = extract_article(page, "https://lantern.example.org/notes/11").body_text
    assert PROSE[-1] in body
    assert not any(t in body for t in TEASERS)
