"""Security: login throttle, access logs (dossiers, bulk reads), safe headers."""
