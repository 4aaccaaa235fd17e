"""Request schemas and API rules, one module per kind (pure: no I/O)."""
