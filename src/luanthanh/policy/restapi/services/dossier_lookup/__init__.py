"""POST @dossier-lookup: a dossier's public status, by code and phone or ID number."""
