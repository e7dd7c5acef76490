"""The admin's one-time-code page: wagtail-2fa's view with Hearth's form."""

from wagtail_2fa.views import LoginView

from .admin_forms import SecondFactorForm


class SecondFactorView(LoginView):
    form_class = SecondFactorForm
