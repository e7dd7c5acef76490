"""The client's intake pages: fill in, save and come back, submit, and what was signed."""

from django.http import Http404, HttpRequest, HttpResponse

from .queries import packet_from_token


def _packet_or_404(token: str):
    packet = packet_from_token(token)
    if packet is None:
        raise Http404("This intake link is not valid.")
    return packet


def fill(request: HttpRequest, token: str) -> HttpResponse:
    _packet_or_404(token)
    return HttpResponse("Intake")


def signed(request: HttpRequest, token: str) -> HttpResponse:
    _packet_or_404(token)
    return HttpResponse("Signed")
