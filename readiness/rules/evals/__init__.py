"""Rules of the evals area."""
