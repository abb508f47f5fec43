"""Dexterity behaviors of the add-on.

None of its own yet: the applicant fields are the ``IApplicant`` schema.
"""
