"""What the rules share: reading profiles' sites, model IDs, tools and their powers, secrets,
guardrails and tracing out of a file. Below the rules and beside the core: the core's fact
collection and inventories use it too, and nothing here imports a rule."""
