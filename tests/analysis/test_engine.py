"""The analysis engine on small fixed inputs (inddrag/analysis/engine.py, docs/analysis.md)."""

from __future__ import annotations

import time

import pytest

from inddrag.analysis import danish, duplicates, engine

LETTER = (
    "Jeg gør hermed indsigelse mod forslaget til Lokalplan 112 for Stationsbyen Nord. "
    "Bebyggelse i op til 8 etager passer ikke ind i et område, der i dag består af villaer "
    "og rækkehuse i 1-2 etager.\n\nEt byggeri i den højde vil tage lyset fra de nærmeste haver "
    "og ændre kvarterets karakter for altid. Vi er ikke imod nye boliger, men de skal bygges i "
    "en skala der passer til byen. Jeg beder om at byggehøjden sættes ned til højst 4 etager."
)
GREETINGS = ["Hej", "Kære Plan og Byg", "Til Ballerup Kommune", "", "Til udvalget"]
NAMES = ["Anne", "Peter", "Mette", "Lars", "Sofie", "Jens", "Hanne", "Ali", "Camilla", "Bo"]
PERSONAL = [
    "Vi flyttede hertil fordi her er lavt og grønt.",
    "Jeg har boet på Lærkevej i 30 år.",
    "Som nabo føler jeg mig ikke hørt.",
    "Mine børn leger i haven hver dag.",
    "",
]

# Unrelated contributions of other topics, each written on its own
PARKING = [
    "Der er alt for få parkeringspladser i P-huset, gæsterne vil parkere på villavejene.",
    "Parkeringsnormen på 0,6 er for lav, vi har allerede biler parkeret på hele Lærkevej.",
    "Hvor skal gæsterne parkere? P-huset bliver fyldt op af pendlere fra stationen.",
    "Bilerne vil holde parkeret på fortovet, når der kun er 0,6 parkeringsplads pr. bolig.",
]
SCHOOL = [
    "Vestervangskolen har ikke plads til flere elever, klasserne er allerede fyldt.",
    "Hvor skal de nye familiers børn gå i skole? Vestervangskolen er fuld.",
    "Skolen og SFO'en mangler plads allerede i dag, 420 nye boliger giver mange flere børn.",
    "Der er ventelister i børnehaven og skolen har ingen ledige klasselokaler.",
]


def campaign(count: int = 50) -> list[str]:
    letters = []
    for n in range(count):
        body = LETTER
        if n % 3 == 1:
            body = body.replace("nærmeste", "nærmmeste")  # a typo
        if n % 4 == 2:
            body = body.replace(
                "Vi er ikke imod nye boliger, men de skal bygges i en skala der passer til byen. ",
                "",
            )  # a sentence dropped
        if n % 7 == 3:
            body = body.replace("\n\n", " ")  # paragraphs joined
        personal = PERSONAL[n % len(PERSONAL)]
        parts = [GREETINGS[n % len(GREETINGS)], personal, body, f"Mvh\n{NAMES[n % 10]} {n}"]
        letters.append("\n\n".join(p for p in parts if p))
    return letters


def items_of(texts: list[str], prefix: str = "c") -> list[tuple[str, str]]:
    return [(f"{prefix}{n}", t) for n, t in enumerate(texts)]


def test_a_campaign_of_fifty_near_identical_letters_is_one_group():
    texts = campaign() + PARKING + SCHOOL
    result = engine.analyse(items_of(texts))
    groups = {r.duplicate_group for r in result.results[:50]}
    assert len(groups) == 1 and None not in groups
    assert all(r.duplicate_group is None for r in result.results[50:])
    group = groups.pop()
    assert len(result.duplicate_groups[group]) == 50
    # a campaign is one letter, and one letter has one topic
    assert len({r.topic for r in result.results[:50]}) == 1


def test_two_different_opinions_on_the_same_paragraph_are_not_duplicates():
    against = (
        "Jeg er imod at Stationsparken bliver brugt til vej og sti. Parken er det eneste grønne "
        "område i kvarteret, og de gamle træer kan ikke erstattes."
    )
    for_it = (
        "Jeg synes det er fint at en del af Stationsparken bruges til vej og sti, så kommer vi "
        "nemmere til stationen. Der plantes nye træer, og resten af parken bliver bedre."
    )
    assert duplicates.find_groups([against, for_it]).of == [None, None]


