"""POST @dossier-import: historic dossiers from a CSV file."""
