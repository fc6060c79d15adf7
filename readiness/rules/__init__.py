"""Built-in rules: one file per rule, one folder per area. Rules register when imported."""
