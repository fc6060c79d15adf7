"""Rules of the rollout area."""
