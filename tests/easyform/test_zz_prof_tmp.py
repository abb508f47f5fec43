import cProfile, pstats
from luanthanh.policy.testing.forms import fill, open_form, submit


def test_prof(online, browser, functional_portal, fresh_limits):
    open_form(browser, functional_portal)
    p = cProfile.Profile()
    p.enable()
    for _ in range(3):
        open_form(browser, functional_portal)
    p.disable()
    st = pstats.Stats(p)
    st.sort_stats("cumulative").print_stats(r"viewlet|portlet|layout|navigation|luanthanh|z3c/form|pattern|resource", 60)
