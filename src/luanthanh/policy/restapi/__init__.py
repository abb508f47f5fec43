"""plone.restapi integration: services and their error helper."""
