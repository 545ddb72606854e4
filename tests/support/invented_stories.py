"""Invented stories for the template pages of `invented_pages` (written for these tests; every
name, place and site is made up). A story is its blocks in reading order: a paragraph, a
subheading ("## " before it) or a list item ("- " before it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    """An invented story: its headline, author, language and body blocks."""

    headline: str
    author: str
    language: str
    blocks: tuple[str, ...]

    @property
    def text(self) -> str:
        """The body as a reader sees it, blocks joined by blank lines: the truth."""
        return "\n\n".join(block.removeprefix("## ").removeprefix("- ") for block in self.blocks)

    def paragraphs(self) -> list[str]:
        return [b for b in self.blocks if not b.startswith(("## ", "- "))]


COUNCIL = Story(
    "Riverside council approves flood wall after two-year wait",
    "Maya Okafor",
    "en",
    (
        "Riverside's council voted seven to two on Tuesday night to build a concrete flood "
        "wall along the lower quay, ending two years of arguments over its cost and its look.",
        "The wall will run for 1.4 kilometres from the ferry steps to the old tannery and "
        "stand just over a metre high. Engineers say it would have kept the water out of "
        "forty homes during the floods of last February.",
        "\u201cWe have asked people on Quay Street to wait long enough,\u201d said councillor "
        "Ruth Abebe, who chairs the planning committee. \u201cThis is the scheme we can pay "
        "for and build before the next wet winter.\u201d",
        "Opponents wanted glass panels on top of a lower wall so that the river stays in view "
        "from the promenade cafes. That design was dropped when the bids came in almost a "
        "third over budget.",
        "Work is due to start in May and take eleven months. The ferry will keep running, "
        "but the quayside market moves to Mill Square while the crews are on site.",
        "Residents can see the final drawings at the library on Church Lane until the end "
        "of the month, and the council will hold a drop-in evening there on the 18th.",
    ),
)

SOIL = Story(
    "What the soil under a city park tells scientists about its past",
    "Tomas Lindqvist",
    "en",
    (
        "When a team from the Northvale Institute pushed a steel tube two metres into the "
        "lawn of Hawthorn Park last autumn, they expected to find rubble from the houses that "
        "stood there before the war. They found much more than that.",
        "## Layers like pages in a book",
        "Each core the team pulled out holds a record of how the ground was used. Near the "
        "bottom sits dark clay from an old marsh; above it, a band of ash from the brick "
        "kilns that worked the site in the nineteenth century.",
        "Soil scientist Priya Raman, who led the work, said the cores can be read almost "
        "year by year in places. The ash layer thins where the kilns closed and the first "
        "gardens were dug.",
        "## Why it matters now",
        "The city wants to plant a new orchard in the park, and the results change where it "
        "can go. Three things stood out in the cores:",
        "- lead from old paint and fuel in the top thirty centimetres near the road",
        "- a buried drain that still carries water under the eastern lawn",
        "- healthy, deep soil in the north corner where the allotments once were",
        "The orchard will now be planted in that north corner, and the strip along the road "
        "will get raised beds with clean soil brought in from outside.",
        "Raman's team plans to take cores in four more parks next year. She hopes other "
        "cities will follow, because the work is cheap and the tubes can be reused.",
        "\u201cA park looks like it has always been there,\u201d she said. \u201cThe ground "
        "remembers that it hasn't.\u201d",
    ),
)

BAKERY = Story(
    "Dorfbäckerei findet nach langer Suche eine Nachfolgerin",
    "Jana Brückner",
    "de",
    (
        "Die Bäckerei Holm in Unterbach bleibt geöffnet. Nach fast zwei Jahren Suche hat "
        "Bäckermeister Karl Holm eine Nachfolgerin gefunden, die den Betrieb im Sommer "
        "übernehmen will.",
        "Lea Sommerfeld ist 31 Jahre alt und hat ihre Ausbildung in einer Großbäckerei in "
        "der Kreisstadt gemacht. Sie wolle zurück zu kleinen Mengen und langen Teigführungen, "
        "sagte sie bei der Vorstellung im Gemeindesaal.",
        "Holm backt seit 38 Jahren in der alten Backstube an der Kirchgasse. Ohne "
        "Nachfolge hätte er zum Jahresende schließen müssen, und das Dorf wäre ohne "
        "eigenen Laden gewesen.",
        "Die Gemeinde unterstützt den Wechsel mit einem Zuschuss für einen neuen Ofen. "
        "Das Sortiment soll bleiben, nur sonntags will Sommerfeld künftig erst um acht "
        "Uhr öffnen.",
    ),
)

MARKET = Story(
    "Le marché couvert de Saint-Aubin rouvre après deux ans de travaux",
    "Claire Vautrin",
    "fr",
    (
        "Le marché couvert de Saint-Aubin a rouvert ses portes samedi matin, après deux "
        "années de travaux et un chantier plusieurs fois retardé par la découverte de "
        "fondations anciennes.",
        "Une trentaine de commerçants ont retrouvé leurs étals sous la grande charpente en "
        "bois, entièrement restaurée. Le sol a été refait et une verrière laisse désormais "
        "entrer la lumière du jour.",
        "« On attendait ce jour depuis longtemps », a confié Martine Roussel, fromagère au "
        "marché depuis vingt ans. Pendant les travaux, les commerçants s'étaient installés "
        "sous des tentes sur le parking de la gare.",
        "La mairie prévoit d'ouvrir le marché le mercredi soir à partir du mois prochain, "
        "avec des producteurs de la vallée et des animations pour les familles.",
    ),
)

LIBRARY = Story(
    "La biblioteca de Valdemora amplía su horario durante los exámenes",
    "Lucía Ferrández",
    "es",
    (
        "La biblioteca municipal de Valdemora abrirá hasta la medianoche durante las "
        "próximas seis semanas para que los estudiantes puedan preparar los exámenes de "
        "final de curso.",
        "La medida responde a una petición firmada por más de 800 jóvenes del municipio, "
        "que se quejaban de la falta de salas de estudio por la tarde y durante los fines "
        "de semana.",
        "El concejal de Cultura, Andrés Pineda, explicó que el ayuntamiento contratará a dos "
        "auxiliares más y que la sala infantil se convertirá en una zona de estudio en "
        "silencio a partir de las ocho.",
        "Si la experiencia funciona, el horario ampliado se repetirá en la convocatoria de "
        "septiembre y en las semanas previas a la selectividad.",
    ),
)

TRAIN = Story(
    "北浜線、来春から終電を30分延長へ",
    "山本 花子",
    "ja",
    (
        "北浜鉄道は、北浜線の終電を来年春のダイヤ改正から約30分遅らせると発表した。"
        "沿線の大学や病院からの要望を受けたもので、平日の最終列車は午前0時40分発となる。",
        "同社によると、夜間の利用者はこの5年で2割ほど増えており、特に駅前の再開発が"
        "進む南町駅での乗降が多い。終電の延長に合わせて、保線作業の時間帯も見直す。",
        "沿線の住民からは歓迎の声が上がる一方、騒音を心配する意見もある。"
        "同社は防音壁の追加工事を来年度中に終える予定だとしている。",
        "運賃の変更はない。詳しい時刻表は来月上旬に各駅と公式サイトで公開される。",
    ),
)

BRIEF = Story(
    "Harbour road closed after lorry spill",
    "Ben Ashworth",
    "en",
    (
        "Harbour Road was closed in both directions on Friday afternoon after a lorry shed "
        "part of its load of gravel near the fish market.",
        "Police expect the road to reopen by the evening rush hour and ask drivers to use "
        "the ring road.",
    ),
)


def _long_blocks() -> tuple[str, ...]:
    """A long report: 24 sections on the districts of an invented city, each different."""
    districts = (
        "Ashford", "Brookmere", "Calder", "Dunmore", "Elmstead", "Fairhaven", "Glenrow",
        "Hollins", "Ivybridge", "Juniper Hill", "Kestrel Park", "Larchfield", "Millbank",
        "Northgate", "Oakhurst", "Pennyford", "Queensmead", "Rookwood", "Saltings",
        "Thornbury", "Upton Vale", "Westerleigh", "Yarrow", "Zennor Cross",
    )  # fmt: skip
    blocks: list[str] = []
    for i, name in enumerate(districts):
        blocks.append(f"## {name}")
        blocks.append(
            f"In {name} the survey counted {120 + 37 * i} households and found that "
            f"{12 + i % 9} in every hundred had waited more than a year for repairs to "
            f"their homes. Tenants there listed damp, broken boilers and window frames as "
            f"the faults they reported most often."
        )
        blocks.append(
            f"The housing office for {name} said it had cleared {40 + 11 * i} of its oldest "
            f"cases since the spring and would publish monthly figures from now on, so that "
            f"residents can check the promised progress for themselves."
        )
    return tuple(blocks)


CITY_REPORT = Story(
    "Repairs backlog: a district-by-district look at the city's housing",
    "Helen Marsh",
    "en",
    (
        "The city's first full survey of council housing repairs, published on Wednesday, "
        "shows wide gaps between districts in how long tenants wait for work to be done.",
        *_long_blocks(),
        "The survey will be repeated next year, and the council has promised to report its "
        "progress to tenants' groups in every district each quarter.",
    ),
)

STORIES = (COUNCIL, SOIL, BAKERY, MARKET, LIBRARY, TRAIN, BRIEF, CITY_REPORT)
