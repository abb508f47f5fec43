"""1017 → 1018: conflict-free online intake (issue #15).

* The dossier catalog gets the queue of new online dossiers and the registry
  of submission tokens (:mod:`luanthanh.policy.dossiers.pending`): a new
  online dossier is indexed, and gets its IntId, in a short transaction
  after its submission commits.  Creating both now keeps the first
  submissions after the upgrade from all writing the tool itself.  The
  tokens of older dossiers stay in the catalog's ``submission_token`` index,
  where the online forms still look.
* The tracking book's id tree becomes a
  :class:`~luanthanh.policy.content.dossier.DossierIds`, and its ids per
  meta type :class:`~luanthanh.policy.content.dossier.DossierTypeIds`
  (larger buckets: fewer splits, so fewer conflicts between concurrent
  submissions).  The
  entries are copied once, without waking the dossiers (a few seconds per
  100,000 dossiers).

Run again, it changes nothing.
"""

from Acquisition import aq_base
from luanthanh.policy.content.dossier import DossierFolder
from luanthanh.policy.content.dossier import DossierIds
from luanthanh.policy.content.dossier import DossierTypeIds
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog_tool import dossier_folders
from plone import api


def convert_ids(folder) -> bool:
    """Give ``folder`` a DossierIds tree and DossierTypeIds per meta type,
    with the same entries; whether it changed anything."""
    base = aq_base(folder)
    if not isinstance(base, DossierFolder):
        return False
    changed = False
    if not isinstance(base._tree, DossierIds):
        tree = DossierIds()
        tree.update(base._tree)
        base._tree = tree
        changed = True
    for meta_type, ids in list(base._mt_index.items()):
        if not isinstance(ids, DossierTypeIds):
            larger = DossierTypeIds()
            larger.update(ids)
            base._mt_index[meta_type] = larger
            changed = True
    return changed


def upgrade(setup_tool) -> None:
    pending.install(catalog())
    for folder in dossier_folders(api.portal.get()):
        convert_ids(folder)
