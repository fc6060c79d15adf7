"""Rules of the model control area."""
