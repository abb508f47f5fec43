"""Catalog indexers and the Vietnamese accent-folding lexicon."""
