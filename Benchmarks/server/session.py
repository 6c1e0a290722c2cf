#!/usr/bin/env python3
"""Signs in through the /signin form and prints the session cookie as a `Cookie:` header value, then
the first patient's ID from the list API on a second line.

    python3 session.py BASE_URL EMAIL PASSWORD
"""
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request

base, email, password = sys.argv[1:4]
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
form = browser.open(base + "/signin").read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', form).group(1)
browser.open(base + "/signin", data=urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": password, "next": "/"}).encode()).read()
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
token = json.load(urllib.request.urlopen(urllib.request.Request(
    base + "/api/tokens", data=json.dumps({"email": email, "password": password}).encode(),
    headers={"Content-Type": "application/json"})))["token"]
patients = json.load(urllib.request.urlopen(urllib.request.Request(
    base + "/api/patients?limit=50&stage=shortTermMonitoring", headers={"Authorization": "Bearer " + token})))
if not patients:
    patients = json.load(urllib.request.urlopen(urllib.request.Request(
        base + "/api/patients?limit=1", headers={"Authorization": "Bearer " + token})))
print(cookie)
print(patients[0]["id"])
