"""Views: records and answers as JSON-ready data, tables and text, derived from the model."""
