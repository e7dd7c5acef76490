"""/healthz: the install's health as JSON for a front end or a monitor (install/health.py)."""

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from .health import health_report, run_checks


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok", ...} when every check passes, else 503 naming the failing ones.
    Never cached (not by the page cache, which skips this path, nor by anyone else)."""
    report = health_report(run_checks(now=timezone.now()))
    response = JsonResponse(report, status=503 if report["failing"] else 200)
    add_never_cache_headers(response)
    return response
