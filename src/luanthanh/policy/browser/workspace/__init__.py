"""The officials' workspace (Classic UI), one module per screen."""
