"""Admin registration of the intake: the Intake menu (clients' intakes, questions, documents)."""

from wagtail import hooks

from .admin_viewsets import IntakeGroup


@hooks.register("register_admin_viewset")
def register_intake_viewsets():
    return IntakeGroup()
