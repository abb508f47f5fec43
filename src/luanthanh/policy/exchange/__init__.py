"""Import and export of site data (procedures) as CSV, XLSX and JSON."""
