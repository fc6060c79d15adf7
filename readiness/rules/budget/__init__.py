"""Rules of the budget area."""
