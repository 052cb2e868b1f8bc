"""The web app and HTTP API (``storylens serve``): a thin shell over the library."""

from storylens.web.app import create_app

__all__ = ["create_app"]
