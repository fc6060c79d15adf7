"""Rules of the tool auth area."""
