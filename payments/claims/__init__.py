"""Payments: claims."""
