"""Cross-reference and consistency checks that a schema alone cannot express.

These are errors in the data itself (an unknown role, evidence that is not in
the register, a "Nei" without a reason): the handbook cannot be built
truthfully until they are fixed. Compliance findings that depend on dates or
judgement live in ``rules/``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from .derive import paths
from .derive.matrix import numbers as matrix_numbers
from .errors import Msg
from .model.base import Located
from .model.checklists import BUILT_IN
from .model.handbook import Handbook

if TYPE_CHECKING:
    from .load import _Collector


# The kinds of entry the checks name (``what``, in English), with the Norwegian word and its article.
_WHAT_NB: dict[str, str] = {
    "person": "en person", "document": "et dokument", "role": "en rolle", "site": "et sted", "standard": "en standard",
    "transitional provision": "en overgangsbestemmelse", "form": "et skjema", "ISO 13485 clause": "et ISO 13485-punkt",
    "Art. 10(9) element": "et element i art. 10(9)", "procedure": "en prosedyre", "checklist": "en sjekkliste",
    "step": "et steg", "device group": "en utstyrsgruppe", "document kind": "en dokumenttype",
    "form in the register (kind: form)": "et skjema i dokumentregisteret (kind: form)",
    "checklist item": "et sjekklistepunkt", "form field": "et skjemafelt", "release": "en utgivelse",
    "GSPR row": "en GSPR-rad", "form with a template in forms/": "et skjema med en mal i forms/",
}


def _nb(what: str) -> tuple[str, str]:
    """(article, noun) in Norwegian for a kind of entry (a kind not listed stays as it is)."""
    article, _, noun = _WHAT_NB.get(what, f"en {what}").partition(" ")
    return article, noun


_ENDS_EARLY = Msg("erfaringen slutter før den begynner", "experience ends before it starts")
_END_AFTER = Msg("'end' samme dag som 'start' eller senere", "end on or after start")

def _unique(col: _Collector, entries: Iterable[Located], what: str, key: str = "id") -> None:
    seen: dict[str, Located] = {}
    for entry in entries:
        value = getattr(entry, key)
        if value in seen:
            first = seen[value].where(key)
            col.at(entry, [key], Msg(f"{_nb(what)[1]}-ID-en '{value}' er brukt før (første gang i {first[0]}:{first[1]})",
                                     f"duplicate {what} ID '{value}' (first at {first[0]}:{first[1]})"),
                   Msg("en ID som ikke er brukt før", f"a unique ID for each {what}"))
        else:
            seen[value] = entry


def _known(col: _Collector, entry: Located, loc: list[str | int], value: str | None, known: Collection[str],
           what: str) -> None:
    """``known`` is a set or dict view: membership is checked for every reference, so it must be O(1)."""
    if value is None or value == "" or value in known:
        return
    sample = ", ".join(sorted(known)[:40]) + (" ..." if len(known) > 40 else "")
    article, noun = _nb(what)
    col.at(entry, loc, Msg(f"ukjent {noun} '{value}'", f"unknown {what} '{value}'"),
           Msg(f"en av: {sample}", f"one of: {sample}") if known else
           Msg(f"{article} {noun} som finnes i dataene", f"a defined {what}"))


def _source(entry: Located | Msg | None) -> Msg:
    """Where a page comes from, for the message about a clash (worked out only then: a position costs a parse)."""
    if isinstance(entry, Msg):
        return entry
    if entry is None:
        return Msg("en side generatoren alltid skriver", "a page the generator always writes")
    file, line, _ = entry.where("id") if "id" in type(entry).model_fields else entry.where()
    return Msg(f"{file}:{line}", f"{file}:{line}")


def check_pages(hb: Handbook, col: _Collector, hand_written: Collection[str]) -> None:
    """Every page has a path of its own, also on a disk that ignores case; every page a checklist names exists."""
    taken: dict[str, tuple[str, Located | Msg | None]] = {p.lower(): (p, Msg(f"docs/{p}", f"docs/{p}"))
                                                          for p in (*paths.STANDARD, *hand_written)}
    for path, entry in paths.page_sources(hb):
        other = taken.get(path.lower())
        if other is None:
            taken[path.lower()] = (path, entry)
            continue
        name, where = other[0], _source(other[1])
        if entry is None:  # a page the generator always writes, taken by a hand-written one
            continue  # the build names that page (it cannot be helped from the data)
        same = Msg("", "") if name == path else Msg(" på en disk som ikke skiller mellom store og små bokstaver",
                                                     " on a disk that ignores case")
        col.at(entry, ["id"] if "id" in type(entry).model_fields else [],
               Msg(f"siden '{path}' er samme fil som '{name}' ({where.nb}){same.nb}",
                   f"page '{path}' is the same file as '{name}' ({where.en}){same.en}"),
               Msg("en ID ingen annen side bruker", "an ID no other page uses"))
    known = {p.lower() for p in taken}
    for checklist in hb.checklists:
        for item in checklist.items:
            if item.page and item.page.partition("#")[0].lower() not in known:
                page = item.page.partition("#")[0]
                col.at(item, ["page"], Msg(f"håndboken har ingen side '{page}'", f"no page '{page}' in the handbook"),
                       Msg("en side i docs/ eller en som generatoren skriver, f.eks. prosedyrer/P-01.md",
                           "a page in docs/ or one the generator writes, e.g. prosedyrer/P-01.md"))


def check_references(hb: Handbook, col: _Collector) -> None:
    cat = hb.catalogue
    people, roles, docs = hb.persons.keys(), hb.roles.keys(), hb.controlled.keys()
    sites = {s.id for s in hb.company.sites}
    kinds = {k.id for k in cat.document_kinds}
    standards = {r.id for r in hb.references.values() if r.kind == "standard"}
    catalogue_ids = {r.id for r in cat.references}
    _unique(col, hb.own_standards, "standard")
    for own in hb.own_standards:
        if own.id in catalogue_ids:
            col.at(own, ["id"], Msg(f"standarden '{own.id}' finnes allerede i katalogen",
                                    f"standard '{own.id}' is already in the catalogue"),
                   Msg("en annen ID, eller fjern oppføringen", "another ID, or remove the entry"))
        _known(col, own, ["superseded_by"], own.superseded_by, standards, "standard")
    clauses = {c.clause for c in cat.iso13485}
    elements = {e.id for e in cat.qms_elements}
    gspr_numbers = {number: entry for number, entry, _ in matrix_numbers(cat.gspr)}

    _unique(col, hb.people.people, "person")
    _unique(col, hb.people.roles, "role")
    _unique(col, hb.company.sites, "site")
    _unique(col, [*hb.documents, *hb.procedures], "document")
    _unique(col, hb.device_groups, "device group")

    _known(col, hb.company, ["authority_contact"], hb.company.authority_contact, people, "person")
    if hb.company.notified_body_transition:
        claim = hb.company.notified_body_transition
        _known(col, claim, ["provision"], claim.provision, {t.id for t in cat.transitions}, "transitional provision")
    for person in hb.people.people:
        for i, role in enumerate(person.roles):
            _known(col, person, ["roles", i], role, roles, "role")
    for role in hb.people.roles:
        if not hb.holders(role.id):
            col.at(role, ["id"], Msg(f"ingen har rollen '{role.id}'", f"role '{role.id}' is held by nobody"),
                   Msg("minst én person med denne rollen i people.yml", "at least one person with this role in people.yml"))

    for appt in hb.prrc.appointments:
        _known(col, appt, ["person"], appt.person, people, "person")
        if appt.deputy:
            _known(col, appt, ["deputy"], appt.deputy.person, people, "person")
            for j, ev in enumerate(appt.deputy.evidence):
                _known(col, appt.deputy, ["evidence", j], ev, docs, "document")
            for i, exp in enumerate(appt.deputy.experience):
                for j, ev in enumerate(exp.evidence):
                    _known(col, appt.deputy, ["experience", i, "evidence", j], ev, docs, "document")
                if exp.end and exp.end < exp.start:
                    col.at(exp, ["end"], _ENDS_EARLY, _END_AFTER)
        _known(col, appt, ["contract"], appt.contract, docs, "document")
        for i, exp in enumerate(appt.experience):
            for j, ev in enumerate(exp.evidence):
                _known(col, appt, ["experience", i, "evidence", j], ev, docs, "document")
            if exp.end and exp.end < exp.start:
                col.at(exp, ["end"], _ENDS_EARLY, _END_AFTER)
        if appt.competence_assessment:
            _known(col, appt.competence_assessment, ["document"], appt.competence_assessment.document, docs, "document")
            _known(col, appt.competence_assessment, ["assessed_by"], appt.competence_assessment.assessed_by, people,
                   "person")
        if appt.job_description:
            _known(col, appt.job_description, ["document"], appt.job_description.document, docs, "document")
        if appt.arrangement == "at-disposal" and not appt.contract:
            col.at(appt, ["arrangement"], Msg("en PRRC som står til rådighet (at-disposal), trenger kontrakten",
                                              "a PRRC at disposal needs the contract"),
                   Msg("'contract: <dokument-ID>' (MDR art. 15(2), MDCG 2019-7)",
                       "'contract: <document ID>' (MDR Art. 15(2), MDCG 2019-7)"))

    for group in hb.device_groups:
        for i, site in enumerate(group.sites):
            _known(col, group, ["sites", i], site, sites, "site")
        _known(col, group.ifu, ["document"], group.ifu.document, docs, "document")
        _known(col, group.ifu, ["exemption_assessment"], group.ifu.exemption_assessment, docs, "document")
        _known(col, group.label, ["document"], group.label.document, docs, "document")

    for doc in [*hb.documents, *hb.procedures]:
        _known(col, doc, ["owner"], doc.owner, people, "person")
        _known(col, doc, ["approver"], doc.approver, people, "person")
        _known(col, doc, ["superseded_by"], doc.superseded_by, docs, "document")
        if doc.status == "effective" and not doc.effective:
            col.at(doc, ["status"], Msg("et gjeldende dokument (effective) trenger datoen det gjelder fra",
                                        "an effective document needs its effective date"),
                   Msg("'effective: ÅÅÅÅ-MM-DD'", "'effective: YYYY-MM-DD'"))
        if doc.status == "obsolete" and not doc.superseded_by:
            col.at(doc, ["status"], Msg("et utgått dokument (obsolete) må si hva som erstattet det",
                                        "an obsolete document must say what replaced it"),
                   Msg("'superseded_by: <dokument-ID>'", "'superseded_by: <document ID>'"))
    for doc in [*hb.documents, *hb.procedures]:
        chain, step = [doc.id], doc.superseded_by
        while step and step in hb.controlled and step not in chain:
            chain.append(step)
            step = hb.controlled[step].superseded_by
        if step in chain:
            loop = " → ".join([*chain[chain.index(step):], step])
            col.at(doc, ["superseded_by"], Msg(f"superseded_by går i ring: {loop}", f"superseded_by goes round in a cycle: {loop}"),
                   Msg("dokumentet som erstatter dette, og som ikke selv erstattes av det",
                       "the document that replaces this one, which is not replaced by it in turn"))
    for doc in hb.documents:
        _known(col, doc, ["kind"], doc.kind, kinds, "document kind")
        _known(col, doc, ["device_group"], doc.device_group, hb.groups.keys(), "device group")

    for proc in hb.procedures:
        _unique(col, proc.steps, "step")
        for step in proc.steps:
            _known(col, step, ["role"], step.role, roles, "role")
            for j, form in enumerate(step.forms):
                _known(col, step, ["forms", j], form, docs, "form")
        for resp in proc.responsibilities:
            _known(col, resp, ["role"], resp.role, roles, "role")
        for i, clause in enumerate(proc.references.iso13485):
            _known(col, proc.references, ["iso13485", i], clause, clauses, "ISO 13485 clause")
        for i, element in enumerate(proc.references.qms_elements):
            _known(col, proc.references, ["qms_elements", i], element, elements, "Art. 10(9) element")
        for i, ref in enumerate(proc.related_documents):
            _known(col, proc, ["related_documents", i], ref, docs, "document")
        for rev in proc.revisions:
            _known(col, rev, ["approved_by"], rev.approved_by, people, "person")

    cycle = hb.company.qms_cycle
    for name in type(cycle).model_fields if cycle else ():
        item = getattr(cycle, name)
        if item is not None:
            _known(col, item, ["procedure"], item.procedure, hb.procs.keys(), "procedure")

    for ex in hb.company.iso13485_exclusions:
        _known(col, ex, ["clause"], ex.clause, clauses, "ISO 13485 clause")
        if ex.clause.split(".")[0] not in ("6", "7", "8"):
            col.at(ex, ["clause"], Msg(f"punkt {ex.clause} kan ikke utelates", f"clause {ex.clause} cannot be excluded"),
                   Msg("et punkt i kapittel 6, 7 eller 8 (ISO 13485 kapittel 1)", "a clause in 6, 7 or 8 (ISO 13485 1)"))

    checklist_ids = {*BUILT_IN, *(c.id for c in hb.checklists)}
    for proc in hb.procedures:
        for step in proc.steps:
            _known(col, step, ["checklist"], step.checklist, checklist_ids, "checklist")
    _unique(col, hb.checklists, "checklist")
    for checklist in hb.checklists:
        if checklist.id in BUILT_IN:
            col.at(checklist, ["id"], Msg(f"sjekkliste-ID-en '{checklist.id}' er reservert for en innebygd sjekkliste",
                                          f"checklist ID '{checklist.id}' is reserved for a built-in checklist"),
                   Msg("en annen ID", "another ID"))
        _unique(col, checklist.items, "checklist item")
        for item in checklist.items:
            _known(col, item, ["procedure"], item.procedure, hb.procs.keys(), "procedure")
            if item.step and item.procedure in hb.procs:
                _known(col, item, ["step"], item.step, {s.id for s in hb.procs[item.procedure].steps}, "step")

    forms = {d.id for d in hb.documents if d.kind == "form"}
    _unique(col, hb.forms, "form")
    for form in hb.forms:
        _known(col, form, ["id"], form.id, forms, "form in the register (kind: form)")
        _unique(col, [f for s in form.sections for f in s.fields], "form field")
        for i, group in enumerate(form.device_groups):
            _known(col, form, ["device_groups", i], group, hb.groups.keys(), "device group")

    _unique(col, hb.releases.releases, "release", key="version")
    for release in hb.releases.releases:
        _known(col, release, ["approved_by"], release.approved_by, people, "person")

    for matrix in hb.gspr.values():
        _known(col, matrix, ["device_group"], matrix.device_group, hb.groups.keys(), "device group")
        _unique(col, matrix.rows, "GSPR row", key="gspr")
        for row in matrix.rows:
            _check_gspr_row(hb, col, row, gspr_numbers, standards)


def _check_gspr_row(hb: Handbook, col: _Collector, row, gspr_numbers, standards) -> None:  # type: ignore[no-untyped-def]
    if row.gspr not in gspr_numbers:
        col.at(row, ["gspr"], Msg(f"ukjent GSPR-nummer '{row.gspr}'", f"unknown GSPR number '{row.gspr}'"),
               Msg("et krav eller punkt i MDR vedlegg I slik katalogen nummererer dem, f.eks. 10.4.1, 10.1(c) eller 23.2(p)",
                   "a requirement or point of MDR Annex I as the catalogue numbers it, e.g. 10.4.1, 10.1(c) or 23.2(p)"))
        return
    if row.applicable is False:
        if not row.justification:
            col.at(row, ["applicable"], Msg(f"GSPR {row.gspr} er merket som ikke relevant uten begrunnelse",
                                            f"GSPR {row.gspr} marked not applicable without a justification"),
                   Msg("'justification: <hvorfor det ikke gjelder>'", "'justification: <why it does not apply>'"))
        if row.conformity:
            col.at(row, ["conformity"], Msg(f"GSPR {row.gspr} er ikke relevant og har derfor ingen samsvarsvurdering",
                                            f"GSPR {row.gspr} is not applicable, so it has no conformity"),
                   Msg("fjern 'conformity' eller sett 'applicable: true'", "remove 'conformity' or set 'applicable: true'"))
    if row.applicable:
        if row.method is None:
            col.at(row, ["applicable"], Msg(f"GSPR {row.gspr} er relevant, men angir ingen metode",
                                            f"GSPR {row.gspr} is applicable but names no method"),
                   Msg("'method: {standard: <ID>}', common_specification eller own",
                       "'method: {standard: <ID>}' or common_specification or own"))
        else:
            _known(col, row.method, ["standard"], row.method.standard, standards, "standard")
            for i, std in enumerate(row.method.standards):
                _known(col, row.method, ["standards", i], std, standards, "standard")
        if not row.evidence:
            col.at(row, ["applicable"], Msg(f"GSPR {row.gspr} er relevant, men viser ikke til dokumentasjon",
                                            f"GSPR {row.gspr} is applicable but cites no evidence"),
                   Msg("'evidence: [{document: <ID>, section: ...}]'", "'evidence: [{document: <ID>, section: ...}]'"))
        if row.conformity == "not-fully-met" and not row.grounds:
            col.at(row, ["conformity"], Msg(f"GSPR {row.gspr} er ikke fullt oppfylt, men gir ingen begrunnelse",
                                            f"GSPR {row.gspr} is not fully met but gives no grounds"),
                   Msg("'grounds: <hvorfor, og hva som gjøres i stedet>' (vedlegg XIII §1)",
                       "'grounds: <why, and what is done instead>' (Annex XIII §1)"))
    for i, ev in enumerate(row.evidence):
        doc = hb.controlled.get(ev.document)
        if doc is None:
            _known(col, row, ["evidence", i, "document"], ev.document, hb.controlled.keys(), "document")
        elif doc.status != "effective":
            col.at(row, ["evidence", i, "document"],
                   Msg(f"dokumentasjonen '{ev.document}' har status {doc.status}, ikke effective",
                       f"evidence '{ev.document}' is {doc.status}, not effective"),
                   Msg("et gjeldende dokument (effective) fra dokumentregisteret", "an effective document from the register"))


# ---------------------------------------------------------------------------------------------- step records
# What a procedure step fills in on a form (``fills``) must be on that form, so the procedure page, the form and
# the rule REC-001 talk about the same fields.


def check_step_fields(hb: Handbook, col: _Collector) -> None:
    """Each form a step fills in has a template in forms/, and each field it names is on that form."""
    templates = {f.id: f for f in hb.forms}
    register = {d.id for d in hb.documents if d.kind == "form"}
    for proc in hb.procedures:
        for step in proc.steps:
            for record in step.fills:
                form = templates.get(record.form)
                if form is None:
                    if record.form in register:
                        have = ", ".join(sorted(templates))
                        col.at(record, ["form"], Msg(f"skjemaet '{record.form}' har ingen mal i forms/, og derfor ingen felt",
                                                     f"form '{record.form}' has no template in forms/, so it has no fields"),
                               Msg(f"et skjema med en fil i forms/ ({have or 'ingen ennå'}), eller registreringen "
                                   "med ord under 'records'",
                                   f"a form with a file in forms/ ({have or 'none yet'}), or the record in words under 'records'"))
                    else:
                        _known(col, record, ["form"], record.form, templates.keys(), "form with a template in forms/")
                    continue
                fields = form.field_ids()
                for i, field in enumerate(record.fields):
                    if field not in fields:
                        col.at(record, ["fields", i], Msg(f"skjemaet '{form.id}' har ikke feltet '{field}'",
                                                          f"form '{form.id}' has no field '{field}'"),
                               Msg(f"en av: {', '.join(fields)}, eller legg feltet til i {form.file}",
                                   f"one of: {', '.join(fields)}, or add the field to {form.file}"))
