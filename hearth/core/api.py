"""The JSON API's shell: every answer under /api/v1/ is JSON with a stable error `code`."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.common import no_append_slash
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from .errors import Refused
from .proof_of_work import new_challenge

logger = logging.getLogger(__name__)
API_PREFIX = "/api/v1/"
# Seconds a client is asked to wait when the database cannot be reached (a restart, a
# failover): about how long PostgreSQL takes to come back.
UNAVAILABLE_RETRY_AFTER_SECONDS = 30


def error_response(status: int, code: str, detail: object) -> JsonResponse:
    return JsonResponse({"code": code, "detail": detail}, status=status)


def idempotency_key_of(request: HttpRequest) -> str | None:
    """The request's `Idempotency-Key` header as we store it (no NUL, at most 100
    characters), or None when it is absent or blank."""
    return request.headers.get("Idempotency-Key", "").replace("\x00", "").strip()[:100] or None


def _validation_detail(errors: list[dict]) -> list[dict]:
    return [
        {
            "field": ".".join(str(part) for part in error.get("loc", ())[1:]) or "body",
            "message": str(error.get("msg", "invalid")),
        }
        for error in errors
    ]


class JsonOnlyParser(Parser):
    """Endpoints that read a body read JSON only: a text/plain or form body is refused
    (a cross-site form can send those without asking the browser's permission)."""

    def parse_body(self, request: HttpRequest):
        if request.content_type != "application/json":
            # ninja turns any parser error into a 400; the mark makes it our 415.
            request.hearth_body_not_json = True
            raise ValueError("not application/json")
        return super().parse_body(request)


class ChallengeOut(Schema):
    algorithm: str
    challenge: str
    max_number: int = Field(alias="maxNumber")
    salt: str
    signature: str


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Hearth",
        version="1",
        description="Services, open slots and bookings of the practice.",
        urls_namespace="api-v1",
        docs_url="/docs",
        parser=JsonOnlyParser(),
    )

    @api.get(
        "challenge", url_name="proof_challenge", response=ChallengeOut, tags=["proof of work"]
    )
    def proof_challenge(request: HttpRequest) -> HttpResponse:
        """A proof-of-work challenge (ALTCHA, v1 scheme): find `number` in 0..maxNumber with
        SHA-256(salt + number) == challenge, then send base64 of the JSON {algorithm,
        challenge, number, salt, signature}. Forms need it; the API takes it, optionally, in
        the X-Hearth-Proof header of a booking or registration, and otherwise relies on its
        rate limits alone. Each answer counts once."""
        return JsonResponse(new_challenge(now=timezone.now()))

    @api.exception_handler(Refused)
    def on_refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        return error_response(exc.status, exc.code, exc.detail)

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(422, "invalid", _validation_detail(exc.errors))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if getattr(request, "hearth_body_not_json", False):
            return error_response(
                415, "unsupported_media_type", "Send the request body as application/json."
            )
        # ninja raises 400 for a body that is not JSON: that is malformed input to us.
        if exc.status_code in (400, 422):
            return error_response(422, "invalid", str(exc) or "The request could not be read.")
        if exc.status_code == 405:
            return error_response(405, "method_not_allowed", "This method is not allowed here.")
        return error_response(exc.status_code, "error", str(exc))

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def on_database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Nothing was written: every write is one transaction, rolled back with the error.
        # The log names the kind of failure only (a database's message may quote a query).
        logger.warning("The database could not be reached: %s", type(exc).__name__)
        response = error_response(
            503, "unavailable", "The service is briefly unavailable. Please try again shortly."
        )
        response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "not_found", "Nothing was found at this address.")

    return api


@no_append_slash
@csrf_exempt
def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Catch-all for unknown paths under the API, ahead of Wagtail's HTML pages."""
    return error_response(404, "not_found", "There is no such address in the API.")


class ApiJsonMiddleware:
    """Keeps the API's answers JSON whatever Django does around the views.

    Strips a trailing slash (so `services/` is `services`), and turns the plain
    405 that a route gives for a method it lacks into our JSON error.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if request.path_info.endswith("/") and request.path_info != API_PREFIX:
            request.path_info = request.path_info.rstrip("/")
        response = self._refusal_of_body(request) or self.get_response(request)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = error_response(
                405, "method_not_allowed", f"This address accepts: {allowed or 'nothing'}."
            )
            if allowed:
                response["Allow"] = allowed
        # Answers may name clients or carry manage tokens: no cache may keep them.
        response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _refusal_of_body(request: HttpRequest) -> JsonResponse | None:
        """413 for a body past DATA_UPLOAD_MAX_MEMORY_SIZE (Django's own answer is HTML)."""
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        too_large = error_response(
            413, "too_large", f"The request body is larger than {limit} bytes."
        )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            return too_large
        try:
            _ = request.body  # read now, so a body too big without a length is refused here
        except RequestDataTooBig:
            return too_large
        return None
