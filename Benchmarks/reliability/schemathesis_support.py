#!/usr/bin/env python3
"""Helpers for schemathesis.sh (standard library only).

  prepare  --port P --out DIR --roles a,b,c
      Signs in each role once (bearer tokens to DIR/token-<role>), collects identifiers that exist in
      the demo program (patients, bags, results, alerts, deviations, accounts, spare tokens, sites,
      lots, chain-of-identity IDs) and writes DIR/schemathesis.toml, which makes schemathesis draw
      path parameters (and some body fields) from them most of the time, so that operations get past
      404 to their real logic.
  summarize DIR/*.ndjson
      Counts requests and statuses from schemathesis's NDJSON reports and lists every distinct failure
      (check, method, path, status) with a curl command that reproduces it. Exit 1 when any failure.
"""
import collections
import json
import os
import shlex
import sys
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "cartograph-demo"
SHARED_PROBABILITY = 0.85


def call(port, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def token_for(port, role, name):
    st, j = call(port, "POST", "/api/tokens",
                 body={"email": "%s@demo.cartograph.test" % role, "password": PASSWORD, "name": name})
    if st != 200:
        sys.exit("could not get a token for %s: HTTP %d" % (role, st))
    return j["token"]


def toml_str(s):
    return json.dumps(str(s))  # a JSON string is a valid TOML basic string for these values


def prepare(port, out, roles):
    tokens = {}
    for role in roles:
        tokens[role] = token_for(port, role, "schemathesis")
        with open(os.path.join(out, "token-%s" % role), "w") as f:
            f.write(tokens[role])
    # Spare tokens: DELETE /api/tokens/{tokenID} may revoke these, never the ones the run uses.
    spare_ids = []
    for role in roles:
        spare = token_for(port, role, "spare")
        _, listed = call(port, "GET", "/api/tokens", token=spare)
        for t in listed or []:
            if t.get("name") == "spare":
                spare_ids.append(t["id"])
    reader = tokens.get("coordinator") or tokens[roles[0]]
    admin = token_for(port, "admin", "schemathesis-prepare") if "admin" not in tokens else tokens["admin"]
    qa = token_for(port, "qa", "schemathesis-prepare") if "qa" not in tokens else tokens["qa"]

    patients, cursor = [], None
    while True:
        q = {"limit": "200"}
        if cursor:
            q["cursor"] = cursor
        req = urllib.request.Request("http://127.0.0.1:%d/api/patients?%s" % (port, urllib.parse.urlencode(q)))
        req.add_header("Authorization", "Bearer " + reader)
        with urllib.request.urlopen(req, timeout=120) as r:
            page = json.loads(r.read())
            cursor = r.headers.get("X-Next-Cursor")
        patients += [p["id"] for p in page]
        if not cursor or not page:
            break
    bags, cois, dins, labs = [], set(), set(), []
    for pid in patients:
        st, custody = call(port, "GET", "/api/patients/%s/custody" % pid, token=reader)
        for b in (custody or {}).get("bags", []) if st == 200 else []:
            bags.append(b["id"])
            if b.get("chainOfIdentity"):
                cois.add(b["chainOfIdentity"])
            if b.get("din"):
                dins.add(b["din"])
        st, results = call(port, "GET", "/api/patients/%s/labs" % pid, token=reader)
        if st == 200:
            labs += [r["id"] for r in results[:3]]
    _, board = call(port, "GET", "/api/board", token=reader)
    alerts = [a["id"] for row in (board or {}).get("rows", []) for a in row.get("openAlerts", [])]
    _, deviations = call(port, "GET", "/api/deviations", token=qa)
    deviations = [d["id"] for d in deviations or []]
    _, users = call(port, "GET", "/api/admin/users", token=admin)
    # Accounts whose tokens the run uses stay out: deactivating one would end its part of the run.
    users = [u["id"] for u in users or [] if u.get("role") not in roles and u.get("role") != "admin"]
    _, slots = call(port, "GET", "/api/slots", token=reader)
    sites = sorted({s["siteCode"] for s in slots or []}) or ["M01"]
    _, queue = call(port, "GET", "/api/release-queue", token=qa)
    lots = sorted({q["lot"] for q in queue or [] if q.get("lot")})

    dictionaries = collections.OrderedDict([
        ("patients", patients), ("bags", bags), ("labs", labs), ("alerts", alerts), ("deviations", deviations),
        ("users", users), ("tokens", spare_ids), ("sites", sites), ("products", ["fucaso", "cd19-cd22-ball"]),
        ("passwords", [PASSWORD]), ("cois", sorted(cois)), ("dins", sorted(dins)), ("lots", lots),
    ])
    bindings = [
        ("path.patientID", "patients", SHARED_PROBABILITY), ("path.bagID", "bags", SHARED_PROBABILITY),
        ("path.labID", "labs", SHARED_PROBABILITY), ("path.alertID", "alerts", SHARED_PROBABILITY),
        ("path.deviationID", "deviations", SHARED_PROBABILITY), ("path.userID", "users", SHARED_PROBABILITY),
        ("path.tokenID", "tokens", 0.5), ("path.siteCode", "sites", SHARED_PROBABILITY),
        ("path.productID", "products", 0.7),
        ("body.password", "passwords", 0.5), ("body.bagChainOfIdentity", "cois", 0.5),
        ("body.wristbandChainOfIdentity", "cois", 0.5), ("body.bagDIN", "dins", 0.5), ("body.lot", "lots", 0.5),
    ]
    lines = ["# Written by schemathesis_support.py prepare: identifiers of the demo program under test.", ""]
    used = set()
    for name, values in dictionaries.items():
        if not values:
            continue
        used.add(name)
        lines.append("[dictionaries.%s]" % name)
        lines.append("values = [%s]" % ", ".join(toml_str(v) for v in values))
        lines.append("")
    lines.append("[parameters]")
    for key, name, p in bindings:
        if name in used:
            lines.append("%s = { dictionary = %s, probability = %s }" % (toml_str(key), toml_str(name), p))
    with open(os.path.join(out, "schemathesis.toml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("identifiers: " + ", ".join("%s=%d" % (k, len(v)) for k, v in dictionaries.items()))


def curl_for(req, body_text):
    parts = ["curl", "-i", "-X", req.get("method", "GET")]
    for k, vs in (req.get("headers") or {}).items():
        if k.lower() in ("user-agent", "accept-encoding", "accept", "connection", "content-length"):
            continue
        if k.lower().startswith("x-schemathesis"):
            continue
        for v in vs if isinstance(vs, list) else [vs]:
            if k.lower() == "authorization":
                v = "Bearer $TOKEN"
            parts += ["-H", "%s: %s" % (k, v)]
    if body_text is not None:
        parts += ["--data-binary", body_text]
    parts.append(req.get("uri", "?"))
    return " ".join(shlex.quote(p) if "$TOKEN" not in p else '"%s"' % p for p in parts)


def decode_body(req):
    b = req.get("body")
    if b is None:
        return None
    if isinstance(b, dict) and "$base64" in b:
        import base64
        raw = base64.b64decode(b["$base64"])
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
    if isinstance(b, dict) and "string" in b:
        return b["string"]
    return b if isinstance(b, str) else json.dumps(b)


def response_text(resp):
    c = (resp or {}).get("content")
    if isinstance(c, dict) and "$base64" in c:
        import base64
        return base64.b64decode(c["$base64"]).decode("utf-8", "replace")
    if isinstance(c, str):
        return c
    return ""


def summarize(files):
    requests = 0
    statuses = collections.Counter()
    per_role = collections.Counter()
    failures = collections.OrderedDict()   # (check, method, path, status) -> dict
    errors = []
    for path in files:
        role = os.path.basename(path).split(".")[0]
        with open(path) as f:
            for line in f:
                try:
                    ev = json.loads(line)
                except ValueError:
                    continue
                if "NonFatalError" in ev or "FatalError" in ev:
                    errors.append(json.dumps(ev)[:300])
                sf = ev.get("ScenarioFinished")
                if not sf:
                    continue
                rec = sf.get("recorder", {})
                for cid, inter in (rec.get("interactions") or {}).items():
                    requests += 1
                    per_role[role] += 1
                    resp = inter.get("response") or {}
                    statuses[resp.get("status_code", "none")] += 1
                for cid, checks in (rec.get("checks") or {}).items():
                    for ch in checks:
                        if ch.get("status") == "success" or ch.get("status") == "skip":
                            continue
                        inter = (rec.get("interactions") or {}).get(cid, {})
                        req = inter.get("request") or {}
                        resp = inter.get("response") or {}
                        case = ((rec.get("cases") or {}).get(cid) or {}).get("value", {})
                        key = (ch.get("name"), case.get("method") or req.get("method"), case.get("path") or rec.get("label"),
                               resp.get("status_code"))
                        entry = failures.setdefault(key, {"count": 0, "roles": set(), "curl": None, "body": None,
                                                                 "shortest": 1 << 30})
                        entry["count"] += 1
                        entry["roles"].add(role)
                        if len(decode_body(req) or "") < entry["shortest"]:
                            entry["curl"] = curl_for(req, decode_body(req))
                            entry["shortest"] = len(decode_body(req) or "")
                            entry["body"] = response_text(resp)[:200].replace("\n", " ")
    print("requests: %d (%s)" % (requests, ", ".join("%s %d" % kv for kv in sorted(per_role.items()))))
    print("statuses: %s" % ", ".join("%s=%d" % (k, v) for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))))
    fivexx = sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500)
    server = [k for k in failures if k[0] == "not_a_server_error"]
    undocumented = [k for k in failures if k[0] == "status_code_conformance"]
    other = [k for k in failures if k[0] not in ("not_a_server_error", "status_code_conformance")]
    print("failures: %d distinct (server errors %d, undocumented status codes %d, other %d); 5xx responses: %d"
          % (len(failures), len(server), len(undocumented), len(other), fivexx))
    # 401 to a request sent without credentials, where the operation does not document 401: one cause,
    # listed once.
    no_auth = [k for k in undocumented if k[3] == 401 and "$TOKEN" not in (failures[k]["curl"] or "")]
    undocumented = [k for k in undocumented if k not in no_auth]
    if no_auth:
        print("")
        print("UNDOCUMENTED 401 (request without credentials) on %d operation(s):" % len(no_auth))
        for k in sorted(no_auth, key=lambda k: (k[2] or "", k[1] or "")):
            print("- %s %s" % (k[1], k[2]))
        print("    repro:  %s" % failures[no_auth[0]]["curl"])
    for title, keys in (("SERVER ERRORS (5xx)", server), ("UNDOCUMENTED STATUS CODES", undocumented), ("OTHER", other)):
        if not keys:
            continue
        print("")
        print(title + ":")
        for k in sorted(keys, key=lambda k: (k[2] or "", k[1] or "", str(k[3]))):
            e = failures[k]
            print("- %s %s -> %s  [%s; %dx; roles %s]" % (k[1], k[2], k[3], k[0], e["count"], ",".join(sorted(e["roles"]))))
            if e["body"]:
                print("    answer: %s" % e["body"])
            print("    repro:  %s" % e["curl"])
    if errors:
        print("")
        print("schemathesis's own errors (not the server's): %d" % len(errors))
    for e in errors[:10]:
        print("  " + e)
    return 1 if failures or fivexx else 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "prepare":
        import argparse
        ap = argparse.ArgumentParser()
        ap.add_argument("--port", type=int, required=True)
        ap.add_argument("--out", required=True)
        ap.add_argument("--roles", required=True)
        o = ap.parse_args(sys.argv[2:])
        prepare(o.port, o.out, [r for r in o.roles.split(",") if r])
        return 0
    if sys.argv[1] == "summarize":
        return summarize(sys.argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
