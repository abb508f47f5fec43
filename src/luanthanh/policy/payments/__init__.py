"""Fees and payments of dossiers (issue #18)."""
