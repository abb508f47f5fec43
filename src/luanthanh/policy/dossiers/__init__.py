"""The dossier domain: codes, transitions, history, assignment and the rest.

Internals of :mod:`luanthanh.policy.api.dossier`; nothing above the API layer
imports from here.
"""
