"""Invented article pages in the templates of the web's common publishing systems and layouts
(written for these tests after the public shape of each kind of template, no page copied):
each wraps a story of `invented_stories` whose text is the page's truth."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

from support.invented_stories import (
    BAKERY,
    BRIEF,
    CITY_REPORT,
    COUNCIL,
    LIBRARY,
    MARKET,
    SOIL,
    TRAIN,
    Story,
)


@dataclass(frozen=True)
class InventedPage:
    """A page: its name (the template's kind), URL, HTML and the story it holds."""

    name: str
    url: str
    html: str
    story: Story


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def render(  # noqa: PLR0917 - each template sets the markup of its own blocks
    story: Story,
    p: str = "<p>{}</p>",
    h: str = "<h2>{}</h2>",
    ul: tuple[str, str] = ("<ul>", "</ul>"),
    li: str = "<li>{}</li>",
    between: Callable[[int], str] | None = None,
) -> str:
    """The story's blocks as markup; `between(i)` adds markup after the i-th block."""
    out: list[str] = []
    in_list = False
    for i, block in enumerate(story.blocks):
        is_item = block.startswith("- ")
        if is_item and not in_list:
            out.append(ul[0])
        if in_list and not is_item:
            out.append(ul[1])
        in_list = is_item
        if is_item:
            out.append(li.format(_e(block[2:])))
        elif block.startswith("## "):
            out.append(h.format(_e(block[3:])))
        else:
            out.append(p.format(_e(block)))
        if between is not None and not is_item:
            out.append(between(i))
    if in_list:
        out.append(ul[1])
    return "\n".join(out)


def _head(story: Story, extra: str = "", site: str = "Example Gazette") -> str:
    return (
        f"<head><meta charset='utf-8'><title>{_e(story.headline)} | {site}</title>"
        f"<meta name='viewport' content='width=device-width'>{extra}</head>"
    )


NAV = (
    "<nav class='main-nav'><ul><li><a href='/'>Home</a></li><li><a href='/news/'>News</a></li>"
    "<li><a href='/sport/'>Sport</a></li><li><a href='/business/'>Business</a></li>"
    "<li><a href='/culture/'>Culture</a></li><li><a href='/opinion/'>Opinion</a></li></ul></nav>"
)
FOOTER = (
    "<footer class='site-footer'><ul><li><a href='/about/'>About us</a></li><li><a "
    "href='/contact/'>Contact</a></li><li><a href='/privacy/'>Privacy policy</a></li></ul>"
    "<p>© 2026 Example Gazette Ltd. All rights reserved.</p></footer>"
)
RELATED = (
    "<aside class='related'><h3>Related stories</h3><ul>"
    "<li><a href='/news/ferry-timetable-changes'>Ferry timetable changes from next month</a></li>"
    "<li><a href='/news/new-cycle-lane-opens'>New cycle lane opens on the east bank</a></li>"
    "<li><a href='/news/school-roof-repairs'>School roof repairs finished early</a></li>"
    "</ul></aside>"
)
SHARE = (
    "<div class='share'><a href='https://facebook.example/share'>Share on Facebook</a>"
    "<a href='https://x.example/intent'>Share on X</a><a href='mailto:?subject=story'>Email</a>"
    "</div>"
)
AD = "<div class='ad-slot ad-inline'><span>Advertisement</span><div id='gpt-ad-{}'></div></div>"


def _byline(story: Story, date: str = "2026-03-04T09:30:00Z") -> str:
    return (
        f"<div class='byline'>By <a rel='author' href='/authors/a'>{_e(story.author)}</a> "
        f"<time datetime='{date}'>4 March 2026</time></div>"
    )


def _page(story: Story, head: str, body: str, lang: str | None = None) -> str:
    return f"<!DOCTYPE html><html lang='{lang or story.language}'>{head}<body>{body}</body></html>"


def wordpress_classic(story: Story) -> str:
    sidebar = (
        "<aside id='secondary' class='widget-area'><section class='widget widget_recent_entries'>"
        "<h2 class='widget-title'>Recent Posts</h2><ul><li><a href='/p/1'>Spring fair dates "
        "announced</a></li><li><a href='/p/2'>Volunteers wanted for river clean-up</a></li></ul>"
        "</section><section class='widget widget_categories'><h2 class='widget-title'>"
        "Categories</h2><ul><li><a href='/c/local'>Local</a></li></ul></section></aside>"
    )
    comments = (
        "<div id='comments' class='comments-area'><h2 class='comments-title'>2 thoughts on "
        "this post</h2><ol class='comment-list'><li class='comment'><div class='comment-author'>"
        "Sam</div><p>Great news for the street, thanks for the update.</p></li></ol>"
        "<div id='respond'><h3>Leave a Reply</h3><p>Your email address will not be published."
        "</p></div></div>"
    )
    article = (
        "<article id='post-212' class='post-212 post type-post status-publish'>"
        f"<header class='entry-header'><h1 class='entry-title'>{_e(story.headline)}</h1>"
        f"<div class='entry-meta'><span class='posted-on'><time class='entry-date published' "
        f"datetime='2026-03-04T09:30:00+00:00'>March 4, 2026</time></span> <span class='byline'>"
        f"by <span class='author vcard'><a class='url fn n' href='/author/a/'>{_e(story.author)}"
        "</a></span></span></div></header>"
        f"<div class='entry-content'>{render(story)}</div>"
        "<footer class='entry-footer'><span class='cat-links'>Posted in <a href='/c/local'>"
        "Local</a></span></footer></article>"
    )
    body = (
        f"<div id='page' class='site'><header id='masthead'>{NAV}</header><div id='content'>"
        f"<main id='main' class='site-main'>{article}{comments}</main>{sidebar}</div>"
        f"{FOOTER}</div>"
    )
    head = _head(story, "<meta property='og:type' content='article'>")
    return _page(story, head, body)


def wordpress_blocks(story: Story) -> str:
    content = render(
        story,
        p="<p class='wp-block-paragraph'>{}</p>",
        h="<h2 class='wp-block-heading'>{}</h2>",
        ul=("<ul class='wp-block-list'>", "</ul>"),
        between=lambda i: (
            "<figure class='wp-block-image size-large'><img src='/wp-content/uploads/q.jpg' "
            "alt=''><figcaption class='wp-element-caption'>The quay at high tide. Photo: "
            "Example Gazette</figcaption></figure>"
            if i == 1
            else ""
        ),
    )
    body = (
        f"<div class='wp-site-blocks'><header class='wp-block-template-part'>{NAV}</header>"
        "<main class='wp-block-group'><div class='wp-block-group'>"
        f"<h1 class='wp-block-post-title'>{_e(story.headline)}</h1>"
        f"<div class='wp-block-post-date'><time datetime='2026-03-04'>Mar 4, 2026</time></div>"
        f"<div class='entry-content wp-block-post-content'>{content}</div></div>"
        f"<div class='wp-block-group'><h2>More posts</h2>{RELATED}</div></main>"
        f"<footer class='wp-block-template-part'>{FOOTER}</footer></div>"
    )
    return _page(story, _head(story), body)


def ghost(story: Story) -> str:
    content = render(
        story,
        between=lambda i: (
            "<figure class='kg-card kg-image-card'><img class='kg-image' src='/content/"
            "images/a.jpg' alt=''></figure>"
            if i == 2
            else ""
        ),
    )
    body = (
        f"<div class='gh-viewport'><header class='gh-head'>{NAV}</header>"
        "<main class='gh-main'><article class='gh-article post'>"
        f"<header class='gh-article-header'><h1 class='gh-article-title'>{_e(story.headline)}"
        f"</h1><div class='gh-article-meta'><span class='gh-article-author-name'>"
        f"<a href='/author/a/'>{_e(story.author)}</a></span><time class='gh-article-date' "
        "datetime='2026-03-04'>Mar 4, 2026</time></div></header>"
        f"<section class='gh-content gh-canvas'>{content}</section></article>"
        "<section class='gh-cta'><h2>Sign up for more like this.</h2><form><input "
        "type='email' placeholder='Enter your email'><button>Subscribe</button></form>"
        "</section></main>"
        "<footer class='gh-foot'><p>Example Gazette © 2026. Powered by Ghost</p></footer></div>"
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.headline,
        "author": {"@type": "Person", "name": story.author},
        "datePublished": "2026-03-04T09:30:00.000Z",
    }
    head = _head(story, f"<script type='application/ld+json'>{json.dumps(data)}</script>")
    return _page(story, head, body)


def newsletter(story: Story) -> str:
    content = render(story, p="<p>{}</p>", h="<h3 class='header-anchor-post'>{}</h3>")
    body = (
        "<div id='entry'><div class='main-menu'><a href='/'>The River Letter</a>"
        "<a href='/archive'>Archive</a><a href='/about'>About</a>"
        "<button class='button primary'>Subscribe</button></div>"
        "<div class='single-post-container'><article class='typography newsletter-post post'>"
        f"<div class='post-header'><h1 class='post-title'>{_e(story.headline)}</h1>"
        f"<h3 class='subtitle'>This week: a dispatch from the river towns</h3>"
        f"<div class='post-meta'><a href='/profile/a'>{_e(story.author)}</a>"
        "<div class='pencraft'>Mar 04, 2026</div></div>"
        "<div class='post-ufi'><button>12</button><button>Share</button></div></div>"
        f"<div class='available-content'><div class='body markup'>{content}</div></div>"
        "<div class='subscription-widget-wrap'><p>Thanks for reading The River Letter! "
        "Subscribe for free to receive new posts and support my work.</p><form><input "
        "type='email' placeholder='Type your email...'><button>Subscribe</button></form></div>"
        "</article><div class='post-footer'><button>Like</button><button>Comment</button>"
        "<button>Restack</button></div></div></div>"
    )
    return _page(story, _head(story, site="The River Letter"), body)


def medium_like(story: Story) -> str:
    content = render(
        story,
        p="<p class='pw-post-body-paragraph kq kr hj ks b kt ku'>{}</p>",
        h="<h2 class='lf lg hj bf lh li'>{}</h2>",
    )
    body = (
        "<div id='root'><div class='a b c'><div class='l'><a href='/'>Medium-ish</a>"
        "<a href='/m/signin'>Sign in</a><a href='/new-story'>Write</a></div>"
        "<article><div class='l'><section><div class='fr fs ft fu fv'><div class='ab ca'>"
        f"<div class='ch bg fw fx fy fz'><h1 class='pw-post-title gq gr hj'>{_e(story.headline)}"
        f"</h1><div class='speechify-ignore ab'><a href='/@a'>{_e(story.author)}</a>"
        "<button>Follow</button><span>6 min read</span><span>Mar 4, 2026</span></div>"
        f"{content}</div></div></div></section></div></article>"
        "<div class='ab ca'><p>Written by " + _e(story.author) + "</p><p>312 Followers</p>"
        "<button>Follow</button></div>"
        "<div><h2>More from Medium-ish</h2><div><a href='/p/x'>Ten habits of quiet "
        "gardeners</a></div><div><a href='/p/y'>Why I stopped buying new tools</a></div></div>"
        "</div></div>"
    )
    return _page(story, _head(story, site="Medium-ish"), body)


def drupal(story: Story) -> str:
    content = render(story)
    body = (
        f"<div class='dialog-off-canvas-main-canvas'><div class='layout-container'>"
        f"<header role='banner'>{NAV}</header><main role='main'><div class='region "
        "region-content'><div id='block-mainpagecontent' class='block block-system'>"
        "<article role='article' class='node node--type-article node--view-mode-full'>"
        f"<h1 class='page-title'><span class='field field--name-title'>{_e(story.headline)}"
        "</span></h1><div class='node__meta'><span class='field--name-uid'>"
        f"{_e(story.author)}</span> <span class='field--name-created'>Wed, 03/04/2026 - "
        "09:30</span></div><div class='node__content'><div class='clearfix text-formatted "
        "field field--name-body field--type-text-with-summary field__item'>"
        f"{content}</div><section class='field field--name-field-tags'><h2 class='field__"
        "label'>Tags</h2><div class='field__items'><div class='field__item'><a href='/t/1'>"
        "Housing</a></div></div></section></div></article></div></div></main>"
        f"{FOOTER}</div></div>"
    )
    return _page(story, _head(story), body)


def amp_news(story: Story) -> str:
    content = render(
        story,
        between=lambda i: (
            "<amp-ad width='300' height='250' type='doubleclick' data-slot='/1/news'></amp-ad>"
            if i in (1, 4)
            else ""
        ),
    )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "datePublished": "2026-03-04T09:30:00Z",
        "author": [{"@type": "Person", "name": story.author}],
    }
    head = _head(
        story,
        "<link rel='canonical' href='https://gazette.example/news/story'>"
        "<script async src='https://cdn.ampproject.example/v0.js'></script>"
        "<style amp-custom>body{font-family:serif}</style>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script>",
    )
    body = (
        "<header class='amp-header'><a href='/'>Example Gazette</a>"
        "<amp-sidebar id='sb' layout='nodisplay'><ul><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></amp-sidebar></header>"
        f"<main><article class='amp-article'><h1>{_e(story.headline)}</h1>{_byline(story)}"
        "<amp-img src='/img/lead.jpg' width='1200' height='675' layout='responsive'></amp-img>"
        f"<div class='article-body'>{content}</div>"
        "<amp-social-share type='twitter'></amp-social-share></article></main>"
        f"{RELATED}{FOOTER}"
    )
    return f"<!DOCTYPE html><html amp lang='{story.language}'>{head}<body>{body}</body></html>"


