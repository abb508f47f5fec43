"""GET @dossier-statistics: the report's figures as JSON."""
