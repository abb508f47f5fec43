"""plone.restapi serializers of the add-on (none of its own yet)."""
