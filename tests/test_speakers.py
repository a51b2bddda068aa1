"""Who said it, read from the dependency parse (generator.claims.speakers): one row per reporting construction.

Every sentence is our own; the places and people do not exist. Each row names the figure as written and the
speaker the parse must find: (name, person) where person is who speaks for the organisation, or "<refers:KIND>"
for a pronoun or a description that stands for an earlier speaker, or None for no speaker.
"""

from __future__ import annotations

import pytest

from generator.claims import nlp
from generator.claims.figures import find_figures
from generator.claims.speakers import Speaker, speaker_of

pytestmark = pytest.mark.skipif(nlp.parser() is None, reason=f"no dependency parser: {nlp.parser_status().reason}")

ROWS = [
    # the subject of the reporting verb that governs the figure
    ("The coastguard clarified on Monday that 41 bodies had been recovered.", "41", ("The coastguard", None)),
    ("Twelve sailors are missing, the harbour master said.", "Twelve", ("the harbour master", None)),
    ("The dockers' union had estimated that 9,000 people marched, the port police had counted 4,000.", "9,000",
     ("The dockers' union", None)),
    ("The dockers' union had estimated that 9,000 people marched, the port police had counted 4,000.", "4,000",
     ("the port police", None)),
    ("The regional government had previously said over 300 people had died in the floods.", "300",
     ("The regional government", None)),
    ("At least 14 people were killed, the fire brigade said, and the council ordered an inquiry.", "14",
     ("the fire brigade", None)),
    ("The agency pegged the toll at 63.", "63", ("The agency", None)),
    # "according to", also when it hangs on the last verb of a list
    ("According to the relief office, 230 families were displaced.", "230", ("the relief office", None)),
    ("The raiders freed 30 prisoners, burned a depot and fled, according to the district police.", "30",
     ("the district police", None)),
    # appositions and roles: who speaks for whom
    ("Jane Roe, a spokeswoman for the Port Amber water board, said 12 workers were hurt.", "12",
     ("the Port Amber water board", "Jane Roe")),
    ("Eight people drowned, said the general secretary of the ferrymen's guild, Tom Hale.", "Eight",
     ("the ferrymen's guild", "Tom Hale")),
    ("Millbrook health office spokesman Omar Vance said 19 patients were evacuated.", "19",
     ("Millbrook health office", "Omar Vance")),
    ("According to the guild, the largest union in the port, about 7,000 workers joined the strike.", "7,000",
     ("the guild", None)),
    # a long title before a name, kept whole
    ("Deputy Provincial Disaster Management Minister Ana Kessler said 57 people were killed.", "57",
     ("Deputy Provincial Disaster Management Minister Ana Kessler", None)),
    # documents and their sources
    ("The latest toll released by the Eastport Red Cross spoke of 88 deaths.", "88", ("the Eastport Red Cross", None)),
    ("A statement from the mine operator said 26 miners were trapped.", "26", ("the mine operator", None)),
    ("The operator's statement said 26 miners were trapped.", "26", ("The operator", None)),
    # verbs without a subject of their own
    ("The rebels issued a statement saying 30 fighters had died.", "30", ("The rebels", None)),
    ("The army confirmed the raid and said 14 soldiers were killed.", "14", ("The army", None)),
    ("The mayor was quoted as saying that 300 homes were lost.", "300", ("The mayor", None)),
    ("Claims of 90 deaths were reported by the regional broadcaster.", "90", ("the regional broadcaster", None)),
    ("According to the relief office, 60 were declared dead by the district hospital.", "60",
     ("the relief office", None)),
    # claims of responsibility
    ("The Free Hills Movement claimed responsibility for the bombing that killed 22 people.", "22",
     ("The Free Hills Movement", None)),
    # pronouns and descriptions that stand for an earlier speaker
    ("He said 40 homes were flooded.", "40", "<refers:person>"),
    ("“About 1,200 people were displaced,” the report stated.", "1,200", "<refers:group>"),
    ("The union, which said 5,000 members walked out, called a second strike.", "5,000", ("The union", None)),
    # not a speaker: no reporting verb over the figure, a verb that does not report its object, fragments
    ("40 people were killed in the blast, and the army said it would respond.", "40", None),
    ("The flood claimed 40 lives in the valley.", "40", None),
    ("Initial reports suggested that over 15,000 people had gathered.", "15,000", None),
    ("Hundreds more said they had lost their homes to the 200 fires.", "200", None),
]


def _expected(spec: tuple[str, str | None] | str | None) -> Speaker | None:
    if spec is None:
        return None
    if isinstance(spec, str):
        return Speaker("", refers_to=spec.removeprefix("<refers:").removesuffix(">"))
    return Speaker(spec[0], person=spec[1])


@pytest.mark.parametrize("sentence, figure, spec", ROWS, ids=[f"{r[1]}:{r[0][:40]}" for r in ROWS])
def test_speaker_of_a_figure(sentence: str, figure: str, spec: tuple[str, str | None] | str | None) -> None:
    fig = next(f for f in find_figures(sentence, []) if f.text == figure)
    got = speaker_of(nlp.parse(sentence), fig.start)
    want = _expected(spec)
    if want is not None and want.refers_to:
        assert got is not None and got.refers_to == want.refers_to, got
    else:
        assert got == want, got


def test_the_model_is_the_pinned_one() -> None:
    meta = nlp.model_meta()
    assert (meta["name"], meta["version"]) == (nlp.MODEL_NAME, nlp.MODEL_VERSION)
    assert "ner" not in nlp.parser().pipe_names  # type: ignore[union-attr]
