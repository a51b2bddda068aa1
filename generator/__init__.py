"""Static timeline and sourced-claims site generator."""

__version__ = "0.1.0"