def jsonld_only(story: Story) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "datePublished": "2026-03-04T09:30:00Z",
        "author": {"@type": "Person", "name": story.author},
        "articleBody": story.text,
    }
    head = _head(
        story,
        f"<script type='application/ld+json'>{json.dumps(data)}</script>"
        "<script src='/static/js/main.8f3a1c.js' defer></script>",
    )
    body = (
        "<noscript>You need to enable JavaScript to run this app.</noscript>"
        "<div id='root'></div><script>window.__INITIAL__={};</script>"
    )
    return _page(story, head, body)


def div_paragraphs(story: Story) -> str:
    content = render(
        story, p="<div class='para'>{}</div>", h="<div class='subhead'><b>{}</b></div>"
    )
    body = (
        f"<div class='top'>{NAV}</div><div class='story-wrap'>"
        f"<div class='story-head'><div class='hl'>{_e(story.headline)}</div>{_byline(story)}</div>"
        f"<div class='story-text'>{content}</div></div>{RELATED}{FOOTER}"
    )
    return _page(story, _head(story), body)


def _plain_block(block: str) -> str:
    if block.startswith("## "):
        return f"<b>{_e(block[3:])}</b>"
    return "• " + _e(block[2:]) if block.startswith("- ") else _e(block)


def br_separated(story: Story) -> str:
    text = "<br><br>\n".join(_plain_block(block) for block in story.blocks)
    body = (
        f"<div id='header'>{NAV}</div><div id='main'><h1>{_e(story.headline)}</h1>"
        f"<div class='meta'>By {_e(story.author)} | 03/04/2026</div>"
        f"<div class='storytext'>{text}</div></div>{FOOTER}"
    )
    return _page(story, _head(story), body)


