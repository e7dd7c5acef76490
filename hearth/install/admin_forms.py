"""The admin's one-time-code form: the person says which device the code comes from."""

from django import forms
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail_2fa.forms import TokenForm


class SecondFactorForm(TokenForm):
    """wagtail-2fa's code form with django-otp's device choice (an authenticator or a
    recovery code), which django-otp requires so that a wrong guess throttles one device only.
    """

    otp_device = forms.ChoiceField(label="Where the code comes from")

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["otp_token"].label = "Code"
        devices = sorted(
            devices_for_user(user, confirmed=True),
            key=lambda device: (isinstance(device, StaticDevice), device.pk),
        )
        self.fields["otp_device"].choices = [
            (device.persistent_id, device.name) for device in devices
        ]
        if devices:
            self.fields["otp_device"].initial = devices[0].persistent_id

    @property
    def extra_fields(self):
        """Rendered by wagtail-2fa's template after the code field."""
        return [("otp_device", self["otp_device"])]
