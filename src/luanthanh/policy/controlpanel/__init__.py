"""Control panels of the registry settings.

The center, the fields, dossiers, deadlines and statistics.
"""
