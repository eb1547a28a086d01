#!/usr/bin/python3
"""Seed the real OpenStack test backend: HP-style flavors, a public image, N ACTIVE servers.

Idempotent: only what is missing is created. Servers are created by the demo user in small
batches (SQLite answers "database is locked" under bursts), each batch is waited for; servers
in ERROR (or stuck in BUILD) are deleted and created again, up to --rounds times.
Called by up.sh; can be run on its own:  python3 seed.py --admin-rc F --demo-rc F --servers 20
"""
import argparse
import os
import re
import sys
import time

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

# The six HP Cloud (Nova diablo-era) flavors the emulator also serves: id, name, vcpus, ram MB, disk GB
FLAVORS = [
    ("100", "standard.xsmall", 1, 1024, 30),
    ("101", "standard.small", 2, 2048, 60),
    ("102", "standard.medium", 2, 4096, 120),
    ("103", "standard.large", 4, 8192, 240),
    ("104", "standard.xlarge", 4, 16384, 480),
    ("105", "standard.2xlarge", 8, 32768, 960),
]
SEED_FLAVOR = "100"
IMAGE_NAME = "fake-image"
NAME_FMT = "srv-{:02d}"
NAME_RE = re.compile(r"^srv-(\d\d)$")


def log(msg):
    print(time.strftime("[%H:%M:%S]", time.gmtime()) + " seed: " + msg, flush=True)


def read_rc(path):
    env = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*export\s+(OS_[A-Z_]+)=(.*)$", line)
            if m:
                env[m.group(1)] = m.group(2).strip().strip("'\"")
    return env


def make_session(rc):
    auth = v3.Password(auth_url=rc["OS_AUTH_URL"], username=rc["OS_USERNAME"], password=rc["OS_PASSWORD"],
                       project_name=rc["OS_PROJECT_NAME"], user_domain_name=rc["OS_USER_DOMAIN_NAME"],
                       project_domain_name=rc["OS_PROJECT_DOMAIN_NAME"])
    return ks_session.Session(auth=auth)


class Api:
    def __init__(self, sess, service_type, microversion=None):
        self.s, self.st = sess, service_type
        self.headers = {"OpenStack-API-Version": "compute " + microversion} if microversion else {}

    def call(self, method, path, ok=(200,), **kw):
        headers = dict(self.headers, **kw.pop("headers", {}))
        for attempt in range(5):
            r = self.s.request(path, method, endpoint_filter={"service_type": self.st, "interface": "public",
                                                              "region_name": "RegionOne"},
                               headers=headers, raise_exc=False, **kw)
            if r.status_code in ok:
                return r
            # "database is locked" and friends come back as 500/503: retry a few times
            if r.status_code >= 500 and attempt < 4:
                log(f"{method} {path} -> {r.status_code}, retrying: {r.text[:200]}")
                time.sleep(2 + attempt * 2)
                continue
            raise RuntimeError(f"{method} {path} -> {r.status_code}: {r.text[:500]}")


def seed_flavors(nova_admin):
    have = {f["id"] for f in nova_admin.call("GET", "/flavors").json()["flavors"]}
    for fid, name, vcpus, ram, disk in FLAVORS:
        if fid not in have:
            nova_admin.call("POST", "/flavors", json={"flavor": {"id": fid, "name": name, "vcpus": vcpus, "ram": ram,
                                                                 "disk": disk}})
            log(f"flavor {fid} {name} created")


def seed_image(glance_admin):
    imgs = glance_admin.call("GET", f"/v2/images?name={IMAGE_NAME}").json()["images"]
    active = [i for i in imgs if i["status"] == "active"]
    if active:
        return active[0]["id"]
    for i in imgs:  # half-made leftovers
        glance_admin.call("DELETE", f"/v2/images/{i['id']}", ok=(204, 404))
    img = glance_admin.call("POST", "/v2/images", ok=(201,), json={
        "name": IMAGE_NAME, "disk_format": "raw", "container_format": "bare", "visibility": "public",
        "min_disk": 0, "min_ram": 0}).json()
    glance_admin.call("PUT", f"/v2/images/{img['id']}/file", ok=(204,), data=os.urandom(64 * 1024),
                      headers={"Content-Type": "application/octet-stream"})
    log(f"image {IMAGE_NAME} {img['id']} created")
    return img["id"]


