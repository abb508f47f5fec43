import random, time, cProfile, pstats, io
from plone import api
import transaction
from bench import bench_dossiers as b
from plone.testing.zope import Browser
from Products.CMFCore.indexing import processQueue

N = 20000

def test_scale(functional_portal):
    portal = functional_portal
    portal._p_jar.db().setCacheSize(50000)
    rng = random.Random(1)
    with api.env.adopt_roles(["Manager"]):
        from tests.dossiers.conftest import create_officials
        create_officials()
        api.portal.set_registry_record("luanthanh.policy.dossier.assignees", b.ASSIGNEES)
        procs = b._procedures(portal)
    transaction.commit()
    builder = b.Builder(portal, procs, rng)
    with api.env.adopt_user(username="motcua"):
        for i in range(N):
            builder.new(i)
            if i % 1000 == 999:
                transaction.commit()
    transaction.commit()
    br = Browser(portal.aq_parent)
    br.handleErrors = False
    br.addHeader("Authorization", "Basic motcua:Matkhau-1234!")
    for q in ("", "?scope=all", "?scope=all&state=nothing", "?scope=all&q=0900010000", "?scope=all&b_start:int=19950"):
        br.open(portal.absolute_url() + "/ho-so" + q)
        t = time.time()
        for _ in range(5):
            br.open(portal.absolute_url() + "/ho-so" + q)
        print(f"\n{q!r}: {(time.time()-t)/5*1000:.0f} ms")
    for q in ("", "?scope=all"):
        pr = cProfile.Profile()
        pr.enable()
        br.open(portal.absolute_url() + "/ho-so" + q)
        pr.disable()
        s = io.StringIO()
        pstats.Stats(pr, stream=s).sort_stats("cumulative").print_stats("dossiers.py|Catalog.py|catalog|batch")
        print(q, s.getvalue())
