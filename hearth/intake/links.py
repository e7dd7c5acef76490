"""Addresses of an intake: the client's secret link and the practitioner's admin page."""

from django.urls import reverse

from hearth.core.site_url import absolute

from .models import IntakePacket
from .tokens import packet_token


def intake_url(packet: IntakePacket) -> str:
    """The client's absolute link to fill in and read their intake (HEARTH_SITE_URL + route)."""
    return absolute(reverse("intake:fill", args=[packet_token(packet.pk)]))


def signed_url(packet: IntakePacket) -> str:
    """The client's printable page of what they signed."""
    return absolute(reverse("intake:signed", args=[packet_token(packet.pk)]))


def admin_url(packet: IntakePacket) -> str:
    """The admin page of the client's intake (a path on this site; opening it is audited)."""
    return reverse("intake_clients:packet", args=[packet.pk])
