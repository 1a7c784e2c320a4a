"""People and roles: a role can be held by several people, a person can hold several roles."""

from __future__ import annotations

from .base import Id, Located


class Role(Located):
    id: Id
    title: str
    description: str = ""


class Contact(Located):
    """Personal contact details: always internal, never in an inspector's snapshot."""

    email: str = ""
    phone: str = ""


class Person(Located):
    id: Id
    name: str
    job_title: str = ""
    roles: list[Id] = []
    contact: Contact | None = None
    internal_notes: str = ""


class People(Located):
    roles: list[Role]
    people: list[Person]
