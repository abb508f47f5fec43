"""Proof step: the lookup limit holds across the instances, per real client.

Issue #14, finding 4: the counts were kept per process (a client got N times
the limit with N instances) and every client behind haproxy was 127.0.0.1.
Now the instances trust ``X-Forwarded-For`` from the proxy on loopback only
(``TRUSTED_PROXY=127.0.0.1``, as ``scripts/cluster.py`` sets it), haproxy
replaces that header with the client's address, and the counts are shared in
PostgreSQL.  The step:

1. sets the lookup limit to 10 per 10 minutes (the defaults; the proofs' site
   lifts it for the load), as the administrator with a JWT;
2. sends 11 lookups (a JSON POST to ``++api++/@dossier-lookup``) from one
   client, ``X-Forwarded-For: 203.0.113.77`` as haproxy would set it,
   alternately to each instance: the first 10 are answered (200, 400 or
   404), the 11th is 429;
3. positive control: a lookup from another client is not 429;
4. restores the limit.

Run alone against a running cluster (instances started with
``TRUSTED_PROXY=127.0.0.1``)::

    python scripts/proofs/lookups.py http://127.0.0.1:18311/Plone \
        http://127.0.0.1:18312/Plone --password ...
"""

import argparse
import sys


sys.path.insert(0, __file__.rsplit("/", 1)[0])

import lib


LIMIT = 10
CLIENT = "203.0.113.77"
OTHER_CLIENT = "198.51.100.77"
RECORD = "luanthanh.policy.online.lookup_limit"
FACTORS = {"code": "000.00.99.H56-991231-9999", "phone": "0912345678"}


def admin_token(url: str, user: str, password: str) -> str:
    import requests

    answer = requests.post(
        f"{url}/++api++/@login",
        json={"login": user, "password": password},
        headers={"Accept": "application/json"},
        timeout=lib.TIMEOUT,
    )
    answer.raise_for_status()
    return answer.json()["token"]


def set_limit(url: str, token: str, value: int) -> int:
    import requests

    return requests.patch(
        f"{url}/++api++/@registry",
        json={RECORD: value},
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=lib.TIMEOUT,
    ).status_code


def lookup(url: str, client: str) -> int:
    import requests

    return requests.post(
        f"{url}/++api++/@dossier-lookup",
        json=FACTORS,
        headers={"Accept": "application/json", "X-Forwarded-For": client},
        timeout=lib.TIMEOUT,
    ).status_code


def check_shared_limit(
    urls: list[str], failures: list[str], admin: tuple[str, str] = lib.ADMIN
) -> dict:
    """The step; returns the statuses for the proof's results."""
    token = admin_token(urls[0], *admin)
    lib.check(
        set_limit(urls[0], token, LIMIT) == 204,
        f"lookup limit set to {LIMIT}",
        failures,
    )
    try:
        statuses = [lookup(urls[n % len(urls)], CLIENT) for n in range(LIMIT + 1)]
        other = lookup(urls[-1], OTHER_CLIENT)
    finally:
        set_limit(urls[0], token, 1_000_000)
    lib.check(
        429 not in statuses[:LIMIT] and statuses[LIMIT] == 429,
        f"{LIMIT + 1} lookups from one client over {len(urls)} instances:"
        f" the last is 429 ({statuses})",
        failures,
    )
    lib.check(
        other != 429,
        f"another client behind the same proxy is not throttled ({other})",
        failures,
    )
    return {"lookups": statuses, "other_client": other}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", help="each instance's site URL")
    parser.add_argument("--user", default=lib.ADMIN[0])
    parser.add_argument("--password", default=lib.ADMIN[1])
    args = parser.parse_args()
    failures: list[str] = []
    check_shared_limit(args.urls, failures, (args.user, args.password))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
