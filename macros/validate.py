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
from .model.base import Located
from .model.checklists import BUILT_IN
from .model.handbook import Handbook

if TYPE_CHECKING:
    from .load import _Collector


def _unique(col: _Collector, entries: Iterable[Located], what: str, key: str = "id") -> None:
    seen: dict[str, Located] = {}
    for entry in entries:
        value = getattr(entry, key)
        if value in seen:
            first = seen[value].where(key)
            col.at(entry, [key], f"duplicate {what} ID '{value}' (first at {first[0]}:{first[1]})",
                   f"a unique ID for each {what}")
        else:
            seen[value] = entry


def _known(col: _Collector, entry: Located, loc: list[str | int], value: str | None, known: Collection[str],
           what: str) -> None:
    """``known`` is a set or dict view: membership is checked for every reference, so it must be O(1)."""
    if value is None or value == "" or value in known:
        return
    sample = ", ".join(sorted(known)[:40]) + (" ..." if len(known) > 40 else "")
    col.at(entry, loc, f"unknown {what} '{value}'", f"one of: {sample}" if known else f"a defined {what}")


def _source(entry: Located | None) -> str:
    if entry is None:
        return "a page the generator always writes"
    file, line, _ = entry.where("id") if "id" in type(entry).model_fields else entry.where()
    return f"{file}:{line}"


def check_pages(hb: Handbook, col: _Collector, hand_written: Collection[str]) -> None:
    """Every page has a path of its own, also on a disk that ignores case; every page a checklist names exists."""
    taken: dict[str, tuple[str, str]] = {p.lower(): (p, f"docs/{p}") for p in (*paths.STANDARD, *hand_written)}
    for path, entry in paths.page_sources(hb):
        other = taken.get(path.lower())
        if other is None:
            taken[path.lower()] = (path, _source(entry))
            continue
        name, where = other
        if entry is None:  # a page the generator always writes, taken by a hand-written one
            continue  # the build names that page (it cannot be helped from the data)
        same = "" if name == path else " on a disk that ignores case"
        col.at(entry, ["id"] if "id" in type(entry).model_fields else [],
               f"page '{path}' is the same file as '{name}' ({where}){same}", "an ID no other page uses")
    known = {p.lower() for p in taken}
    for checklist in hb.checklists:
        for item in checklist.items:
            if item.page and item.page.partition("#")[0].lower() not in known:
                col.at(item, ["page"], f"no page '{item.page.partition('#')[0]}' in the handbook",
                       "a page in docs/ or one the generator writes, e.g. prosedyrer/P-01.md")


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
            col.at(own, ["id"], f"standard '{own.id}' is already in the catalogue", "another ID, or remove the entry")
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
            col.at(role, ["id"], f"role '{role.id}' is held by nobody", "at least one person with this role in people.yml")

    for appt in hb.prrc.appointments:
        _known(col, appt, ["person"], appt.person, people, "person")
        _known(col, appt, ["deputy"], appt.deputy, people, "person")
        _known(col, appt, ["contract"], appt.contract, docs, "document")
        for i, exp in enumerate(appt.experience):
            for j, ev in enumerate(exp.evidence):
                _known(col, appt, ["experience", i, "evidence", j], ev, docs, "document")
            if exp.end and exp.end < exp.start:
                col.at(exp, ["end"], "experience ends before it starts", "end on or after start")
        if appt.competence_assessment:
            _known(col, appt.competence_assessment, ["document"], appt.competence_assessment.document, docs, "document")
            _known(col, appt.competence_assessment, ["assessed_by"], appt.competence_assessment.assessed_by, people,
                   "person")
        if appt.job_description:
            _known(col, appt.job_description, ["document"], appt.job_description.document, docs, "document")
        if appt.arrangement == "at-disposal" and not appt.contract:
            col.at(appt, ["arrangement"], "a PRRC at disposal needs the contract",
                   "'contract: <document ID>' (MDR Art. 15(2), MDCG 2019-7)")

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
            col.at(doc, ["status"], "an effective document needs its effective date", "'effective: YYYY-MM-DD'")
        if doc.status == "obsolete" and not doc.superseded_by:
            col.at(doc, ["status"], "an obsolete document must say what replaced it", "'superseded_by: <document ID>'")
    for doc in [*hb.documents, *hb.procedures]:
        chain, step = [doc.id], doc.superseded_by
        while step and step in hb.controlled and step not in chain:
            chain.append(step)
            step = hb.controlled[step].superseded_by
        if step in chain:
            loop = " → ".join([*chain[chain.index(step):], step])
            col.at(doc, ["superseded_by"], f"superseded_by goes round in a cycle: {loop}",
                   "the document that replaces this one, which is not replaced by it in turn")
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
            col.at(ex, ["clause"], f"clause {ex.clause} cannot be excluded", "a clause in 6, 7 or 8 (ISO 13485 1)")

    checklist_ids = {*BUILT_IN, *(c.id for c in hb.checklists)}
    for proc in hb.procedures:
        for step in proc.steps:
            _known(col, step, ["checklist"], step.checklist, checklist_ids, "checklist")
    _unique(col, hb.checklists, "checklist")
    for checklist in hb.checklists:
        if checklist.id in BUILT_IN:
            col.at(checklist, ["id"], f"checklist ID '{checklist.id}' is reserved for a built-in checklist",
                   "another ID")
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
        col.at(row, ["gspr"], f"unknown GSPR number '{row.gspr}'",
               "a requirement or point of MDR Annex I as the catalogue numbers it, e.g. 10.4.1, 10.1(c) or 23.2(p)")
        return
    if row.applicable is False:
        if not row.justification:
            col.at(row, ["applicable"], f"GSPR {row.gspr} marked not applicable without a justification",
                   "'justification: <why it does not apply>'")
        if row.conformity:
            col.at(row, ["conformity"], f"GSPR {row.gspr} is not applicable, so it has no conformity",
                   "remove 'conformity' or set 'applicable: true'")
    if row.applicable:
        if row.method is None:
            col.at(row, ["applicable"], f"GSPR {row.gspr} is applicable but names no method",
                   "'method: {standard: <ID>}' or common_specification or own")
        else:
            _known(col, row.method, ["standard"], row.method.standard, standards, "standard")
            for i, std in enumerate(row.method.standards):
                _known(col, row.method, ["standards", i], std, standards, "standard")
        if not row.evidence:
            col.at(row, ["applicable"], f"GSPR {row.gspr} is applicable but cites no evidence",
                   "'evidence: [{document: <ID>, section: ...}]'")
        if row.conformity == "not-fully-met" and not row.grounds:
            col.at(row, ["conformity"], f"GSPR {row.gspr} is not fully met but gives no grounds",
                   "'grounds: <why, and what is done instead>' (Annex XIII §1)")
    for i, ev in enumerate(row.evidence):
        doc = hb.controlled.get(ev.document)
        if doc is None:
            _known(col, row, ["evidence", i, "document"], ev.document, hb.controlled.keys(), "document")
        elif doc.status != "effective":
            col.at(row, ["evidence", i, "document"], f"evidence '{ev.document}' is {doc.status}, not effective",
                   "an effective document from the register")
