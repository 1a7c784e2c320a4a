"""Facts worked out from the data that rules and pages both use: page URLs, GSPR applicability, due dates,
the built-in checklists and what changed between releases. Imports the model, never rules or render."""
