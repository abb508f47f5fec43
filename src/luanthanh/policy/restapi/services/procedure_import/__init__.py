"""POST @procedure-import: create or update procedures from a file."""