def table_layout(story: Story) -> str:
    content = render(story, p="<p><font face='Verdana' size='2'>{}</font></p>")
    body = (
        "<table width='100%' border='0' cellpadding='0'><tr><td colspan='2'>"
        "<img src='/img/banner.gif' alt='Example Gazette'></td></tr><tr>"
        "<td width='160' valign='top' class='leftnav'><a href='/'>Home</a><br><a href='/news'>"
        "News</a><br><a href='/archive'>Archive</a><br><a href='/links'>Links</a></td>"
        f"<td valign='top'><table><tr><td><h2>{_e(story.headline)}</h2>"
        f"<i>By {_e(story.author)}, March 4, 2026</i></td></tr><tr><td>{content}</td></tr>"
        "</table></td></tr><tr><td colspan='2'><center><small>Copyright 2026 Example Gazette"
        "</small></center></td></tr></table>"
    )
    return _page(story, _head(story), body)


def cookie_wall(story: Story) -> str:
    wall = (
        "<div id='consent-overlay' class='cmp-overlay' style='position:fixed;inset:0'>"
        "<div class='cmp-dialog'><h2>We value your privacy</h2><p>We and our 142 partners "
        "store and access information on your device, such as cookies, and process personal "
        "data such as unique identifiers and standard information sent by a device for "
        "personalised advertising and content, advertising and content measurement, audience "
        "research and services development. You may click to consent to our and our partners' "
        "processing as described above, or to refuse consent.</p><button>Accept all</button>"
        "<button>Reject all</button><a href='/privacy'>Manage options</a></div></div>"
    )
    body = (
        f"{wall}<header>{NAV}</header><main><article><h1>{_e(story.headline)}</h1>"
        f"{_byline(story)}<div class='article-body'>{render(story)}</div></article></main>"
        f"{FOOTER}"
    )
    return _page(story, _head(story), body)


