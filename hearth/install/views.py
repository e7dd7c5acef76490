"""/healthz: the install's health as JSON for a front end or a monitor (install/health.py)."""

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from hearth.core.api import error_response

from .health import CHECK_NAMES, health_report, run_checks


def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok", ...} when every check passes, else 503 naming the failing ones;
    `?checks=database` (comma-separated names) runs only those, e.g. for a proxy that should
    not drop every app server when the (shared) worker stops. Never cached (not by the page
    cache, which skips this path, nor by anyone else)."""
    names = tuple(
        name.strip() for name in request.GET.get("checks", "").split(",") if name.strip()
    )
    if request.method not in ("GET", "HEAD"):
        response = error_response(405, "method_not_allowed", "This address accepts: GET, HEAD.")
        response["Allow"] = "GET, HEAD"
    elif set(names) - set(CHECK_NAMES):
        detail = f"Unknown check name; the checks are: {', '.join(CHECK_NAMES)}."
        response = error_response(422, "invalid", detail)
    else:
        report = health_report(run_checks(now=timezone.now(), names=names or CHECK_NAMES))
        response = JsonResponse(report, status=503 if report["failing"] else 200)
    add_never_cache_headers(response)
    return response
