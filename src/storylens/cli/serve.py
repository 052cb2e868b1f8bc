"""storylens serve command (being written)."""
