"""storylens score command (being written)."""
