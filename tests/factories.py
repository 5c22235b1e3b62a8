"""
factory_boy factories. Objects that carry rights (processes, institutions, memberships) are made through the
services, so tests get the same groups and guardian grants as the application does.
"""

import factory
from django.contrib.auth import get_user_model

from mainstreaming import services
from mainstreaming.choices import InstitutionKind, Instrument, Role
from mainstreaming.models import Institution, Membership, Process

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)


class ProcessFactory(factory.Factory):
    class Meta:
        model = Process

    country = factory.Sequence(lambda n: f"Country {n}")
    title = "Mainstreaming migration into the national development strategy"
    instrument = Instrument.NATIONAL_DEVELOPMENT_STRATEGY
    period_start = 2026
    period_end = 2030

    @classmethod
    def _create(cls, model_class, actor=None, **kwargs):
        return services.process_create(actor=actor, **kwargs)


class InstitutionFactory(factory.Factory):
    class Meta:
        model = Institution

    process = factory.SubFactory(ProcessFactory)
    name = factory.Sequence(lambda n: f"Ministry number {n}")
    acronym = ""
    kind = InstitutionKind.LINE_MINISTRY

    @classmethod
    def _create(cls, model_class, actor=None, sectors=(), **kwargs):
        return services.institution_create(actor=actor, check_actor=False, sectors=sectors, **kwargs)


class MembershipFactory(factory.Factory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    process = factory.SubFactory(ProcessFactory)
    role = Role.NFP
    institution = None

    @classmethod
    def _create(cls, model_class, actor=None, **kwargs):
        return services.membership_create(actor=actor, check_actor=False, **kwargs)
