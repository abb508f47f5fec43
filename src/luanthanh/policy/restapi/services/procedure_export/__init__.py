"""GET @procedure-export: the procedures as CSV, XLSX or JSON."""
