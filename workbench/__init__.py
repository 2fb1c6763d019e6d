"""workbench: an offline Chinese→English translation and glossary workbench."""

__version__ = "0.1.0"
