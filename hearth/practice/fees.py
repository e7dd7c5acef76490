"""How a fee reads to a client, and how it is paid: one wording for services and workshops,
on pages and in emails. Hearth takes no payments online; the practice is paid directly."""


def amount_text(price_cents: int, currency: str = "USD") -> str:
    """ "$150", "$62.50", "150 EUR"; "Free" for 0."""
    if price_cents == 0:
        return "Free"
    dollars, cents = divmod(price_cents, 100)
    amount = f"{dollars}" if cents == 0 else f"{dollars}.{cents:02d}"
    return f"${amount}" if currency == "USD" else f"{amount} {currency}"


def payment_text(price_cents: int, currency: str = "USD", *, per: str = "") -> str:
    """The fee and how it is paid, as one sentence: `per` names what the fee covers
    ("per session", "for all sessions")."""
    if price_cents == 0:
        return "Free. There is nothing to pay."
    amount = amount_text(price_cents, currency)
    covers = f" {per}" if per else ""
    return f"{amount}{covers}, paid to the practice directly. Nothing is charged online."