def test_a_letter_that_turns_the_campaign_around_stays_out_of_it():
    turned = LETTER.replace("Jeg gør hermed indsigelse mod", "Jeg støtter").replace(
        "passer ikke ind", "passer fint ind"
    )
    texts = [*campaign(10), turned]
    found = duplicates.find_groups(texts).of
    assert len(set(found[:10])) == 1 and found[0] is not None
    assert found[10] is None


def test_copies_of_a_turned_letter_are_their_own_group():
    turned = LETTER.replace("Jeg gør hermed indsigelse mod", "Jeg støtter").replace(
        "passer ikke ind", "passer fint ind"
    )
    texts = [*campaign(10), f"Hej\n\n{turned}\n\nMvh Ole", f"{turned}\n\nKarin", turned]
    found = duplicates.find_groups(texts).of
    assert found[10] == found[11] == found[12] is not None
    assert found[10] != found[0]


def test_danish_inflections_meet():
    stems = {danish.stem(w) for w in ["skole", "skolen", "skolerne", "skolens", "skoler"]}
    assert len(stems) == 1
    assert danish.topic_tokens("Skolen") == danish.topic_tokens("skolerne")


def test_the_old_aa_spelling_and_text_without_aeoeaa_meet_the_modern_spelling():
    known = danish.known_words(["De grønne områder og Måløv skal bevares."])
    assert danish.topic_tokens("groenne omraader i Maaloev", known) == danish.topic_tokens(
        "grønne områder i Måløv", known
    )
    assert danish.topic_tokens("Aaben Skole", known) == danish.topic_tokens("åben skole", known)
    # "oe" stays where no text writes the word with ø
    assert danish.modern_spelling(["poesi"], known) == ["poesi"]
    # and a copy typed without æøå is the same letter
    assert danish.folded("Grønne områder!") == danish.folded("groenne  omraader")


def test_empty_and_one_word_contributions_get_a_result():
    texts = ["", "   ", "Nej!", "Ja", "🙂", *PARKING, *SCHOOL]
    result = engine.analyse(items_of(texts))
    assert [r.id for r in result.results] == [f"c{n}" for n in range(len(texts))]
    for r in result.results:
        assert r.topic in result.topics
    # "Nej!" and "Ja" are no campaign, and empty texts are not one letter
    assert all(r.duplicate_group is None for r in result.results)


@pytest.mark.parametrize("texts", [[], [""], ["Nej"], ["", ""], ["Nej tak", "Nej tak"]])
def test_tiny_inputs_do_not_crash(texts):
    result = engine.analyse(items_of(texts))
    assert len(result.results) == len(texts)
    if texts:
        assert engine.place(result, "Nej tak").topic in result.topics


def test_a_text_of_twenty_thousand_characters_works():
    long = " ".join([*SCHOOL, *PARKING] * 200)[:20_000]
    assert len(long) == 20_000
    texts = [long, long + " Mvh Bo", *PARKING, *SCHOOL]
    started = time.perf_counter()
    result = engine.analyse(items_of(texts))
    assert time.perf_counter() - started < 5
    assert result.results[0].duplicate_group == result.results[1].duplicate_group is not None
    assert engine.summarise(result, result.results[0].topic, k=2)


def test_rerunning_keeps_the_pinned_topics():
    texts = [*campaign(12), *PARKING, *SCHOOL]
    items = items_of(texts)
    first = engine.analyse(items)
    previous = {r.id: r.topic for r in first.results}
    parking = first.result("c12").topic
    # staff move one school letter to the parking topic and name a topic of their own
    pinned = {"c16": parking, "c17": "skolen", "c18": "skolen"}
    again = engine.analyse(
        [*items, ("new", "Endnu en om parkering i P-huset og på vejene")],
        pinned=pinned,
        previous=previous,
    )
    assert again.result("c16").topic == parking
    assert again.result("c17").topic == again.result("c18").topic == "skolen"
    assert "skolen" in again.topics and parking in again.topics
    assert set(again.topics["skolen"].members) >= {"c17", "c18"}
    # what nobody moved keeps its topic id
    assert again.result("c0").topic == first.result("c0").topic
    assert again.result("c13").topic == parking


