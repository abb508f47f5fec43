"""Classic UI screens, one module (or package) per screen."""
