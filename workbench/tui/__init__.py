"""The terminal user interface (Textual): `create_app` builds it from an open project."""
