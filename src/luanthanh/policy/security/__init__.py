"""Security: login throttle, access log, safe headers, one 404 under the book."""
