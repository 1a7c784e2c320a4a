"""Data model: one module per concept, pydantic v2, every field typed and checked."""
