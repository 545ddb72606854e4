"""Recovery measures a paragraph of a script written without spaces by its characters.

Japanese, Chinese and Thai text has no spaces between words: a whole paragraph is one or
two ``\\w+`` runs, so recovery's "8 words or more" test read every such paragraph as too
short to put back, and kept the pieces the extractor cut it into at a ruby annotation
(issue 10, metadata development set). The page is our own.
"""

from lxml.html import HtmlElement, document_fromstring

from newsflow.extract import body

URL = "https://shimbun.example.jp/world/20261130-0001/"
OPENING = [
    "港湾局は三十日、北部の埠頭で進めていた拡張工事が予定より二か月早く完了したと発表した。",
    "新しい岸壁には大型の貨物船が同時に三隻まで接岸でき、荷役の待ち時間が大幅に短くなる見込みだ。",
]
CLOSING = [
    "地元の漁業協同組合は、工事中に制限されていた漁場への立ち入りが再開されることを歓迎している。",
    "港湾局は来年度から南側の埠頭でも同様の改修を始める計画で、予算の確保を市に求めている。",
]
# "The mayor called the plan, which {ruby: was criticised} by the opposition, necessary
# for the region's economy."
BEFORE_RUBY = "市長は野党から"
RUBY = "<ruby><rb>批判</rb><rp>（</rp><rt>ひはん</rt><rp>）</rp></ruby>"
AFTER_RUBY = "されていた計画について「地域経済のために欠かせない事業だ」と述べた。"


def _page() -> HtmlElement:
    opening = "".join(f"<p>{p}</p>" for p in OPENING)
    closing = "".join(f"<p>{p}</p>" for p in CLOSING)
    return document_fromstring(
        "<html lang='ja'><head><meta charset='utf-8'><title>埠頭の拡張工事が完了</title></head>"
        "<body><nav><a href='/'>トップ</a> <a href='/world'>国際</a></nav>"
        f"<article><h1>埠頭の拡張工事が完了</h1><div class='article-body'>{opening}"
        f"<p>\n\u3000{BEFORE_RUBY}\n{RUBY}\n{AFTER_RUBY}\n</p>{closing}</div></article>"
        "<footer><a href='/about'>会社概要</a></footer></body></html>"
    )


def test_a_japanese_paragraph_cut_at_a_ruby_annotation_is_put_back_whole() -> None:
    # GIVEN a Japanese story whose third paragraph holds a ruby annotation
    tree = _page()
    words = len(tree.text_content().split())
    # WHEN the body is extracted
    paragraphs = body.extract_body(tree, URL, page_words=words).paragraphs
    # THEN that paragraph stands whole, in one line, among the others
    whole = [p for p in paragraphs if p.startswith(BEFORE_RUBY)]
    assert len(whole) == 1 and "批判" in whole[0] and whole[0].endswith(AFTER_RUBY)
    assert BEFORE_RUBY not in paragraphs and AFTER_RUBY not in paragraphs
    assert OPENING[0] in paragraphs and CLOSING[-1] in paragraphs
