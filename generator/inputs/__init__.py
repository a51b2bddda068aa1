"""Inputs: the content folder read into Articles, and the editors' files beside them (actors, review)."""

from generator.inputs.actors import read_actors
from generator.inputs.files import ContentUnreadable, display_path, walk_content
from generator.inputs.reader import parse_article, read_articles
from generator.inputs.review import apply_review, read_review

__all__ = ["ContentUnreadable", "apply_review", "display_path", "parse_article", "read_actors", "read_articles",
           "read_review", "walk_content"]
