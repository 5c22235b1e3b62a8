"""
The fixed cast every permission test uses (as Healthchecks' alice, bob and charlie):

* process A, with the Ministry of Health and the Ministry of Labour;
* nfp, facilitator and donor of process A;
* own: the Ministry of Health's focal point; other: the Ministry of Labour's focal point;
* outsider: the NFP of another process, who must not learn that process A exists.
"""

from dataclasses import dataclass

from mainstreaming.choices import InstitutionKind, Role
from tests.factories import InstitutionFactory, MembershipFactory, ProcessFactory, UserFactory

ROLES = ("anonymous", "nfp", "own", "other", "facilitator", "donor", "outsider")


@dataclass
class Cast:
    process: object
    other_process: object
    health: object
    labour: object
    nfp: object
    own: object
    other: object
    facilitator: object
    donor: object
    outsider: object
    anonymous: None = None

    def user(self, role):
        return getattr(self, role)


def make_cast() -> Cast:
    process = ProcessFactory(country="Meridia")
    other_process = ProcessFactory(country="Elsewhere")
    health = InstitutionFactory(process=process, name="Ministry of Health", acronym="MoH")
    labour = InstitutionFactory(process=process, name="Ministry of Labour", acronym="MoL")
    partner = InstitutionFactory(process=process, name="Partner Agency", kind=InstitutionKind.DONOR)
    people = {}
    for username, role, institution, in_process in [
        ("nfp", Role.NFP, None, process),
        ("own", Role.MINISTRY, health, process),
        ("other", Role.MINISTRY, labour, process),
        ("facilitator", Role.FACILITATOR, None, process),
        ("donor", Role.DONOR, partner, process),
        ("outsider", Role.NFP, None, other_process),
    ]:
        user = UserFactory(username=username)
        MembershipFactory(user=user, process=in_process, role=role, institution=institution)
        people[username] = user
    return Cast(process=process, other_process=other_process, health=health, labour=labour, **people)
