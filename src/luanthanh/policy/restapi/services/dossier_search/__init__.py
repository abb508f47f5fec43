"""GET and POST @dossier-search: the officials' search over dossiers."""
