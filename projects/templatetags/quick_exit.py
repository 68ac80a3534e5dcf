from urllib.parse import urlsplit

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def quick_exit_url() -> str:
    """Where "Leave this page quickly" goes (QUICK_EXIT_URL)."""
    return settings.QUICK_EXIT_URL


@register.simple_tag
def quick_exit_site() -> str:
    """The neutral site's name as a person would read it, e.g. www.bbc.co.uk."""
    return urlsplit(settings.QUICK_EXIT_URL).hostname or settings.QUICK_EXIT_URL