def noscript_banner(story: Story) -> str:
    body = (
        "<noscript><div class='js-warning'>For the best experience, please enable "
        "JavaScript in your browser.</div></noscript>"
        f"<header>{NAV}</header><main><article><h1>{_e(story.headline)}</h1>{_byline(story)}"
        "<noscript><img src='/img/lead.jpg' alt='Lead picture'></noscript>"
        f"<div class='body'>{render(story)}</div></article></main>{FOOTER}"
    )
    return _page(story, _head(story), body)


def noscript_story(story: Story) -> str:
    """A script-rendered page whose story stands in its <noscript> fallback."""
    body = (
        f"<div id='app'></div><script src='/app.js'></script><noscript><article>"
        f"<h1>{_e(story.headline)}</h1><p class='byline'>By {_e(story.author)}</p>"
        f"{render(story)}</article></noscript>"
    )
    return _page(story, _head(story), body)


def ads_and_boxes(story: Story) -> str:
    def between(i: int) -> str:
        if i == 1:
            return AD.format(i)
        if i == 2:
            return (
                "<div class='read-more-box'><strong>Read more:</strong> <a href='/news/"
                "tram-extension'>Tram extension plans go on show</a></div>"
            )
        if i == 3:
            return (
                "<aside class='inline-related'><h4>You may also like</h4><ul><li><a "
                "href='/news/a'>Bus fares frozen for another year</a></li><li><a href='/news/b'>"
                "Market hall traders win rent cut</a></li></ul></aside>"
            )
        return ""

    body = (
        f"<header>{NAV}</header><div class='container'><main class='col-main'><article>"
        f"<h1>{_e(story.headline)}</h1>{_byline(story)}"
        f"<div class='story-body'>{render(story, between=between)}</div>{SHARE}</article>"
        f"</main><aside class='col-side'>{AD.format(99)}{RELATED}</aside></div>{FOOTER}"
    )
    return _page(story, _head(story), body)


