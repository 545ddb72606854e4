"""`PageTags`, one walk for the tags the metadata, images and rights read, finds what a
walk of each tag finds; the readers given it answer as they do alone."""

from __future__ import annotations

import lxml.html

from newsflow.extract.article import _parse
from newsflow.extract.images import collect_images
from newsflow.extract.jsonld import jsonld_nodes
from newsflow.extract.metadata import collect
from newsflow.extract.page_tags import TAGS, PageTags
from newsflow.extract.rights import page_rights
from newsflow.extract.text import visible_texts

PAGE = """<html><head><title>Storm closes schools - Example Gazette</title>
<meta property="og:title" content="Storm closes schools"><meta name="robots" content="noai">
<meta name="tdm-reservation" content="1"><base target="_self"><base href="/news/">
<link rel="canonical" href="/news/storm"><script type="application/ld+json">
{"@type": "NewsArticle", "headline": "Storm closes schools", "license": "/terms"}</script>
</head><body><h2>Weather</h2><h1>Storm closes schools</h1>
<p>By <a rel="author" href="/people/ana-li">Ana Li</a>, <time datetime="2025-01-05">Jan 5</time>
</p><figure><img src="/i/storm.jpg"><figcaption>Snow (Photo: Ana Li)</figcaption></figure>
<svg><title>icon</title></svg><a rel="license" href="/cc-by">CC BY</a>
<figure><img src="/i/map.png"></figure><a href="/next">Next</a></body></html>"""


def test_each_tag_s_elements_are_those_a_walk_of_it_finds() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    tags = PageTags(tree)
    for tag in TAGS:
        assert tags(tag) == list(tree.iter(tag))
        assert tags.below(tag) == tree.findall(f".//{tag}")
    rel_xpath = "//link[@rel] | //a[@rel]"
    assert tags.rel_links == tree.xpath(rel_xpath)
    assert [e.get("href") for e in tags.rel_links] == ["/news/storm", "/people/ana-li", "/cc-by"]
    assert [e.get("href") for e in tags.below("base")] == [None, "/news/"]
    assert tags.whole_document()
    # the tree itself is one of its elements, not one below it
    title = tree.find(".//title")
    assert PageTags(title)("title") == [title] and PageTags(title).below("title") == []


def test_a_licence_beside_the_root_is_read_as_alone() -> None:
    # GIVEN a page whose licence link is after </html>: beside the tree's root, not in it
    page = '<html><body><a href="/a">a</a></body></html><a rel="license" href="/y">y</a>'
    tree = _parse(page)
    assert tree is not None
    tags = PageTags(tree)
    assert not tags.whole_document() and tags.rel_links == []
    # THEN the rights read the document's elements, as without the tree's
    rights = page_rights(tree, "https://e.example/", tags=tags)
    assert (
        rights.license_url
        == "https://e.example/y"
        == page_rights(tree, "https://e.example/").license_url
    )


def test_the_readers_given_the_elements_answer_as_they_do_alone() -> None:
    url = "https://gazette.example/news/storm"
    tree = lxml.html.document_fromstring(PAGE)
    tags = PageTags(tree)
    assert jsonld_nodes(tree, tags("script")) == jsonld_nodes(tree)
    objects = jsonld_nodes(tree)
    alone, shared = collect(tree, objects), collect(tree, objects, tags=tags)
    assert shared.authors == alone.authors and shared.authors
    assert shared.get("title") == alone.get("title")
    assert [c.source for c in shared.get("title")][-2:] == ["h1", "title"]
    assert collect_images(tree, url, tags("figure")) == collect_images(tree, url)
    assert len(collect_images(tree, url)) == 2
    rights = page_rights(tree, url, jsonld=objects, tags=tags)
    assert rights == page_rights(tree, url, jsonld=objects)
    assert rights.license_url == "https://gazette.example/cc-by"
    assert rights.meta_robots == ["noai"] and rights.tdm_reservation is True
    texts = visible_texts(tree, tags("body"))
    assert texts == visible_texts(tree) and "Storm closes schools" in texts
