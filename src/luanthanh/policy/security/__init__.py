"""Security: login throttles, access logs (dossiers, bulk reads), safe headers,
one 404 under the book."""
