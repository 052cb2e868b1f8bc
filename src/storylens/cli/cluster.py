"""storylens cluster command (being written)."""
