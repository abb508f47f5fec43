"""1017 → 1018: conflict-free online intake (issue #15).

* The dossier catalog gets the queue of new online dossiers and the registry
  of submission tokens (:mod:`luanthanh.policy.dossiers.pending`): a new
  online dossier is indexed, and gets its IntId, in a short transaction
  after its submission commits.  Creating both now keeps the first
  submissions after the upgrade from all writing the tool itself.  The
  tokens of older dossiers stay in the catalog's ``submission_token`` index,
  where the online forms still look.
* The tracking book's id tree becomes a
  :class:`~luanthanh.policy.content.dossier.DossierIds` (larger buckets:
  fewer splits, so fewer conflicts between concurrent submissions).  The
  entries are copied once, without waking the dossiers (a few seconds per
  100,000 dossiers).

Run again, it changes nothing.
"""

from Acquisition import aq_base
from luanthanh.policy.content.dossier import DossierFolder
from luanthanh.policy.content.dossier import DossierIds
from luanthanh.policy.dossiers import pending
from luanthanh.policy.dossiers.catalog import catalog
from luanthanh.policy.dossiers.catalog_tool import dossier_folders
from plone import api


def convert_ids(folder) -> bool:
    """Give ``folder`` a DossierIds tree with the same entries; whether it did."""
    base = aq_base(folder)
    if not isinstance(base, DossierFolder) or isinstance(base._tree, DossierIds):
        return False
    tree = DossierIds()
    tree.update(base._tree)
    base._tree = tree
    return True


def upgrade(setup_tool) -> None:
    pending.install(catalog())
    for folder in dossier_folders(api.portal.get()):
        convert_ids(folder)
