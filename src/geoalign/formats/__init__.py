"""Dataset file formats: YAML and JSON Lines reading, the record converter, the schema."""
