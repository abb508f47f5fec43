"""POST @workflow/<transition> on dossiers, through api.dossier.transition."""
