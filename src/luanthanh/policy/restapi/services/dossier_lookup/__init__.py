"""POST @dossier-lookup: the public status of a dossier, by code and phone or CCCD."""
