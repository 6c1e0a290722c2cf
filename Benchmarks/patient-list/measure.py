#!/usr/bin/env python3
"""Latency of the patient list at one center: GET /api/patients (bearer token) and the /patients page
(signed-in session), each query of the set below requested in turn, sequentially, after a warm-up.
Prints p50, p95 and max per endpoint.

    python3 measure.py BASE_URL EMAIL PASSWORD REQUESTS
"""
import http.cookiejar
import json
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, email, password, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
QUERIES = ["", "?stage=manufacturing", "?search=C01-01", "?overdue=true&sort=studyDay&order=desc", "?openAlerts=true",
           "?sort=enrolled&order=desc", "?stage=longTermFollowUp&sort=studyDay"]

token = json.load(urllib.request.urlopen(urllib.request.Request(
    base + "/api/tokens", data=json.dumps({"email": email, "password": password}).encode(),
    headers={"Content-Type": "application/json"})))["token"]

jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
form = browser.open(base + "/signin").read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', form).group(1)
browser.open(base + "/signin", data=urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": password, "next": "/"}).encode()).read()


def timed(fetch, url: str) -> float:
    t = time.perf_counter()
    body = fetch(url)
    assert body, url
    return (time.perf_counter() - t) * 1000


def api(url: str) -> bytes:
    return urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + token})).read()


def page(url: str) -> bytes:
    return browser.open(url).read()


t0 = time.perf_counter()
total = int(urllib.request.urlopen(urllib.request.Request(base + "/api/patients?limit=1", headers={"Authorization": "Bearer " + token}))
            .headers["X-Total-Count"])
# The first read of the day derives and stores every patient's status; later reads recompute only
# what changed.
print(f"first list read (derives and stores every status): {(time.perf_counter() - t0) * 1000:.0f} ms")
print(f"{total} patients in the center; {count} requests per endpoint, sequential, {len(QUERIES)} queries in turn")
for name, fetch, path in [("GET /api/patients (50 a page)", api, "/api/patients"), ("GET /patients page (50 a page)", page, "/patients")]:
    for q in QUERIES[:3]:
        timed(fetch, base + path + q)                      # warm-up
    ms = [timed(fetch, base + path + QUERIES[i % len(QUERIES)]) for i in range(count)]
    ms.sort()
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    print(f"{name:34} p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms")
