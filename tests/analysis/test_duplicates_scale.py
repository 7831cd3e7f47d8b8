"""Campaign copies that step 2 (the shared sentences) must pair, so the pairwise comparison
never sees them: a form letter whose paragraph repeats, sent by many, each with a number."""

from __future__ import annotations

from inddrag.analysis import duplicates

PARAGRAPH = (
    "Jeg bor på Banegårdspladsen og har læst forslaget til lokalplan. Jeg er bekymret for "
    "trafikken i de små veje, og for at de store træer forsvinder. Kan der komme en sikker "
    "cykelsti langs Ballerup Byvej? Legepladsen bør ligge væk fra vejen."
)


def test_copies_of_a_repeating_letter_are_paired_by_their_shared_sentences():
    letter = " ".join([PARAGRAPH] * 3)  # the same sentences three times
    texts = [f"{letter} Med venlig hilsen nr. {n}" for n in range(300)]
    letters = [duplicates.Letter.of(t) for t in texts]
    # Its words are all in shared sentences, however often each is repeated.
    components = duplicates._Components(len(texts))
    matrix = duplicates.shingle_vectorizer().fit_transform([x.folded for x in letters]).tocsr()
    left = duplicates._same_sentences(letters, list(range(len(texts))), matrix, components)
    assert left == [0]  # only the first is left for the pairwise comparison
    groups = duplicates.find_groups(texts)
    assert len(set(groups.of)) == 1 and None not in groups.of