def next_app(story: Story) -> str:
    content = render(
        story,
        p="<p class='Paragraph_p__x1y2z'>{}</p>",
        h="<h2 class='Heading_h2__a9b8'>{}</h2>",
        ul=("<ul class='List_ul__q1'>", "</ul>"),
    )
    body = (
        "<div id='__next'><div class='Layout_root__3kD9'><header class='Header_bar__9dk1'>"
        f"{NAV}</header><main class='Article_main__k2P0'><div class='Article_header__0a1'>"
        f"<h1 class='Article_title__7Fq'>{_e(story.headline)}</h1>{_byline(story)}</div>"
        f"<div class='Article_body__Zx0'>{content}</div></main>{FOOTER}</div></div>"
        "<script id='__NEXT_DATA__' type='application/json'>{\"props\":{}}</script>"
    )
    return _page(story, _head(story), body)


def figures_between(story: Story) -> str:
    def between(i: int) -> str:
        if i in (0, 3):
            return (
                f"<figure class='inline-image'><img src='/img/{i}.jpg' alt=''><figcaption>"
                f"<span class='caption'>A view of the site in the morning.</span> <span "
                "class='credit'>Photo: Example Gazette</span></figcaption></figure>"
            )
        return ""

    body = (
        f"<header>{NAV}</header><main><article><h1>{_e(story.headline)}</h1>{_byline(story)}"
        f"<div class='text'>{render(story, between=between)}</div></article></main>{FOOTER}"
    )
    return _page(story, _head(story), body)


def sections_builder(story: Story) -> str:
    content = render(
        story,
        p="<section class='text-block'><div class='text'><p>{}</p></div></section>",
        h="<section class='text-block'><h2>{}</h2></section>",
    )
    body = (
        f"<header>{NAV}</header><main><div class='page-builder'>"
        f"<section class='hero'><h1>{_e(story.headline)}</h1>{_byline(story)}</section>"
        f"{content}<section class='newsletter-signup'><h2>Get the weekly briefing</h2>"
        "<form><input type='email'><button>Sign up</button></form></section></div></main>"
        f"{FOOTER}"
    )
    return _page(story, _head(story), body)


def bootstrap_grid(story: Story) -> str:
    teasers = "".join(
        f"<div class='card'><a href='/news/{i}'><h5 class='card-title'>{t}</h5></a><p "
        "class='card-text'>A short look at what changed this week.</p></div>"
        for i, t in enumerate(
            ("Town hall opens on Saturdays", "Park run moves to new route", "Library fines end")
        )
    )
    body = (
        f"<nav class='navbar navbar-expand-lg'>{NAV}</nav><div class='container'><div "
        "class='row'><div class='col-md-8'>"
        f"<h1 class='display-5'>{_e(story.headline)}</h1>{_byline(story)}"
        f"<div class='lead-text'>{render(story)}</div></div>"
        f"<div class='col-md-4 sidebar'><h4>Latest</h4>{teasers}</div></div></div>{FOOTER}"
    )
    return _page(story, _head(story), body)


