"""GET @search, plone.restapi's, with its reads of dossiers logged."""
