"""Which effective procedures cover an ISO 13485 clause, an Art. 10(9) element or a PRRC duty; what is excluded.

One source for the QMS map, the PRRC page, the PRRC's onboarding checklist and the QMS rules, so a clause
the map shows as a gap is a finding on the Status page, and a procedure the PRRC page names is on the
onboarding checklist.
"""

from __future__ import annotations

from ..catalogue.model import IsoClause, PrrcDuty
from ..model.company import Exclusion
from ..model.handbook import Handbook
from ..model.procedures import Procedure


def related(a: str, b: str) -> bool:
    """One clause is the other, or contains it (7.5 and 7.5.1)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def procedures_for_clause(hb: Handbook, clause: str) -> list[Procedure]:
    """Effective procedures citing this ISO 13485 clause, a clause inside it or one containing it, by ID."""
    cited = {p.id for ref, procs in hb.procedures_citing["iso13485"].items() if related(clause, ref) for p in procs}
    return [p for p in hb.effective_procedures if p.id in cited] if cited else []


VIGILANCE = "k"  # the Art. 10(9) element for reporting serious incidents and field safety corrective actions


def reports_incidents(proc: Procedure) -> bool:
    """The procedure for reporting serious incidents (it cites Art. 10(9)(k)): where staff need the way to DMP."""
    return VIGILANCE in proc.references.qms_elements


def procedures_for_element(hb: Handbook, element: str) -> list[Procedure]:
    """Effective procedures citing this Art. 10(9) element, by ID."""
    return hb.procedures_citing["qms_elements"].get(element, [])


def exclusion(hb: Handbook, clause: str) -> Exclusion | None:
    """The company's justified exclusion of this clause, or of a clause containing it (7.5 excludes 7.5.3)."""
    return next((e for e in hb.company.iso13485_exclusions
                 if clause == e.clause or clause.startswith(e.clause + ".")), None)


def iso_anchor(clause: str) -> str:
    """The QMS map's row of a clause: "7.3.1" -> "iso-7-3-1"."""
    return "iso-" + clause.replace(".", "-")


def parent(clause: str) -> str:
    return clause.rpartition(".")[0]


def uncovered_clauses(hb: Handbook) -> list[IsoClause]:
    """ISO 13485 clauses with neither an effective procedure nor an exclusion, each gap once: a clause whose
    parent is a gap too is left out (no procedure cites the parent, so none cites any clause inside it)."""
    gaps = [c for c in hb.catalogue.iso13485 if exclusion(hb, c.clause) is None and not procedures_for_clause(hb, c.clause)]
    numbers = {c.clause for c in gaps}
    return [c for c in gaps if parent(c.clause) not in numbers]


def nearest_procedure(hb: Handbook, clause: str) -> Procedure | None:
    """The effective procedure that cites most clauses beside this one (same parent): where it most likely belongs."""
    siblings = parent(clause)
    if not siblings:
        return None
    counts = [(-sum(1 for ref in p.references.iso13485 if ref.startswith(siblings + ".")), p.id)
              for p in hb.effective_procedures]
    most, proc_id = min(counts, default=(0, ""))
    return hb.procs[proc_id] if most else None


def duty_procedures(hb: Handbook, duty: PrrcDuty) -> list[Procedure]:
    """The effective procedures that discharge a PRRC duty, by ID (none for a duty that does not apply)."""
    if not duty.applies_to_custom_made:
        return []
    procs = {p.id: p for c in duty.discharged_by.iso13485 for p in procedures_for_clause(hb, c)}
    procs.update({p.id: p for e in duty.discharged_by.qms_elements for p in procedures_for_element(hb, e)})
    return sorted(procs.values(), key=lambda p: p.id)
