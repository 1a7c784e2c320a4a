"""MkDocs glue: the handbook plugin (entry point ``handbook``) and what it sets up."""

from .handbook import HandbookPlugin

__all__ = ["HandbookPlugin"]
