"""The statistics per official lĩnh vực (``by_national_field``).

The national lĩnh vực is a field of the procedure, not of the dossier: the
counts per procedure code (already split by the engine) are added up per
``national_field`` of the procedure, read from the metadata column
``procedure_national_field`` of the public catalog.  A dossier counts once
per procedure, so the sums are exact; dossiers of a procedure without a
national lĩnh vực (or of a procedure no longer in the catalogue) fall in the
group ``""``, listed only when it counts something.
"""

from luanthanh.policy import catalog_internals


__all__ = ["COLUMN", "add_counts", "national_codes", "per_national_field"]

#: The metadata column of the public catalog (upgrade 1022).
COLUMN = "procedure_national_field"

#: The title of the group ``""`` (data, like the registry's titles).
NO_FIELD = "Chưa xác định lĩnh vực"


def national_codes(catalog) -> dict[str, str]:
    """code → national lĩnh vực token of the catalogue's procedures."""
    if COLUMN not in catalog.schema():
        return {}
    rids = catalog_internals.field_set(catalog, "portal_type", "Procedure")
    rows = catalog_internals.metadata_rows(catalog, rids, ("procedure_code", COLUMN))
    return {
        code: token if isinstance(token, str) else ""
        for code, token in rows
        if code and isinstance(code, str)
    }


def add_counts(into: dict, counts: dict) -> None:
    """Add the bucket counts ``counts`` of one group to ``into``, in place."""
    for kind, buckets in counts.items():
        for bucket, value in buckets.items():
            into[kind][bucket] += value


def per_national_field(per_code: dict, codes: dict[str, str], empty) -> dict:
    """Bucket counts per national token from the counts per procedure code."""
    groups: dict[str, dict] = {}
    for code, counts in per_code.items():
        token = codes.get(code, "")
        add_counts(groups.setdefault(token, empty()), counts)
    return groups


def group_order(pairs, groups: dict) -> list[tuple[str, str]]:
    """(token, title) of every configured lĩnh vực, then the other counted ones."""
    titles = dict(pairs)
    order = [token for token, _title in pairs]
    order += sorted(t for t in groups if t and t not in titles)
    if "" in groups:
        order.append("")
    return [(token, titles.get(token) or (token or NO_FIELD)) for token in order]
