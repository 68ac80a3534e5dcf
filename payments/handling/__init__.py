"""Payments: handling."""
