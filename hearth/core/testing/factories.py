"""What every app's factory-boy factories share: the base class and numbered values."""

import factory


class ModelFactory(factory.django.DjangoModelFactory):
    """Base of the apps' factories (hearth/<app>/tests/factories.py).

    Post-generation hooks (many-to-many sets, child rows) save what they need themselves,
    so factory-boy's extra save after them is skipped.
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True


def numbered(template: str) -> factory.Sequence:
    """A value numbered per factory: `numbered("service-{n}")` gives service-0, service-1, …"""
    return factory.Sequence(lambda n: template.format(n=n))
