"""Rules: the forms and the procedures agree on who fills in what (records, ISO 13485 4.2.5).

Loading already checks that every field a step fills in (``fills``) is on its form. The rule here checks the
other direction: a required field that no step of any procedure fills in is a record nobody is told to make.
Only forms that some step fills in are checked, so a handbook that does not yet say which fields its steps
fill in gets no finding for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..derive import paths
from .base import Context, Emit, Finding, rule


@rule("REC-001", "warning", "ISO 13485:2016 4.2.5; MDR Art. 10(9)", "documents",
      "Hvert obligatorisk skjemafelt fylles ut i et prosedyretrinn",
      "Every required form field is filled in by a procedure step")
def required_fields_filled(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    filled: dict[str, set[str]] = {}
    for proc in hb.procedures:
        if proc.status == "obsolete":
            continue
        for step in proc.steps:
            for record in step.fills:
                filled.setdefault(record.form, set()).update(record.fields)
    for form in hb.forms:
        if form.id not in filled:
            continue
        pages = paths.form_pages(hb, form)  # none for a statement form while there is no device group
        page = pages[0][0] if pages else paths.FORMS
        for section in form.sections:
            for field in section.fields:
                if field.required and field.id not in filled[form.id]:
                    yield emit(field, f"{form.id}: det obligatoriske feltet «{field.label}» fylles ikke ut i noe "
                               "prosedyretrinn, så ingen har fått ansvaret for det",
                               f"{form.id}: no procedure step fills in the required field '{field.label}', so it is "
                               "nobody's task",
                               f"Nevn feltet under 'fills' i trinnet som fyller det ut (form: {form.id}, fields: "
                               f"[{field.id}]), eller gjør feltet valgfritt.",
                               f"Name the field under 'fills' in the step that fills it in (form: {form.id}, fields: "
                               f"[{field.id}]), or make the field optional.",
                               loc=("id",), anchor=f"{page}#{form.id}-{field.id}" if pages else page)
