"""Rules of the tracing area."""
