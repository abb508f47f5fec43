"""GET @dossier-search: the officials' search over dossiers, the dashboard's filters."""
