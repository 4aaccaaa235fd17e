"""Pure planning: desired state + live snapshot → Plan. No HTTP, no files."""
