"""Cleaning an article's text: its title, its paragraphs, and what is not article text.

Titles come from the first line when there is no front matter; paragraphs pasted twice are kept once, page
furniture and boilerplate lead-ins (generator/rules/furniture.yml, plus timeline.yml) are dropped, the wording
is otherwise kept. Markup pasted into an article is shown as text, never run, and reported.
"""

from __future__ import annotations

import re
from typing import Any

from generator import rules
from generator.config import Config
from generator.diagnostics import Code, Diagnostic, Location
from generator.text import clean_inline, norm_text, shorten

PATH_LIKE = re.compile(r"(?:^|[\\/])\.\.(?:[\\/]|$)|^\s*[\\/~]|\\|^[A-Za-z]:[\\/]|^\S+/\S+\.(?:md|html?|txt)$")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--|javascript:", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# Wire and web boilerplate that varies too much for the furniture list (generator/rules/furniture.yml).
_BOILERPLATE = tuple(rules.rule("furniture", name).regex()
                     for name in ("credits", "copyright_notice", "read_more_line"))
_TRAILING_CREDITS = rules.rule("furniture", "trailing_credits").regex()
OTHER_STORIES = re.compile(rf"^(?:{rules.rule('furniture', 'other_stories').alternation()})\W*$", re.IGNORECASE)


def first_sentence(text: str, n: int = 100) -> str:
    """The first sentence of a text, without its full stop, shortened to n characters."""
    return shorten(_FIRST_SENTENCE.split(text)[0].rstrip("."), n)


def title_from_body(lines: list[str]) -> tuple[str, set[int]]:
    """First non-empty line is the title; the same line repeated right after it is the same title.

    A first line that is a whole paragraph (a clipping that starts with its text) stays in the body
    and lends its first sentence, shortened, as the title.
    """
    title, used = "", set()
    for i, line in enumerate(lines):
        s = clean_inline(line.lstrip("#").strip())
        if not s:
            continue
        if not title and is_paragraph(s):
            return first_sentence(s), set()
        if not title:
            title = s
            used.add(i)
        elif s == title:
            used.add(i)
        else:
            break
    return title, used


def clean_paragraphs(lines: list[str], skip: set[int], body_line: int, rel: str, config: Config,
                     one_line_paragraphs: bool, title: str) -> tuple[list[str], list[int], list[Diagnostic]]:
    """Split into paragraphs, drop pasted-twice copies, lead-ins and page furniture; keep wording."""
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    out: list[str] = []
    out_lines: list[int] = []
    furniture = {_norm_furniture(f) for f in config.furniture}
    title_key = norm_text(title)
    other_stories = ""  # the "Related Posts" heading whose links are being dropped
    for idx, text in _blocks(lines, skip, one_line_paragraphs):
        line_no = body_line + idx
        loc = Location(rel, line_no)
        if other_stories and is_headline(text):
            diags.append(Diagnostic(loc, "info", f"'{shorten(text, 40)}' removed: a link to another story, after "
                                                 f"'{shorten(other_stories, 20)}'", Code.FURNITURE_REMOVED))
            continue
        other_stories = ""
        if _norm_furniture(text) in furniture or any(p.match(text) for p in _BOILERPLATE) or OTHER_STORIES.match(text):
            diags.append(Diagnostic(loc, "info", f"page furniture '{shorten(text, 40)}' removed",
                                    Code.FURNITURE_REMOVED))
            other_stories = text if OTHER_STORIES.match(text) else ""
            continue
        text = _cut_trailing_credits(text, loc, diags)
        text = _strip_lead_in(text, config.lead_ins)
        key = norm_text(text)
        if not key:
            continue
        if key == title_key and not out:
            continue  # the title pasted again as the first line of the text
        if key in seen:
            diags.append(Diagnostic(loc, "info", f"paragraph repeated from line {seen[key]}; kept once",
                                    Code.PARAGRAPH_REPEATED))
            continue
        seen[key] = line_no
        out.append(text)
        out_lines.append(line_no)
    return out, out_lines, diags


def _blocks(lines: list[str], skip: set[int], one_line_paragraphs: bool) -> list[tuple[int, str]]:
    """(first line index, text) of each paragraph: blank lines separate them, or each line is one."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            if current:
                blocks.append((start, " ".join(current)))
                current = []
            continue
        if one_line_paragraphs:
            blocks.append((i, line.strip()))
            continue
        if not current:
            start = i
        current.append(line.strip())
    if current:
        blocks.append((start, " ".join(current)))
    return blocks


def is_headline(text: str) -> bool:
    """A short line that does not end a sentence: another story's headline, or a link to it."""
    return not is_paragraph(text) and len(text.split()) <= 20 and text.rstrip()[-1:] not in ".!?\"”:;,"


def _cut_trailing_credits(text: str, loc: Location, diags: list[Diagnostic]) -> str:
    """"... police said. (Reporting by ...; Editing by ...)": the credit goes, the paragraph stays."""
    m = _TRAILING_CREDITS.search(text)
    if m is None:
        return text
    diags.append(Diagnostic(loc, "info", f"wire credit '{shorten(m.group(0).strip(), 40)}' removed",
                            Code.FURNITURE_REMOVED))
    return text[: m.start()]


def _strip_lead_in(text: str, lead_ins: tuple[str, ...]) -> str:
    low = text.lower()
    for lead in lead_ins:
        if low.startswith(lead) and len(text) > len(lead) + 20:
            return text[len(lead):].lstrip()
    return text


def _norm_furniture(s: str) -> str:
    return re.sub(r"[\s:|»›>\-–—.!]+$", "", norm_text(s)).strip()


def is_paragraph(s: str) -> bool:
    return len(s) > 160 or (len(s.split()) > 22 and s.rstrip()[-1:] in ".!?\"”")


def markup_warnings(rel: str, title: str, meta: dict[str, Any], paragraphs: list[str], para_lines: list[int],
                     loc: Location) -> list[Diagnostic]:
    """HTML pasted into an article is shown as text, never run; say so once per place it was found."""
    out = []
    if _MARKUP.search(title):
        out.append(Diagnostic(loc, "warning", "the title contains HTML markup; it is shown as text, not run",
                              Code.MARKUP))
    for key in ("source", "url", "author"):
        value = meta.get(key)
        if isinstance(value, str) and _MARKUP.search(value):
            out.append(Diagnostic(loc, "warning", f"front-matter '{key}' contains HTML markup; shown as text",
                                  Code.MARKUP))
    for para, line in zip(paragraphs, para_lines, strict=False):
        m = _MARKUP.search(para)
        if m:
            out.append(Diagnostic(Location(rel, line), "warning",
                                  f"the text contains HTML markup ('{shorten(m.group(0), 30)}'); it is shown as text, "
                                  "not run (first place only)", Code.MARKUP))
            break
    return out


