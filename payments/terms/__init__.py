"""Payments: terms."""
