"""A local SMTP server for tests and benchmarks (aiosmtpd): keeps what it accepts, and can
refuse (as a server that is down or overloaded would) or stall mid-message.

Tests take it as the `smtp` fixture (hearth.core.testing.fixtures), with Django's mail
pointed at it."""

import email
import email.policy
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from .servers import free_port


class _Handler:
    def __init__(self, sink: "SmtpSink") -> None:
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if self.sink.refusing_recipients:
            # As real servers do, the refusal repeats the address.
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        sink = self.sink
        if sink.refusing:
            sink.refused += 1
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with sink.lock:
            sink.messages.append(message)
            count = len(sink.messages)
        if sink.stall_at and count == sink.stall_at:
            sink.stalled.set()  # kept, but the 250 never reaches the client in time
            sink.release.wait(30)
        return "250 OK"


class SmtpSink:
    """`with SmtpSink() as sink:` serves on 127.0.0.1:`sink.port`; `sink.messages` holds
    what it accepted as `EmailMessage`s."""

    def __init__(self, port: int = 0) -> None:
        self.messages: list[EmailMessage] = []
        self.refusing = False
        self.refusing_recipients = False  # answer RCPT with a 550 naming the address
        self.refused = 0
        self.stall_at = 0  # stall on the n-th accepted message (1-based); 0: never
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.port = port or free_port()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.controller.stop()

    def restart(self) -> None:
        """Serve again on the same port after `stop` (a server coming back)."""
        self.release.clear()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc) -> None:
        if self.controller.loop.is_running():
            self.stop()

    def message_ids(self) -> list[str]:
        with self.lock:
            return [str(message["Message-ID"]) for message in self.messages]
