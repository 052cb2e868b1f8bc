"""Views of storylens results: ``text`` for the terminal, ``html`` for reports and the web."""
