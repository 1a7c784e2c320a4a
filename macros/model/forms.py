"""Form templates: fill in on screen, print to A4 with a controlled footer. Nothing typed is sent anywhere.

A form's ID is its entry in the document register (kind ``form``): title, version and
effective date come from there, so the footer and the register can never disagree.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from ..errors import Invalid
from .base import GroupRef, Id, Located

FieldType = Literal["text", "textarea", "date", "number", "checkbox", "select", "signature", "email", "tel"]
# Generated parts that need the company's data or the catalogue.
Special = Literal["statement", "incident-clock", "prrc-duties", "ifu-exemption"]
# Where a select's options come from when they are the company's own data, not a fixed list.
OptionsFrom = Literal["device-groups"]

#: The fields a generated part adds to its form, by ID (their labels are in the page's language, see
#: render/forms.py). A procedure step can name them in ``fills`` like the fields written in the form's file.
GENERATED_FIELDS: dict[str, tuple[str, ...]] = {
    "statement": ("pasient", "forskriver", "institusjon", "egenskaper", "arbeidsnummer", "dato", "signatur"),
    "incident-clock": ("kjent-dato", "type"),
    "prrc-duties": ("sign-virksomhet", "dato-virksomhet", "sign-prrc", "dato-prrc"),
    "ifu-exemption": (),
}


class FormField(Located):
    id: Id
    label: str
    type: FieldType = "text"
    required: bool = False
    help: str = ""
    options: list[str] = []
    options_from: OptionsFrom | None = None  # e.g. the company's device groups, by name

    @model_validator(mode="after")
    def _options_for_select(self) -> FormField:
        if self.type == "select" and not self.options and not self.options_from:
            raise Invalid("et valgfelt (select) trenger 'options' (eller 'options_from: device-groups')",
                          "a select field needs 'options' (or 'options_from: device-groups')")
        if self.type != "select" and (self.options or self.options_from):
            raise Invalid(f"bare et valgfelt (select) har 'options' (dette er {self.type})",
                          f"only a select field has 'options' (this one is {self.type})")
        if self.options and self.options_from:
            raise Invalid("et valgfelt har enten 'options' eller 'options_from', ikke begge",
                          "a select field has either 'options' or 'options_from', not both")
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

    def field_ids(self) -> list[str]:
        """Every field a person fills in on this form: the generated part's, then the sections'."""
        return [*(GENERATED_FIELDS.get(self.special, ()) if self.special else ()),
                *(f.id for s in self.sections for f in s.fields)]

    @model_validator(mode="after")
    def _has_content(self) -> Form:
        if not self.sections and not self.special:
            raise Invalid("et skjema trenger 'sections' (eller en generert del i 'special')",
                          "a form needs 'sections' (or a 'special' generated part)")
        return self
