"""storylens read command (being written)."""
