from django import template

from payments.money import shown

register = template.Library()


@register.filter
def money(pence: int | None, currency: str = "GBP") -> str:
    return shown(pence or 0, currency)
