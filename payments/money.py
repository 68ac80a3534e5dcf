"""Money as whole pence: read from what people type, and written as people read it."""

import re
from decimal import ROUND_HALF_UP, Decimal

from .models import CURRENCIES


def to_pence(text: str) -> int | None:
    """ "12.50", "£12.50" or "12" as 1250; None for anything that is not an amount."""
    cleaned = (text or "").strip().replace(",", "")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-").lstrip("£€$").strip()
    # Whole units with at most two decimal places: no exponents, no fractions of a penny.
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", cleaned):
        return None
    pence = int(Decimal(cleaned) * 100)
    return -pence if negative else pence


def pence_for_hours(hours: Decimal, rate: int) -> int:
    return int((hours * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def as_amount(pence: int) -> str:
    """1250 as "12.50", as a form shows it and a spreadsheet reads it."""
    return f"{Decimal(pence) / 100:.2f}"


def shown(pence: int, currency: str = "GBP") -> str:
    """1250 as "£12.50"."""
    return f"{CURRENCIES.get(currency, '')}{Decimal(pence) / 100:,.2f}"
