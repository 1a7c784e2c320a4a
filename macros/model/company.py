"""The manufacturer: legal identity, sites, registration, size (Annex XIII §1, Art. 15(2))."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..catalogue.model import EnterpriseSize
from .base import Clause, Day, DocumentRef, Id, Located, Months

Euros = Annotated[int, Field(ge=0, le=10**13)]


class Address(Located):
    street: str
    postcode: str
    city: str
    country: str = "Norge"

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}, {self.country}"


class Site(Located):
    id: Id
    name: str
    address: Address
    activities: str = ""


class AuthorisedRepresentative(Located):
    name: str
    address: Address


class Registration(Located):
    """Utstyrsregisteret (the Norwegian device register)."""

    registered: bool
    reference: str = ""
    date: Day | None = None


class NotifiedBodyCertificate(Located):
    """Only class III implantable custom-made devices need one (Art. 52(8))."""

    body: str
    number: str
    route: Literal["annex-ix-chapter-i", "annex-xi-part-a"]
    valid_until: Day


class NotifiedBodyTransition(Located):
    """Reliance on a transitional provision instead of a certificate (MDR Art. 120(3f)): its conditions, met."""

    provision: Id = "art-120-3f"  # catalogue transition id
    application_lodged: Day  # application to the notified body
    agreement_signed: Day | None = None  # written agreement with the notified body


class Recurring(Located):
    """A recurring QMS activity: when it was last done and how often it must be done."""

    last: Day | None = None
    interval_months: Months = 12
    procedure: DocumentRef | None = None  # the procedure that describes it


class QmsCycle(Located):
    management_review: Recurring | None = None
    internal_audit: Recurring | None = None
    supplier_evaluation: Recurring | None = None


class Exclusion(Located):
    """An ISO 13485 requirement the QMS excludes (only clauses 6, 7 and 8), with its justification."""

    clause: Clause
    justification: str


class Company(Located):
    name: str
    organisation_number: str
    address: Address
    sites: list[Site]
    authorised_representative: AuthorisedRepresentative | None = None
    enterprise_size: EnterpriseSize
    employees: Annotated[int, Field(ge=0, le=1_000_000)] | None = None  # staff in annual work units
    turnover_eur: Euros | None = None  # annual turnover, last approved accounts, in euro
    balance_sheet_eur: Euros | None = None  # annual balance sheet total, in euro
    utstyrsregisteret: Registration
    eudamed_actor_id: str = ""
    authority_contact: Id  # person id
    website: str = ""
    about: str = ""
    notified_body_certificates: list[NotifiedBodyCertificate] = []
    notified_body_transition: NotifiedBodyTransition | None = None
    qms_cycle: QmsCycle | None = None
    iso13485_exclusions: list[Exclusion] = []
    internal_notes: str = ""