def test_a_new_text_is_placed_in_the_right_topic_quickly():
    result = engine.analyse(items_of([*campaign(12), *PARKING, *SCHOOL]))
    parking = result.result("c12").topic
    school = result.result("c16").topic
    assert parking != school
    started = time.perf_counter()
    placed = engine.place(result, "Min bil kan ikke parkeres nogen steder, P-huset er for lille.")
    assert time.perf_counter() - started < 0.1
    assert placed.topic == parking and placed.duplicate_group is None
    assert engine.place(result, "Skolen har ingen plads til de mange nye elever.").topic == school
    copy = engine.place(result, f"Kære kommune\n\n{LETTER}\n\nHilsen Grethe")
    assert copy.duplicate_group == result.result("c0").duplicate_group
    assert copy.topic == result.result("c0").topic


def test_topics_have_words_and_a_typical_contribution():
    result = engine.analyse(items_of([*campaign(12), *PARKING, *SCHOOL]))
    topic = result.topics[result.result("c0").topic]
    assert topic.typical in topic.members
    assert topic.words and topic.label.startswith(f"{topic.id}: ")


def test_the_summary_quotes_sentences_of_the_topic_as_written():
    result = engine.analyse(items_of([*campaign(12), *PARKING, *SCHOOL]))
    topic = result.result("c12").topic
    summary = engine.summarise(result, topic, k=3)
    assert 1 <= len(summary) <= 3
    for line in summary:
        assert line.contribution in result.topics[topic].members
        assert line.sentence in result.texts[line.contribution]
    assert len({line.contribution for line in summary}) == len(summary)


def test_paragraphs_are_linked_to_the_contributions_that_discuss_them():
    result = engine.analyse(items_of([*campaign(12), *PARKING, *SCHOOL]))
    links = engine.link_paragraphs(
        result,
        [
            ("p1", "Parkeringsnormen er 0,6 plads pr. bolig, og parkering sker i et P-hus."),
            ("p2", "Området hører til Vestervangskolens skoledistrikt."),
            ("p3", "Lorem ipsum dolor."),
        ],
    )
    parking = {"c12", "c13", "c14", "c15"}
    assert links["p1"][0].contribution in parking
    assert len({link.contribution for link in links["p1"]} & parking) >= 3
    assert {"parkeringsnormen", "p-huset"} & set(links["p1"][0].words + links["p1"][1].words)
    assert links["p2"][0].contribution in {"c16", "c17"}
    assert links["p3"] == []


def test_the_same_input_gives_the_same_result():
    items = items_of([*campaign(12), *PARKING, *SCHOOL])
    a, b = engine.analyse(items), engine.analyse(items)
    assert a.results == b.results and a.topics == b.topics


def test_a_big_campaign_with_a_sentence_of_their_own_in_every_copy_is_one_group():
    # each copy's own sentence is rare and the form letter common: the copies must still meet
    texts = [
        f"{LETTER}\n\nJeg har boet her i {n} år, og mit barnebarn nummer {n} leger i haven.\n\n"
        f"Hilsen {NAMES[n % 10]}"
        for n in range(400)
    ]
    texts += PARKING + SCHOOL
    found = duplicates.find_groups(texts).of
    assert len(set(found[:400])) == 1 and found[0] is not None
    assert all(g is None for g in found[400:])


def test_the_copies_of_a_letter_share_a_topic():
    # a letter sent twice (with another signature and a sentence of one's own) sits in a cluster
    # too small to be a topic; its texts settle one by one, but the copies of one letter together
    letter = (
        "Byggepladsen ved stationen larmer fra klokken seks om morgenen, også i weekenden. "
        "Kan arbejdstiden ikke begrænses til hverdage mellem syv og sytten?"
    )
    copies = [f"{letter}\n\nMvh Anne", f"Jeg sover dårligt. {letter}\n\nHilsen Bo, Lærkevej 4"]
    items = items_of([*campaign(12), *PARKING, *SCHOOL, *copies])
    analysis = engine.analyse(items)
    first, second = analysis.results[-2:]
    assert first.duplicate_group is not None and first.duplicate_group == second.duplicate_group
    assert first.topic == second.topic
    for members in analysis.duplicate_groups.values():
        assert len({analysis.result(m).topic for m in members}) == 1
