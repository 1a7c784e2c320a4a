"""Rendering: pure functions from model objects to Markdown/HTML strings. Escaping lives in text.py, once."""
