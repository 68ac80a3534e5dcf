"""Signals other apps listen to, so projects never needs to import them."""

from django.dispatch import Signal

# Sent inside the transaction that creates a project; kwargs: project, creator.
project_created = Signal()
