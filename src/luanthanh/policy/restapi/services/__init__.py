"""plone.restapi services, one folder per endpoint, one module per verb."""
