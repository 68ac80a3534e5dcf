"""Payments: invoices."""