def list_seed_servers(nova):
    servers = nova.call("GET", "/servers/detail?limit=1000").json()["servers"]
    return {s["name"]: s for s in servers if NAME_RE.match(s["name"])}


def wait_gone(nova, ids, timeout=120):
    end = time.time() + timeout
    while ids and time.time() < end:
        ids = [i for i in ids if nova.call("GET", f"/servers/{i}", ok=(200, 404)).status_code == 200]
        if ids:
            time.sleep(1)
    if ids:
        raise RuntimeError(f"servers not deleted after {timeout}s: {ids}")


def seed_servers(nova, image_id, count, batch, rounds, build_timeout):
    wanted = [NAME_FMT.format(i) for i in range(1, count + 1)]
    for rnd in range(1, rounds + 1):
        have = list_seed_servers(nova)
        bad = [s for n, s in have.items() if s["status"] == "ERROR" or (
            s["status"] == "BUILD" and rnd > 1)]
        if bad:
            for s in bad:
                fault = (s.get("fault") or {}).get("message", "")
                log(f"{s['name']} {s['id']} is {s['status']} ({fault[:120]}): deleting to recreate")
                nova.call("DELETE", f"/servers/{s['id']}", ok=(204, 404))
            wait_gone(nova, [s["id"] for s in bad])
            have = list_seed_servers(nova)
        missing = [n for n in wanted if n not in have]
        building = [n for n in wanted if n in have and have[n]["status"] != "ACTIVE"]
        log(f"round {rnd}: {len(wanted) - len(missing) - len(building)} ACTIVE, {len(building)} building, "
            f"{len(missing)} to create")
        if not missing and not building:
            return
        chunks = [missing[i:i + batch] for i in range(0, len(missing), batch)] or [[]]
        for chunk in chunks:
            t0 = time.time()
            for name in chunk:
                # microversion 2.1 and no "networks": Neutron has no networks, the server boots without ports
                nova.call("POST", "/servers", ok=(202,), json={"server": {
                    "name": name, "imageRef": image_id, "flavorRef": SEED_FLAVOR,
                    "metadata": {"seed": "computemodule", "index": name[-2:]}}})
            waiting = set(chunk) | set(building)
            building = []
            end = time.time() + build_timeout
            while waiting and time.time() < end:
                time.sleep(1.5)
                cur = list_seed_servers(nova)
                waiting = {n for n in waiting if n in cur and cur[n]["status"] == "BUILD"}
            log(f"batch {','.join(chunk) or '(wait)'}: settled in {time.time() - t0:.1f}s"
                + (f", still BUILD: {sorted(waiting)}" if waiting else ""))
    have = list_seed_servers(nova)
    not_ok = {n: have.get(n, {}).get("status", "missing") for n in wanted if have.get(n, {}).get("status") != "ACTIVE"}
    if not_ok:
        raise RuntimeError(f"servers not ACTIVE after {rounds} rounds: {not_ok}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--admin-rc", required=True)
    p.add_argument("--demo-rc", required=True)
    p.add_argument("--servers", type=int, default=20)
    p.add_argument("--batch", type=int, default=5)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--build-timeout", type=int, default=180)
    a = p.parse_args()
    admin = make_session(read_rc(a.admin_rc))
    demo = make_session(read_rc(a.demo_rc))
    seed_flavors(Api(admin, "compute", "2.1"))
    image_id = seed_image(Api(admin, "image"))
    nova = Api(demo, "compute", "2.1")
    t0 = time.time()
    seed_servers(nova, image_id, a.servers, a.batch, a.rounds, a.build_timeout)
    have = list_seed_servers(nova)
    log(f"{len(have)} seed servers ACTIVE ({time.time() - t0:.1f}s); flavors "
        f"{[f[1] for f in FLAVORS]}; image {IMAGE_NAME} {image_id}")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - one clear line for up.sh's log
        log(f"FAILED: {e}")
        sys.exit(1)
