"""Rules of the guardrails area."""
