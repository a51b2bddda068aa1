"""The claimant registry: shipped defaults, the editors' content/actors.yml, its mistakes, and the row names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.claims import match_actor
from generator.config import DEFAULT_ACTORS, Config, load_config
from generator.inputs.actors import merge_actors, order_actors, parse_actors, read_actors
from generator.models import Diagnostic, Timeline
from generator.pipeline import make_timeline
from generator.site.render import render_pages

REPO = Path(__file__).resolve().parent.parent
REL = "content/actors.yml"


# --- the shipped defaults ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, canonical", [
    ("ISPR", "Military"),
    ("the army", "Military"),
    ("The military", "Military"),
    ("Inter-Services Public Relations", "Military"),
    ("military officials", "Military"),
    ("Pakistan's army", "Pakistan military"),  # a place in front is kept
    ("Sindh police", "Sindh police"),
    ("police sources", "Police"),
    ("the BLA", "Balochistan Liberation Army"),
    ("Baloch Liberation Army", "Balochistan Liberation Army"),
    ("Balochistan Liberation Army", "Balochistan Liberation Army"),  # not "Balochistan Liberation military"
    ("the Pakistani Taliban", "Tehrik-e-Taliban Pakistan"),
    ("TTP", "Tehrik-e-Taliban Pakistan"),
    ("Tehreek-e-Taliban Pakistan", "Tehrik-e-Taliban Pakistan"),
    ("Free Syrian Army", "Free Syrian Army"),
    ("the Israeli military", "Israel Defense Forces"),
    ("IDF", "Israel Defense Forces"),
    ("Hamas officials", "Hamas"),
    ("the Islamic State group", "Islamic State"),
    ("Daesh", "Islamic State"),
    ("U.N.", "United Nations"),
    ("OCHA", "United Nations"),
    ("UN agencies", "United Nations"),
    ("the UN refugee agency", "UNHCR"),
    ("UN children's agency", "UNICEF"),
    ("World Health Organisation", "World Health Organization"),
    ("the ICRC", "International Committee of the Red Cross"),
    ("SARC", "Syrian Arab Red Crescent"),
    ("Doctors Without Borders", "Médecins Sans Frontières"),
    ("SOHR", "Syrian Observatory for Human Rights"),
    ("the Britain-based Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
    ("Syrian Observatory", "Syrian Observatory for Human Rights"),
    ("Syrian state news agency SANA", "Syrian Arab News Agency"),
    ("rescuers", "Rescue services"),
    ("ministry of health", "Health ministry"),
    # too generic to be one claimant, or another claimant altogether: left as the article wrote them
    ("officials", None),
    ("sources", None),
    ("the government", None),
    ("Kim Jong Un", None),  # not "Kim Jong united Nations": the bare "UN" is not a default alias
    ("Sana", None),  # a personal name, not the news agency
    ("the observatory", None),  # a volcano or weather observatory in disaster news
    ("Kenya Red Cross", None),  # a national society, not the ICRC
    ("Taliban", None),  # the Afghan Taliban are not the TTP
    ("civil defence", None),
])
def test_default_registry(name: str, canonical: str | None) -> None:
    assert match_actor(name, DEFAULT_ACTORS) == canonical
    registry, diags = read_actors(REPO / "tests" / "fixtures" / "golden_content")  # a folder without actors.yml
    assert diags == [] and match_actor(name, registry) == canonical


def test_shipped_file_is_already_in_matching_order() -> None:
    """Config() uses generator/actors.yml as written, so it must not depend on order_actors to be right."""
    ordered = order_actors(DEFAULT_ACTORS)
    assert list(ordered) == list(DEFAULT_ACTORS)
    assert ordered == DEFAULT_ACTORS  # aliases too: longest first


def test_order_puts_a_full_name_before_the_alias_it_ends_with() -> None:
    added = {**DEFAULT_ACTORS, "Free Hills Army": ["FHA"]}  # as timeline.yml adds it: after Military
    assert match_actor("Free Hills Army", added) == "Free Hills military"  # what the order fixes
    assert match_actor("Free Hills Army", order_actors(added)) == "Free Hills Army"
    assert match_actor("Pakistan army", order_actors(added)) == "Pakistan military"
    looped = {"A": ["x y", "z"], "B": ["w z", "y"]}  # each ends with the other's alias: the given order stays
    assert list(order_actors(looped)) == ["A", "B"]


# --- the editors' file ---------------------------------------------------------------------------------

def _registry(tmp_path: Path, text: str, name: str = "actors.yml",
              base: dict[str, list[str]] | None = None) -> tuple[dict[str, list[str]], list[Diagnostic]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_actors(tmp_path, base)


def test_content_file_merges_into_the_defaults(tmp_path: Path) -> None:
    actors, diags = _registry(tmp_path, (
        "# who is who\n"
        "Military: [Redcliff garrison]\n"                      # extends a default: its aliases stay
        "Valley Rescue:\n"                                     # new, and takes 'rescuers' from Rescue services
        "  - Valley Rescue team\n"
        "  - rescuers\n"
        "Free Hills Movement: FHM, Free Hills spokesman\n"))   # one string: comma-separated aliases
    assert set(DEFAULT_ACTORS["Military"]) < set(actors["Military"]) and "Redcliff garrison" in actors["Military"]
    assert "rescuers" not in actors["Rescue services"] and "rescuers" in actors["Valley Rescue"]
    assert actors["Free Hills Movement"] == ["Free Hills spokesman", "FHM"]
    assert match_actor("the Redcliff garrison", actors) == "Military"
    assert match_actor("rescuers", actors) == "Valley Rescue"
    assert match_actor("rescue workers", actors) == "Rescue services"
    assert match_actor("ISPR", actors) == "Military"
    assert [(d.location.line, d.level, d.message) for d in diags] == [
        (1, "info", "actors file: 3 claimants (2 new, 1 extending the defaults)"),
        (5, "info", "'rescuers' now names 'Valley Rescue' instead of 'Rescue services'"),
    ]


def test_content_file_renames_splits_and_absorbs_defaults(tmp_path: Path) -> None:
    actors, diags = _registry(tmp_path, "military: [garrison]\nISPR: [Inter-Services Public Relations]\n"
                                        "Pakistan Army: [army, Pakistan's army]\n")
    assert "Military" not in actors and match_actor("the military", actors) == "military"  # the editor's spelling
    assert match_actor("ISPR", actors) == "ISPR"  # a default alias as the editor's own claimant
    assert match_actor("Inter-Services Public Relations", actors) == "ISPR"
    assert match_actor("the army", actors) == match_actor("Pakistan's army", actors) == "Pakistan Army"
    assert any(d.location.line == 2 and "'ISPR' now names 'ISPR' instead of 'military'" in d.message for d in diags)

    actors, diags = _registry(tmp_path, "Pakistan military: [Pakistan army, military]\n")
    assert "Military" not in actors  # "military" is the default's own name: the whole claimant joins
    assert {"ISPR", "army", "Military"} <= set(actors["Pakistan military"])
    assert match_actor("ISPR", actors) == match_actor("Pakistan's army", actors) == "Pakistan military"
    assert any("'Military' and its aliases now count as 'Pakistan military'" in d.message for d in diags)


def test_timeline_yml_actors_still_work_and_the_content_file_goes_on_top(tmp_path: Path) -> None:
    settings = tmp_path / "timeline.yml"
    settings.write_text("actors:\n  Free Hills Army: [FHA]\n  Police: [constabulary]\n  Broken: 7\n",
                        encoding="utf-8")
    config, diags = load_config(settings)
    assert config.actors["Police"] == ["constabulary"]  # timeline.yml replaces an entry of the same name
    assert any("the aliases of actor 'Broken' must be a list" in d.message and d.location.line == 4 for d in diags)
    content = tmp_path / "content"
    content.mkdir()
    actors, _ = _registry(content, "Police: [gendarmes]\n", base=config.actors)
    assert match_actor("Free Hills Army", actors) == "Free Hills Army"  # ordered before Military's "army"
    assert set(actors["Police"]) == {"constabulary", "gendarmes"}


def test_actors_yaml_is_read_too_and_one_of_two_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BLAST_ISPR, encoding="utf-8")
    (tmp_path / "actors.yaml").write_text("Redcliff Army: [ISPR]\n", encoding="utf-8")
    assert _row_claimants(make_timeline(tmp_path)) == {"Redcliff Army"}
    (tmp_path / "actors.yml").write_text("Hill Army: [ISPR]\n", encoding="utf-8")
    t = make_timeline(tmp_path)
    assert _row_claimants(t) == {"Hill Army"}  # actors.yml wins
    assert any(d.location.path.endswith("actors.yaml") and d.level == "warning" and "actors.yml is read instead"
               in d.message for d in t.diagnostics), [str(d) for d in t.diagnostics]


# --- mistakes --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, level, pattern", [
    ("Military: [army\n", 1, "error", r"malformed actors file: .*only the default claimants are used"),
    ("A: [x]\nB:\n\t- y\n", 3, "error", r"malformed actors file"),  # a tab
    ("A: [x]\n---\nB: [y]\n", 2, "error", r"malformed actors file"),  # two documents
    ("- army\n- police\n", 1, "error", r"must be a mapping of claimant names to lists of aliases"),
    ("just some words\n", 1, "error", r"must be a mapping"),
    ("", 1, "info", r"names no claimants; the defaults are used"),
    ("# nothing yet\n", 1, "info", r"names no claimants"),
    ("Hill Front:\n  - HF\n  - 1948\n", 3, "warning", r"alias of 'Hill Front' must be text, not a number \(1948\)"),
    ("Hill Front: [HF, yes]\n", 1, "warning", r"must be text, not yes/no"),
    ("Hill Front: [HF, [a, b]]\n", 1, "warning", r"must be text, not a list"),
    ("Hill Front: [HF, ~]\n", 1, "warning", r"must be text, not empty"),
    ("Hill Front:\n  aliases: [HF]\n", 2, "warning", r"aliases of 'Hill Front' must be a list .* not a mapping"),
    ("Hill Front: 12\n", 1, "warning", r"must be a list .* not a number \(12\)"),
    ("12: [x]\n", 1, "warning", r"claimant name must be text, not a number"),
    ("[a, b]: [x]\n", 1, "warning", r"claimant name must be text, not a list"),
    ("Hill Front: [the]\n", 1, "warning", r"alias 'the' of 'Hill Front' has no words to match"),
    ("'the': [x]\n", 1, "warning", r"claimant name 'the' has no words to match"),
    ("Hill Front: [HF]\nValley Front:\n  - VF\n  - the HF\n", 4, "warning",
     r"alias 'the HF' is claimed by both 'Hill Front' \(line 1\) and 'Valley Front'; kept for 'Hill Front'"),
    ("Hill Front: [HF]\nHF: [Hill Front Command]\n", 2, "warning", r"'HF' is already an alias of 'Hill Front'"),
    ("Hill Front: [HF]\nhill front: [HFC]\n", 2, "warning",
     r"claimant 'hill front' is listed twice \(first at line 1\); the aliases are merged"),
])
def test_mistakes_are_reported_at_their_line(tmp_path: Path, text: str, line: int, level: str, pattern: str) -> None:
    actors, diags = _registry(tmp_path, text)
    assert any(d.location.path.endswith("actors.yml") and d.location.line == line and d.level == level
               and re.search(pattern, d.message) for d in diags), [str(d) for d in diags]
    assert set(DEFAULT_ACTORS) <= set(actors) or "military" in text.lower()  # the defaults stay usable
    assert match_actor("ISPR", actors) == "Military"


def test_what_can_be_used_of_a_faulty_file_is_used(tmp_path: Path) -> None:
    actors, diags = _registry(tmp_path, "Hill Front: [HF, 1948, HF fighters]\nValley Front: [HF]\n")
    assert actors["Hill Front"] == ["HF fighters", "HF"] and actors["Valley Front"] == []
    assert [d.location.line for d in diags if d.level == "warning"] == [1, 2]


def test_bad_bytes_are_reported_at_their_line(tmp_path: Path) -> None:
    (tmp_path / "actors.yml").write_bytes(b"\xef\xbb\xbfHill Front: [HF]\r\nValley Front: [V\xff]\r\n")
    actors, diags = read_actors(tmp_path)
    assert [(d.location.line, d.level) for d in diags if "UTF-8" in d.message] == [(2, "warning")]
    assert actors["Hill Front"] == ["HF"] and "Valley Front" in actors


def test_a_huge_actors_file_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "actors.yml").write_text("A: [x]\n" * 50, encoding="utf-8")
    actors, diags = read_actors(tmp_path, max_bytes=100)
    assert "A" not in actors and diags[0].level == "error" and "over the limit of 100" in diags[0].message


_yaml_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                            lambda inner: st.lists(inner, max_size=4)
                            | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), _yaml_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True))))
def test_any_text_gives_a_registry_and_diagnostics_never_an_exception(text: str) -> None:
    entries, diags = parse_actors(text, REL)
    actors, more = merge_actors(DEFAULT_ACTORS, entries or [], REL)
    assert all(isinstance(k, str) and all(isinstance(a, str) for a in v) for k, v in actors.items())
    assert all(isinstance(d, Diagnostic) and d.location.line >= 1 for d in [*diags, *more])
    assert match_actor("ISPR", actors) is None or isinstance(match_actor("ISPR", actors), str)


# --- through the whole build ---------------------------------------------------------------------------

BLAST_ISPR = ("---\ntitle: Twelve militants killed in Redcliff raid\ndate: 2026-02-01\nsource: Valley Times\n---\n\n"
              "Twelve militants were killed in a raid on a hideout near Redcliff on Saturday, ISPR said.\n")
BLAST_ARMY = ("---\ntitle: Army says raid near Redcliff killed 12\ndate: 2026-02-01\nsource: Hill Courier\n---\n\n"
              "The army said 12 militants were killed in the raid near Redcliff on Saturday.\n")


def _row_claimants(t: Timeline) -> set[str | None]:
    return {r.claimant for e in t.events for r in e.rows}


def test_ispr_and_the_army_are_one_row_named_by_the_registry(tmp_path: Path) -> None:
    (tmp_path / "ispr.md").write_text(BLAST_ISPR, encoding="utf-8")
    (tmp_path / "army.md").write_text(BLAST_ARMY, encoding="utf-8")
    t = make_timeline(tmp_path)
    rows = [r for e in t.events for r in e.rows if r.category == "militants killed"]
    assert [(r.claimant, r.quantity, len(r.article_ids)) for r in rows] == [("Military", 12, 2)]
    assert rows[0].status == "corroborated"

    (tmp_path / "actors.yml").write_text("Redcliff Army: [ISPR, army]\n", encoding="utf-8")
    t = make_timeline(tmp_path)
    rows = [r for e in t.events for r in e.rows if r.category == "militants killed"]
    assert [(r.claimant, r.quantity, len(r.article_ids)) for r in rows] == [("Redcliff Army", 12, 2)]
    pages = render_pages(t, REPO / "templates")
    event_page = next(text for rel, text in pages.items() if rel.startswith("events/") and "Redcliff Army" in text)
    assert "Military" not in event_page
    assert all(a.path != "actors.yml" and not a.path.endswith("/actors.yml") for a in t.articles)


def test_the_actors_file_is_never_an_article_and_never_lost(tmp_path: Path) -> None:
    (tmp_path / "ispr.md").write_text(BLAST_ISPR, encoding="utf-8")
    (tmp_path / "actors.yml").write_text("Redcliff Army: [ISPR]\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "actors.yml").write_text("Not: [read]\n", encoding="utf-8")  # only the top level counts
    t = make_timeline(tmp_path)
    assert len(t.articles) == 1 and len(t.inputs) == 3
    diagnosed = {d.location.path for d in t.diagnostics}
    assert all(p in diagnosed or p in {a.path for a in t.articles} for p in t.inputs), t.inputs
    assert any(d.location.path.endswith("notes/actors.yml") and "not an article" in d.message for d in t.diagnostics)
    top = [d.message for d in t.diagnostics if d.location.path in ("actors.yml", f"{tmp_path.name}/actors.yml")
           or (d.location.path.endswith("/actors.yml") and "notes" not in d.location.path)]
    assert top == ["'ISPR' now names 'Redcliff Army' instead of 'Military'",
                   "actors file: 1 claimant (1 new, 0 extending the defaults)"], top
    assert _row_claimants(t) == {"Redcliff Army"}


def test_a_broken_actors_file_does_not_stop_the_build(tmp_path: Path) -> None:
    (tmp_path / "ispr.md").write_text(BLAST_ISPR, encoding="utf-8")
    (tmp_path / "actors.yml").write_text("Redcliff Army: [ISPR\n", encoding="utf-8")
    t = make_timeline(tmp_path)
    assert _row_claimants(t) == {"Military"}
    assert [(d.location.line, d.level) for d in t.diagnostics if d.location.path.endswith("actors.yml")] == [
        (1, "error")]  # the line where the unclosed [ was opened


def test_the_shared_config_is_not_changed(tmp_path: Path) -> None:
    (tmp_path / "actors.yml").write_text("Redcliff Army: [ISPR]\n", encoding="utf-8")
    config = Config()
    make_timeline(tmp_path, config)
    assert config.actors == DEFAULT_ACTORS and "Redcliff Army" not in DEFAULT_ACTORS


def test_demo_actors_file_is_clean_and_names_the_army_once() -> None:
    t = make_timeline(REPO / "content")
    assert not [d for d in t.diagnostics if d.location.path.endswith("actors.yml") and d.level != "info"]
    claimants = {r.claimant for e in t.events for r in e.rows}
    assert "Pakistan military" in claimants and "Military" not in claimants
