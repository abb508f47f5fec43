"""Content types: procedures, dossiers, legal documents, and the stored code counter."""
