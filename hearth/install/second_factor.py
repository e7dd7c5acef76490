"""The admin's second factor: authenticator (TOTP) devices and recovery codes, via django-otp."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.privacy.actions import record_audit

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"


@dataclass(frozen=True)
class NewSecondFactor:
    device: TOTPDevice
    otpauth_uri: str  # holds the secret: show it to the account's owner only
    recovery_codes: list[str]  # each works once; shown now and never again


def add_authenticator(
    *, user: AbstractBaseUser, name: str = "Authenticator app", actor: str
) -> NewSecondFactor:
    """Give the account a confirmed TOTP device and a fresh set of recovery codes.

    The account's earlier recovery codes stop working; its other authenticators keep
    working (remove them in the admin under the account's 2FA devices).
    """
    with transaction.atomic():
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        codes = replace_recovery_codes(user=user)
        record_audit(actor=actor, action="account.second_factor_added", target=user)
    return NewSecondFactor(device=device, otpauth_uri=device.config_url, recovery_codes=codes)


def replace_recovery_codes(*, user: AbstractBaseUser) -> list[str]:
    """Throw away the account's recovery codes and make new ones; returns them in clear."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
