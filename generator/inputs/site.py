"""The site's own settings beside its articles: content/site.yml (or site.yaml) names the site.

    title: "Balochistan attacks, January 2026: timeline and claims"
    description: What happened when, and who claims which casualty figures.
    url: https://example.github.io/timeline/

Every key is optional. `url` is where the site is published (MkDocs' site_url): with it the feed's links
are absolute, the sitemap lists every page and robots.txt names the sitemap (generator.site.generate.site_url
decides between this file, mkdocs.yml and a GitHub Actions run). The title and description belong to the
content, not to the project: a site built from another content folder must not carry the demo's name, so they
live here rather than in mkdocs.yml (generator.site.generate.site_title decides between this file, mkdocs.yml
and the incidents). Every problem
(malformed YAML, an unknown key, a value that is not text) is a diagnostic at its line; the rest of the file
still counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import yamlsafe
from generator.config import read_settings_text
from generator.diagnostics import Code
from generator.escape import safe_url
from generator.inputs.files import SITE_FILES, display_path, editor_file
from generator.models import Diagnostic, Location
from generator.text import clean_inline

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
LIMITS = {"title": 200, "description": 1000, "url": 500}  # characters: a title is a line of the page header


@dataclass(frozen=True)
class SiteSettings:
    """What site.yml sets; None where it sets nothing."""

    title: str | None = None
    description: str | None = None
    url: str | None = None  # an http(s) address ending in "/"


def read_site_settings(content_dir: Path, symlinks: str = "skip") -> tuple[SiteSettings, list[Diagnostic]]:
    """content/site.yml read and checked; SiteSettings() when there is none."""
    path = editor_file(content_dir, SITE_FILES, symlinks)
    if path is None:
        return SiteSettings(), []
    rel = display_path(path, content_dir)
    text, diags = read_settings_text(path, rel, "site settings file", Code.SETTINGS_UNREADABLE)
    if text is None:
        return SiteSettings(), diags
    settings, parse_diags = parse_site_settings(text, rel)
    return settings, diags + parse_diags


def parse_site_settings(text: str, rel: str) -> tuple[SiteSettings, list[Diagnostic]]:
    """site.yml text -> its settings; pure, so the tests can feed it anything."""
    try:
        root = yamlsafe.compose(text)
    except yaml.YAMLError as exc:
        return SiteSettings(), [Diagnostic(Location(rel, yamlsafe.error_line(exc)), "error",
                                           f"malformed site settings file: {yamlsafe.error_text(exc)}; not used",
                                           Code.SETTINGS_UNREADABLE)]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL):
        return SiteSettings(), []
    if not isinstance(root, yaml.MappingNode):
        return SiteSettings(), [Diagnostic(Location(rel, root.start_mark.line + 1), "error",
                                           "the site settings file must be a mapping (title: ..., description: ...); "
                                           "not used", Code.SETTINGS_INVALID)]
    found: dict[str, str] = {}
    diags: list[Diagnostic] = []

    def warn(node: yaml.Node, message: str) -> None:
        diags.append(Diagnostic(Location(rel, node.start_mark.line + 1), "warning", message, Code.SETTINGS_INVALID))

    for knode, vnode in root.value:
        key = knode.value if isinstance(knode, yaml.ScalarNode) else None
        if key not in LIMITS:
            warn(knode, f"unknown setting {str(key)[:60]!r} (expected {' or '.join(LIMITS)}); ignored")
        elif not (isinstance(vnode, yaml.ScalarNode) and vnode.tag == _STR):
            warn(vnode, f"{key} must be text, not {_describe(vnode)}; ignored")
        elif not clean_inline(vnode.value):
            warn(vnode, f"{key} is empty; ignored")
        elif len(clean_inline(vnode.value)) > LIMITS[key]:
            warn(vnode, f"{key} is {len(clean_inline(vnode.value)):,} characters, over {LIMITS[key]:,}; ignored")
        elif key == "url" and site_address(vnode.value) is None:
            warn(vnode, "url must be an http:// or https:// address without spaces, quotes or a query; ignored")
        else:
            if key in found:
                warn(knode, f"{key} is set twice; the last one counts")
            found[key] = clean_inline(vnode.value)
    url = site_address(found["url"]) if "url" in found else None
    return SiteSettings(found.get("title"), found.get("description"), url), diags


def site_address(value: str) -> str | None:
    """An address the site is published at, ending in "/" (pages are folders under it); None if it is not one.

    It lands in attributes, the feed and robots.txt, so it must be a plain http(s) URL: no query or fragment."""
    url = safe_url(value.strip())
    if url is None or "?" in url or "#" in url or "://" not in url or not url.split("://", 1)[1].split("/")[0]:
        return None
    return url if url.endswith("/") else url + "/"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
            "tag:yaml.org,2002:bool": "yes/no", _NULL: "empty",
            "tag:yaml.org,2002:timestamp": "a date"}.get(node.tag, "a value of another type")
