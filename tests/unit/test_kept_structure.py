"""A guide's container weighs by its kept lists, tables and subheadings too
(``blocks.kept_structure_weight``), and a comment form's moderation notice is no story line
(``notices.is_comment_notice``). The pages are our own (an invented hiking guide)."""

from lxml.html import document_fromstring

from newsflow.extract import body
from newsflow.extract.blocks import kept_structure_weight
from newsflow.extract.notices import is_comment_notice
from newsflow.extract.text import word_key

OPENING = "Three trails above the valley reopened this week after the winter storms."
ITEMS = [
    "The ridge loop climbs four hundred metres through beech woods to the old fire tower",
    "The lake path stays level for six kilometres and suits families with small children",
    "The quarry trail crosses two streams on new footbridges built by volunteers in March",
    "The summit route is the longest, eleven kilometres, and needs boots after any rain",
]
ROWS = [
    ("Ridge loop", "7 km", "Moderate, steep in the last kilometre to the tower"),
    ("Lake path", "6 km", "Easy, level gravel all the way round the water"),
    ("Quarry trail", "5 km", "Easy to moderate, with two stream crossings"),
]
DROPPED = (
    "Rangers ask walkers to keep dogs on a lead between April and July, when ground-nesting "
    "birds raise their young in the meadows beside the lake path and the quarry trail."
)
NOTICE = "All comments are moderated and will appear once a moderator has approved them."


def _page() -> str:
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in ROWS)
    return (
        "<html><body><main><div class='guide-body'>"
        f"<p>{OPENING}</p><h2>The four trails at a glance</h2><ul>{items}</ul>"
        "<h2>Distances and difficulty</h2><table><tr><th>Trail</th><th>Length</th>"
        f"<th>Difficulty</th></tr>{rows}</table><p>{DROPPED}</p><p>{NOTICE}</p>"
        "</div></main></body></html>"
    )


def _kept_lines() -> list[str]:
    """What the extractor kept: the opening, the list and the table; not the paragraph."""
    table = [" | ".join(row) for row in ROWS]
    return [OPENING, *(f"- {item}" for item in ITEMS), *table]


def test_a_container_of_kept_lists_and_tables_gets_its_dropped_paragraph_back() -> None:
    # GIVEN a guide whose kept text is mostly its list and table, one paragraph dropped
    tree = document_fromstring(_page())
    # WHEN recovery runs
    lines = body._recover(tree, _kept_lines())  # the unit under test
    # THEN the paragraph and the subheadings are back, every kept line stays, and the
    # comment form's notice stays out
    assert DROPPED in lines and "Distances and difficulty" in lines
    assert [line for line in lines if line in _kept_lines()] == _kept_lines()
    assert NOTICE not in lines


def test_the_weight_counts_kept_list_items_and_rows_only() -> None:
    tree = document_fromstring(_page())
    container = tree.find(".//div[@class='guide-body']")
    assert container is not None
    kept = {word_key(line) for line in _kept_lines()}
    expected = sum(len(word_key(item)) for item in ITEMS) + sum(
        len(word_key(" | ".join(row))) for row in ROWS
    )
    assert kept_structure_weight(container, kept.__contains__) == expected


def test_moderation_notices_in_several_languages_are_comment_notices() -> None:
    for line in (
        NOTICE,
        "Your comment will be reviewed by the moderator before it is published.",
        "ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.",
        "Kommentare werden vor der Veröffentlichung moderiert.",
        "Les commentaires sont modérés avant leur publication.",
        "Tous les commentaires font l'objet d'une modération.",
        "I commenti sono moderati dalla redazione.",
    ):
        assert is_comment_notice(line, len(line.split())), line


def test_story_lines_about_comments_or_moderation_are_not_notices() -> None:
    for line in (
        "The council approved the plan after reading comments from two hundred residents.",
        "The debate was moderated by the head of the walking club.",
        # "modern" and a company's name are no moderation words
        "The ministry declined to comment on the modernisation of the port.",
        "Requests for comment sent to Moderna on Friday went unanswered.",
        "Kommentare zur modernen Architektur des Rathauses gingen zahlreich ein.",
        # nor is "moderate"
        "Comments from the moderate wing of the party were sharp.",
    ):
        assert not is_comment_notice(line, len(line.split())), line
