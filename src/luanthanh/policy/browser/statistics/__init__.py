"""The report (@@thong-ke), its exports and the public board (@@bang-cong-khai)."""
