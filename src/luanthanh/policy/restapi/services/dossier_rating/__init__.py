"""POST @dossier-rating: the citizen's one satisfaction rating of a dossier."""
