"""Security: login throttle, access log of dossiers, safe response headers."""