def bio_at_end(story: Story) -> str:
    body = (
        f"<header>{NAV}</header><main><article class='post'><h1>{_e(story.headline)}</h1>"
        f"<div class='post-body'>{render(story)}</div>"
        f"<div class='post-meta'>Published March 4, 2026 by {_e(story.author)}</div>"
        f"<div class='author-box'><img src='/img/a.jpg' alt=''><h4>About {_e(story.author)}</h4>"
        f"<p>{_e(story.author)} writes about local government and housing for the Gazette. "
        "Get in touch at newsdesk@gazette.example.</p></div>"
        f"</article></main>{RELATED}{FOOTER}"
    )
    return _page(story, _head(story), body)


def link_heavy(story: Story) -> str:
    mega = "".join(
        f"<li><a href='/{s}/{i}'>{s.title()} {i}</a></li>"
        for s in ("news", "sport", "travel", "food", "money")
        for i in range(12)
    )
    body = (
        f"<header><ul class='mega-menu'>{mega}</ul></header><main><h1>{_e(story.headline)}</h1>"
        f"{_byline(story)}{render(story)}</main><footer><ul>{mega}</ul></footer>"
    )
    return _page(story, _head(story), body)


def blockquote_story(story: Story) -> str:
    def between(i: int) -> str:
        return (
            "<blockquote class='pull-quote'><p>“The ground remembers.”</p></blockquote>"
            if (i == 3)
            else ""
        )

    body = (
        f"<header>{NAV}</header><main><article><h1>{_e(story.headline)}</h1>{_byline(story)}"
        f"<div class='article__body'>{render(story, between=between)}</div></article></main>"
        f"{FOOTER}"
    )
    return _page(story, _head(story), body)


_TEMPLATES: tuple[tuple[str, Callable[[Story], str], Story], ...] = (
    ("wordpress-classic", wordpress_classic, COUNCIL),
    ("wordpress-blocks", wordpress_blocks, SOIL),
    ("wordpress-classic-fr", wordpress_classic, MARKET),
    ("ghost", ghost, SOIL),
    ("ghost-de", ghost, BAKERY),
    ("newsletter", newsletter, COUNCIL),
    ("newsletter-es", newsletter, LIBRARY),
    ("medium-like", medium_like, SOIL),
    ("drupal", drupal, COUNCIL),
    ("drupal-es", drupal, LIBRARY),
    ("amp-news", amp_news, COUNCIL),
    ("amp-news-ja", amp_news, TRAIN),
    ("jsonld-articlebody-only", jsonld_only, COUNCIL),
    ("div-paragraphs", div_paragraphs, SOIL),
    ("br-separated", br_separated, COUNCIL),
    ("table-layout", table_layout, MARKET),
    ("cookie-wall", cookie_wall, COUNCIL),
    ("noscript-banner", noscript_banner, BAKERY),
    ("noscript-story", noscript_story, COUNCIL),
    ("ads-and-boxes", ads_and_boxes, COUNCIL),
    ("ads-and-boxes-long", ads_and_boxes, CITY_REPORT),
    ("next-app", next_app, SOIL),
    ("figures-between", figures_between, MARKET),
    ("sections-builder", sections_builder, SOIL),
    ("bootstrap-grid", bootstrap_grid, LIBRARY),
    ("bio-at-end", bio_at_end, COUNCIL),
    ("link-heavy", link_heavy, COUNCIL),
    ("blockquote", blockquote_story, SOIL),
    ("very-short", noscript_banner, BRIEF),
    ("very-short-ghost", ghost, BRIEF),
    ("very-short-amp", amp_news, BRIEF),
    ("very-short-table-layout", table_layout, BRIEF),
    ("very-short-drupal", drupal, BRIEF),
    ("very-long-wordpress", wordpress_classic, CITY_REPORT),
    ("japanese-div-paragraphs", div_paragraphs, TRAIN),
)


def invented_pages() -> list[InventedPage]:
    """Every invented page, one per (template, story) pair."""
    return [
        InventedPage(name, f"https://gazette.example/2026/03/{name}", make(story), story)
        for name, make, story in _TEMPLATES
    ]
