"""One JSON object per log line, without client data (the production settings use it).

Each line: {"time", "level", "logger", "message"}, plus "method", "route", "status" and
"request_id" (the proxy's X-Request-ID) when Django logs a request, and "exception" for a
traceback. What a client typed never belongs in a log; as a safety net the formatter also
replaces anything shaped like an email address with [address], and a request's token (the
`token` in its URL) or anything shaped like one (22+ letters, digits, - or _, mixing upper
and lower case and digits) with [token]. The route is the URL pattern (`book/manage/
<str:token>/`), never the address itself.
"""

import datetime as dt
import json
import logging
import re

EMAIL_ADDRESS = re.compile(
    r"[^\s<>()\[\]{}'\",;:/]+@[^\s<>()\[\]{}'\",;:/]+\.[^\s<>()\[\]{}'\",;:/]+"
)
TOKEN_LIKE = re.compile(r"(?=[\w-]*[0-9])(?=[\w-]*[a-z])(?=[\w-]*[A-Z])(?<![\w-])[\w-]{22,}")


def scrub(text: str, *, secrets: tuple[str, ...] = ()) -> str:
    """`text` without email addresses, the given secrets, or token-shaped strings."""
    for secret in filter(None, secrets):
        text = text.replace(secret, "[token]")
    # Message-IDs (<hex@host>) are no address of anyone's: keep them, they find a message.
    text = EMAIL_ADDRESS.sub(
        lambda m: m[0] if re.fullmatch(r"[0-9a-f]{32}@.+", m[0]) else "[address]", text
    )
    return TOKEN_LIKE.sub("[token]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        request = getattr(record, "request", None)
        match = getattr(request, "resolver_match", None)
        secrets = tuple(str(v) for k, v in (match.kwargs if match else {}).items() if k == "token")
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage(), secrets=secrets),
        }
        if request is not None:
            entry["method"] = getattr(request, "method", None)
            entry["route"] = match.route if match else None
            if getattr(request, "headers", {}).get("X-Request-ID"):
                entry["request_id"] = scrub(request.headers["X-Request-ID"][:100])
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info), secrets=secrets)
        return json.dumps(entry, ensure_ascii=False)


def json_logging(level: str) -> dict:
    """The LOGGING setting of the production settings: everything to stderr as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "hearth.core.json_logs.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": level},
    }
