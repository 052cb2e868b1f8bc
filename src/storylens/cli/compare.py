"""storylens compare command (being written)."""
