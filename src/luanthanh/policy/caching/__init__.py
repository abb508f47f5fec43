"""Cheap pages (issue #15): plone.app.caching rules and templates cooked at start.

``lookup``      which ruleset a published page gets (private pages: no-store);
``operations``  the ``no-store, private`` operation of the private ruleset;
``purge``       the listings a changed page appears on, purged with it;
``warmup``      every page template cooked before the first request.
"""
