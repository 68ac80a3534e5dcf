"""Money as whole pence: read from what people type, and written as people read it."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .models import CURRENCIES


def to_pence(text: str) -> int | None:
    """ "12.50", "£12.50" or "12" as 1250; None for anything that is not an amount."""
    cleaned = (text or "").strip().lstrip("£€$").replace(",", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value.as_tuple().exponent < -2:
        return None
    return int(value * 100)


def pence_for_hours(hours: Decimal, rate: int) -> int:
    return int((hours * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def as_amount(pence: int) -> str:
    """1250 as "12.50", as a form shows it and a spreadsheet reads it."""
    return f"{Decimal(pence) / 100:.2f}"


def shown(pence: int, currency: str = "GBP") -> str:
    """1250 as "£12.50"."""
    return f"{CURRENCIES.get(currency, '')}{Decimal(pence) / 100:,.2f}"
