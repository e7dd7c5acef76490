"""The client's intake pages, reached by the secret link (no account): fill in, save and
come back, submit; and a printable page of what was signed. Rules live in actions.py."""

from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from hearth.core.zones import COMMON_ZONES
from hearth.practice.models import Practice

from .actions import save_intake
from .errors import DocumentChanged, IntakeIncomplete
from .forms import IntakeForm
from .models import IntakePacket
from .queries import answers_of, asked_now, intake_status, packet_from_token, signatures_of

CHANGED = (
    "A document changed while you were reading it, so your signature on it was not "
    "recorded. Please read the new version below and sign it."
)
INCOMPLETE = (
    "Nothing was sent yet: please answer the questions and sign the documents marked below. "
    "To keep what you typed and finish later, choose “Save and finish later”."
)


def zone_label(zone_name: str) -> str:
    """ "Pacific time (America/Los_Angeles)", or the zone's own name without a short one."""
    short = dict(COMMON_ZONES).get(zone_name)
    return f"{short} ({zone_name})" if short and short != zone_name else zone_name


def _zone_name(packet: IntakePacket, practice: Practice) -> str:
    """The client's zone when a booking told us, else the practice's."""
    return packet.client_timezone or practice.timezone


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/not_found.html", {"practice": Practice.load()}, status=404)


def _page(request, *, packet, token, form=None, error="", status=200) -> HttpResponse:
    asked = asked_now()
    signatures = signatures_of(packet)
    signed_ids = {signature.version_id for signature in signatures}
    if form is None:
        form = IntakeForm(
            questions=asked.questions,
            unsigned=[version for version in asked.versions if version.pk not in signed_ids],
            answers=answers_of(packet),
        )
    current_ids = {version.pk for version in asked.versions}
    practice = Practice.load()
    context = {
        "packet": packet,
        "token": token,
        "form": form,
        "error": error,
        "status": intake_status(packet, asked=asked),
        "signed_current": [s for s in signatures if s.version_id in current_ids],
        "zone": ZoneInfo(_zone_name(packet, practice)),
        "practice": practice,
        "editing": request.GET.get("edit") == "1" or request.method == "POST",
        "saved": request.GET.get("saved") == "1",
        "submitted": request.GET.get("submitted") == "1",
    }
    return render(request, "intake/fill.html", context, status=status)


@never_cache
def fill(request: HttpRequest, token: str) -> HttpResponse:
    packet = packet_from_token(token)
    if packet is None:
        return _not_found(request)
    if request.method != "POST":
        return _page(request, packet=packet, token=token)
    asked = asked_now()
    signed_ids = set(packet.acknowledgments.values_list("version_id", flat=True))
    form = IntakeForm(
        request.POST,
        questions=asked.questions,
        unsigned=[version for version in asked.versions if version.pk not in signed_ids],
        answers=answers_of(packet),
    )
    if not form.is_valid():
        error = "Please check the fields marked below. Everything you typed is still here."
        return _page(request, packet=packet, token=token, form=form, error=error, status=422)
    if form.stale_signatures():
        # Keep the answers; the signature was for text the client no longer sees.
        save_intake(packet=packet, answers=form.answers(), signatures={}, submit=False)
        return _page(request, packet=packet, token=token, error=CHANGED, status=409)
    submit = request.POST.get("action") == "submit"
    try:
        save_intake(
            packet=packet, answers=form.answers(), signatures=form.signatures(), submit=submit
        )
    except IntakeIncomplete as refusal:
        form.show_incomplete(question_ids=refusal.question_ids, version_ids=refusal.version_ids)
        error = INCOMPLETE
        return _page(request, packet=packet, token=token, form=form, error=error, status=422)
    except DocumentChanged:
        return _page(request, packet=packet, token=token, error=CHANGED, status=409)
    address = reverse("intake:fill", args=[token])
    return redirect(f"{address}?{'submitted' if submit else 'saved'}=1")


@never_cache
def signed(request: HttpRequest, token: str) -> HttpResponse:
    """What the client signed: each version's full text, the typed name and the time, in
    the practice's time zone; laid out to print."""
    packet: IntakePacket | None = packet_from_token(token)
    if packet is None:
        return _not_found(request)
    practice = Practice.load()
    zone_name = _zone_name(packet, practice)
    return render(
        request,
        "intake/signed.html",
        {
            "packet": packet,
            "token": token,
            "signatures": signatures_of(packet),
            "zone": ZoneInfo(zone_name),
            "zone_label": zone_label(zone_name),
            "zone_short": dict(COMMON_ZONES).get(zone_name, zone_name),
            "practice": practice,
        },
    )
