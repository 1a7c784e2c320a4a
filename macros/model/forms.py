"""Form templates: fill in on screen, print to A4 with a controlled footer. Nothing typed is sent anywhere.

A form's ID is its entry in the document register (kind ``form``): title, version and
effective date come from there, so the footer and the register can never disagree.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from .base import GroupRef, Id, Located

FieldType = Literal["text", "textarea", "date", "number", "checkbox", "select", "signature", "email", "tel"]
# Generated parts that need the company's data or the catalogue.
Special = Literal["statement", "incident-clock", "prrc-duties", "ifu-exemption"]


class FormField(Located):
    id: Id
    label: str
    type: FieldType = "text"
    required: bool = False
    help: str = ""
    options: list[str] = []

    @model_validator(mode="after")
    def _options_for_select(self) -> FormField:
        if self.type == "select" and not self.options:
            raise ValueError("a select field needs 'options'")
        if self.type != "select" and self.options:
            raise ValueError(f"only a select field has 'options' (this one is {self.type})")
        return self


class FormSection(Located):
    title: str
    text: str = ""
    fields: list[FormField] = []


class Form(Located):
    id: Id  # the register entry (kind: form)
    special: Special | None = None
    device_groups: list[GroupRef] = []  # for 'statement': one form per group (empty: every group)
    intro: str = ""
    sections: list[FormSection] = []

    @model_validator(mode="after")
    def _has_content(self) -> Form:
        if not self.sections and not self.special:
            raise ValueError("a form needs 'sections' (or a 'special' generated part)")
        return self
