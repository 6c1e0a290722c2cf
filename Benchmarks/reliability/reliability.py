#!/usr/bin/env python3
"""Crash and multi-instance reliability driver for Cartograph (standard library only).

Used by durability.sh (one server, kill -9 every cycle) and two-instances.sh (two servers on one
PostgreSQL database, one of them killed per cycle). Every write is a patient enrolment with its own
hospital number and its own Idempotency-Key; a write counts as acknowledged once a 2xx answer arrived.
Unacknowledged writes are retried with the same key and body after the crash. At the end the
patient list (coordinator role, which sees identity) is read and compared with what was acknowledged.

Summary line (last line of output):
  acknowledged=N lost=L duplicated=D 5xx=K audit=intact|broken ...
Exit status 1 when lost > 0, duplicated > 0, an acknowledged id is missing, or the audit chain is broken;
2 on a harness error (server would not start, port busy, ...).
"""
import argparse
import collections
import http.client
import http.cookiejar
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

PASSWORD = "cartograph-demo"
COORDINATOR = "coordinator@demo.cartograph.test"


class HarnessError(Exception):
    pass


# --------------------------------------------------------------------------------------------- HTTP

class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except Exception:
            return None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


def request(port, method, path, body=None, headers=None, timeout=20.0):
    """One request on a fresh connection. Raises OSError/HTTPException on transport failure."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = dict(headers or {})
        if body is not None and "Content-Type" not in hdrs:
            hdrs["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=hdrs)
        r = conn.getresponse()
        data = r.read()
        return Answer(r.status, r.getheaders(), data)
    finally:
        conn.close()


# ------------------------------------------------------------------------------------------ servers

class Server:
    def __init__(self, name, binary, port, database, workdir, demo, pidfile):
        self.name = name
        self.binary = binary
        self.port = port
        self.database = database
        self.log = os.path.join(workdir, "server-%s.log" % name)
        self.demo = demo
        self.proc = None
        self.pidfile = pidfile
        self.starts = 0

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout=180.0):
        if port_answers(self.port):
            raise HarnessError("port %d already answers; pick another with --port" % self.port)
        args = [self.binary, "serve", "--port", str(self.port), "--database", self.database]
        if self.demo:
            args += ["--demo", "--virtual-patients", "0"]
        with open(self.log, "ab") as log:
            log.write(("\n==== start %d: %s\n" % (self.starts + 1, " ".join(args))).encode())
            log.flush()
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.starts += 1
        with open(self.pidfile, "a") as f:
            f.write("%d\n" % self.proc.pid)
        started = time.time()
        deadline = started + timeout
        while time.time() < deadline:
            if not self.alive():
                raise HarnessError("server %s exited with %s during start; see %s" % (self.name, self.proc.returncode, self.log))
            try:
                a = request(self.port, "GET", "/health", timeout=2.0)
                if a.status == 200:
                    return time.time() - started
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise HarnessError("server %s did not answer /health within %.0fs; see %s" % (self.name, timeout, self.log))

    def kill9(self):
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        """Graceful stop (SIGTERM, then SIGKILL after 15 s)."""
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()


def port_answers(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=0.5)
        c.request("GET", "/health")
        c.getresponse().read()
        c.close()
        return True
    except (OSError, http.client.HTTPException):
        return False


# ------------------------------------------------------------------------------------------- writes

class Write:
    __slots__ = ("hn", "key", "body", "cycle", "writer", "instance", "state", "patient_id",
                 "first_status", "retry_outcome", "attempts")

    def __init__(self, hn, key, body, cycle, writer, instance):
        self.hn, self.key, self.body, self.cycle, self.writer, self.instance = hn, key, body, cycle, writer, instance
        self.state = "new"          # new -> acked | unacked
        self.patient_id = None
        self.first_status = None    # status of the first attempt, or "conn" / "timeout"
        self.retry_outcome = None   # replayed | fresh | committed | refused-422 | stuck-409 | ...
        self.attempts = 0


class Run:
    def __init__(self, opts):
        self.opts = opts
        self.lock = threading.Lock()
        self.writes = []
        self.server_errors = []          # (method, path, status, body excerpt)
        self.status_counts = collections.Counter()
        self.token = None
        self.run_id = "%x%04x" % (int(time.time()), random.randrange(1 << 16))

    # every answer goes through here so that 5xx are never missed
    def note(self, method, path, answer):
        with self.lock:
            self.status_counts[answer.status] += 1
            if answer.status >= 500:
                self.server_errors.append((method, path, answer.status, answer.body[:300].decode("utf-8", "replace")))

    def auth(self):
        return {"Authorization": "Bearer " + self.token}

    def new_write(self, cycle, writer, n, instance):
        hn = "REL-%s-c%02d-w%d-%04d" % (self.run_id, cycle, writer, n)
        body = json.dumps({
            "givenName": "Writer%d" % writer,
            "familyName": "Rel%sC%02dN%04d" % (self.run_id, cycle, n),
            "dateOfBirth": "19%02d-%02d-%02d" % (40 + (n % 50), 1 + (n % 12), 1 + (n % 28)),
            "hospitalNumber": hn,
            "sex": random.choice(["female", "male", "other", "unknown"]),
        }).encode()
        w = Write(hn, "rel-" + hn, body, cycle, writer, instance)
        with self.lock:
            self.writes.append(w)
        return w

    def post_write(self, port, w, timeout=20.0):
        """Send (or resend) one write. Returns the Answer or None on a transport failure."""
        w.attempts += 1
        headers = dict(self.auth())
        headers["Idempotency-Key"] = w.key
        try:
            a = request(port, "POST", "/api/patients", body=w.body, headers=headers, timeout=timeout)
        except (OSError, http.client.HTTPException) as e:
            if w.first_status is None:
                w.first_status = "timeout" if "timed out" in str(e) else "conn"
            return None
        self.note("POST", "/api/patients", a)
        if w.first_status is None:
            w.first_status = a.status
        if 200 <= a.status < 300:
            w.state = "acked"
            j = a.json() or {}
            w.patient_id = (j.get("id") or "").upper() or None
        return a


def writer_loop(run, servers, writer, cycle, stop, counter):
    inst = writer % len(servers)
    server = servers[inst]
    n = 0
    while not stop.is_set():
        n += 1
        w = run.new_write(cycle, writer, n, inst)
        a = run.post_write(server.port, w)
        if a is None or not (200 <= a.status < 300):
            w.state = "unacked"
            if a is None:       # the server is gone: this writer is done for the cycle
                return
        counter[writer] += 1


def get_token(port, email):
    a = request(port, "POST", "/api/tokens",
                body=json.dumps({"email": email, "password": PASSWORD, "name": "reliability"}).encode())
    if a.status != 200:
        raise HarnessError("token for %s: %d %s" % (email, a.status, a.body[:200]))
    return a.json()["token"]


def cookie_session(port, email):
    """Signs in through the web form; returns the cookie jar holding cartograph-session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open("http://127.0.0.1:%d/signin" % port, timeout=20).read().decode()
    m = re.search(r'name="_csrf" value="([^"]*)"', page)
    if not m:
        raise HarnessError("no CSRF field on /signin")
    form = urllib.parse.urlencode({"_csrf": m.group(1), "next": "/", "email": email, "password": PASSWORD}).encode()
    opener.open("http://127.0.0.1:%d/signin" % port, data=form, timeout=20).read()
    cookies = {c.name: c.value for c in jar}
    if "cartograph-session" not in cookies:
        raise HarnessError("web sign-in gave no session cookie")
    return "cartograph-session=" + cookies["cartograph-session"]


def me(run, port, headers):
    a = request(port, "GET", "/api/me", headers=headers)
    run.note("GET", "/api/me", a)
    return a


def list_patients(run, port):
    """Every patient row of the coordinator's center (identity included), following X-Next-Cursor."""
    rows, cursor, total, pages = [], None, None, 0
    while True:
        q = {"limit": "200"}
        if cursor:
            q["cursor"] = cursor
        path = "/api/patients?" + urllib.parse.urlencode(q)
        a = request(port, "GET", path, headers=run.auth(), timeout=120)
        run.note("GET", "/api/patients", a)
        if a.status != 200:
            raise HarnessError("GET %s -> %d %s" % (path, a.status, a.body[:300]))
        page = a.json()
        rows += page
        pages += 1
        if total is None and a.header("X-Total-Count"):
            total = int(a.header("X-Total-Count"))
        cursor = a.header("X-Next-Cursor")
        if not cursor or not page or pages > 10000:
            return rows, total


def audit_verify(opts, database):
    started = time.time()
    p = subprocess.run([opts.bin, "audit", "verify", "--database", database],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
    return p.returncode, p.stdout.decode("utf-8", "replace").strip(), time.time() - started


# ---------------------------------------------------------------------------------------------- run

def retry_unacked(run, servers, writes, claim_deadline=None, log=print):
    """Resends each unacknowledged write with its own key and body to a live server until a definitive
    answer. A 409 ("still being handled": a claim left by the killed server) is retried until
    claim_deadline; the server releases such claims after five minutes."""
    live = [s for s in servers if s.alive()]
    pending = [w for w in writes if w.state != "acked" and w.retry_outcome in (None, "pending-409", "pending")]
    i = 0
    while pending:
        later = []
        for w in pending:
            server = live[i % len(live)]
            i += 1
            a = run.post_write(server.port, w)
            if a is None:
                w.retry_outcome = "pending"
                later.append(w)
            elif 200 <= a.status < 300:
                w.retry_outcome = "replayed" if (a.header("Idempotent-Replayed") or "").lower() == "true" else "fresh"
            elif a.status == 409 and (a.header("Idempotent-Outcome") or "").lower() == "committed":
                # Committed by the killed server before it could store the answer: done, once.
                w.retry_outcome = "committed"
            elif a.status == 409:
                w.retry_outcome = "pending-409"
                later.append(w)
            elif a.status >= 500:
                w.retry_outcome = "pending"
                later.append(w)
            else:
                j = a.json() or {}
                fields = ",".join(f.get("field", "?") for f in j.get("fields", []) if isinstance(f, dict))
                w.retry_outcome = "refused-%d:%s" % (a.status, fields)
        if not later or claim_deadline is None:
            return          # 409s and transport failures stay pending for the final pass
        if time.time() > claim_deadline:
            for w in later:
                w.retry_outcome = "stuck-409" if w.retry_outcome == "pending-409" else "unresolved"
            return
        pending = later
        time.sleep(2.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--database", required=True, help="SQLite file or postgres:// URL (must be new/empty)")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--instances", type=int, default=1)
    ap.add_argument("--port", type=int, default=18110, help="first port; instance i uses port+i")
    ap.add_argument("--cycles", type=int, default=20)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--kill", choices=["all", "one", "none"], default="all",
                    help="all: kill -9 every server each cycle; one: kill -9 one server per cycle "
                         "(in turn) and retry its writes on another; none: no crash")
    ap.add_argument("--min-run", type=float, default=0.3, help="earliest kill, seconds after the writers start")
    ap.add_argument("--max-run", type=float, default=2.5, help="latest kill")
    ap.add_argument("--claim-wait", type=float, default=330.0,
                    help="how long the final pass keeps retrying writes answered 409 (claims of killed servers "
                         "are released after 300 s); 0 to not wait")
    ap.add_argument("--audit-each-cycle", action="store_true", help="audit verify while the server is down (SQLite)")
    ap.add_argument("--seed", type=int, default=None)
    opts = ap.parse_args()

    seed = opts.seed if opts.seed is not None else random.randrange(1 << 30)
    random.seed(seed)
    run = Run(opts)
    pidfile = os.path.join(opts.workdir, "servers.pids")
    servers = [Server("i%d" % i, opts.bin, opts.port + i, opts.database, opts.workdir, demo=(i == 0), pidfile=pidfile)
               for i in range(opts.instances)]

    def cleanup(*_):
        for s in servers:
            try:
                s.kill9()
            except Exception:
                pass
        if _:
            sys.exit(130)
    signal.signal(signal.SIGTERM, cleanup)
    signal.signal(signal.SIGINT, cleanup)

    t0 = time.time()
    findings = []
    audit_fail_cycles = []
    try:
        print("reliability run %s: %d instance(s), %d cycle(s), %d writers, kill=%s, seed=%d, database=%s"
              % (run.run_id, opts.instances, opts.cycles, opts.writers, opts.kill, seed,
                 re.sub(r"://[^@]*@", "://***@", opts.database)), flush=True)
        for s in servers:   # one after the other: the first loads the demo program into the empty database
            took = s.start()
            print("  started %s on port %d in %.1fs" % (s.name, s.port, took), flush=True)
        run.token = get_token(servers[0].port, COORDINATOR)

        # Sessions and tokens are stored in the database: each must work on every instance.
        cross = []
        if opts.instances > 1:
            for a_i, s_a in enumerate(servers):
                tok = get_token(s_a.port, COORDINATOR)
                cookie = cookie_session(s_a.port, COORDINATOR)
                for b_i, s_b in enumerate(servers):
                    if a_i == b_i:
                        continue
                    t = me(run, s_b.port, {"Authorization": "Bearer " + tok}).status
                    c = me(run, s_b.port, {"Cookie": cookie}).status
                    cross.append(("token %s->%s" % (s_a.name, s_b.name), t))
                    cross.append(("session %s->%s" % (s_a.name, s_b.name), c))
            for what, status in cross:
                print("  %s: GET /api/me -> %d" % (what, status), flush=True)

        counter = collections.Counter()
        for cycle in range(1, opts.cycles + 1):
            stop = threading.Event()
            threads = [threading.Thread(target=writer_loop, args=(run, servers, w, cycle, stop, counter), daemon=True)
                       for w in range(opts.writers)]
            before = len(run.writes)
            for t in threads:
                t.start()
            delay = random.uniform(opts.min_run, opts.max_run)
            time.sleep(delay)
            victims = []
            if opts.kill == "all":
                victims = servers
            elif opts.kill == "one":
                victims = [servers[(cycle - 1) % len(servers)]]
            for s in victims:
                s.kill9()
            if opts.kill == "one":
                time.sleep(0.5)   # the survivors keep taking writes for a moment
            stop.set()
            for t in threads:
                t.join(60)
            cyc = run.writes[before:]
            acked = sum(1 for w in cyc if w.state == "acked")
            audit_note = ""
            if opts.audit_each_cycle and victims and len(victims) == len(servers):
                rc, out, _ = audit_verify(opts, opts.database)
                audit_note = " audit=%s" % ("intact" if rc == 0 else "rc%d" % rc)
                if rc != 0:
                    audit_fail_cycles.append((cycle, out[-300:]))
            if opts.kill == "one":
                retry_unacked(run, servers, cyc)      # on the survivor, while the victim is still down
            restart = 0.0
            for s in victims:
                restart = max(restart, s.start())
            if opts.kill != "one":
                retry_unacked(run, servers, cyc)
            outcomes = collections.Counter(w.retry_outcome for w in cyc if w.retry_outcome)
            print("  cycle %2d: killed %s after %.2fs; writes=%d acked=%d unacked=%d restart=%.2fs retries=%s%s"
                  % (cycle, "+".join(s.name for s in victims) or "-", delay, len(cyc), acked, len(cyc) - acked,
                     restart, dict(outcomes) or "{}", audit_note), flush=True)

        # Writes still answered 409 hold a claim of a killed server: wait for its release, then resend.
        waiting = [w for w in run.writes if w.state != "acked"
                   and w.retry_outcome in (None, "pending-409", "pending")]
        if waiting:
            print("  %d write(s) still pending (409: claim of a killed server); retrying for up to %.0fs"
                  % (len(waiting), opts.claim_wait), flush=True)
            retry_unacked(run, servers, run.writes, claim_deadline=time.time() + opts.claim_wait)

        # Every acknowledged write, resent with its key, must be replayed and write nothing.
        acked_writes = [w for w in run.writes if w.state == "acked"]
        sample = random.sample(acked_writes, min(40, len(acked_writes)))
        replay_bad = []
        for i, w in enumerate(sample):
            headers = dict(run.auth())
            headers["Idempotency-Key"] = w.key
            a = request(servers[i % len(servers)].port, "POST", "/api/patients", body=w.body, headers=headers)
            run.note("POST", "/api/patients", a)
            if not (200 <= a.status < 300 and (a.header("Idempotent-Replayed") or "").lower() == "true"):
                replay_bad.append((w.hn, a.status, a.body[:200].decode("utf-8", "replace")))

        rows, total = list_patients(run, servers[-1].port)
        by_hn = collections.defaultdict(list)
        no_identity = 0
        for r in rows:
            ident = r.get("identity")
            if not ident:
                no_identity += 1
                continue
            by_hn[ident.get("hospitalNumber")].append((r.get("id") or "").upper())
        if no_identity:
            findings.append("%d listed patient(s) came without identity" % no_identity)
        if total is not None and total != len(rows):
            findings.append("X-Total-Count=%d but %d rows were listed" % (total, len(rows)))
        ids = collections.Counter((r.get("id") or "").upper() for r in rows)
        repeated_rows = sum(1 for c in ids.values() if c > 1)
        if repeated_rows:
            findings.append("%d patient id(s) listed more than once (pagination)" % repeated_rows)

        mine = {w.hn: w for w in run.writes}
        acknowledged = [w for w in run.writes if w.state == "acked"]
        first_ack = [w for w in run.writes if w.first_status is not None and isinstance(w.first_status, int)
                     and 200 <= w.first_status < 300]
        lost = [w for w in acknowledged if w.hn not in by_hn]
        wrong_id = [w for w in acknowledged if w.hn in by_hn and w.patient_id and w.patient_id not in by_hn[w.hn]]
        duplicated = [hn for hn, idl in by_hn.items() if len(idl) > 1]
        never_acked_present = [w for w in run.writes if w.state != "acked" and w.hn in by_hn]
        never_acked_absent = [w for w in run.writes if w.state != "acked" and w.hn not in by_hn]
        outcomes = collections.Counter(w.retry_outcome for w in run.writes if w.retry_outcome)
        five = len(run.server_errors)

        for s in servers:
            s.stop()
        rc, out, took = audit_verify(opts, opts.database)
        audit = "intact" if rc == 0 else "broken"
        if rc != 0:
            findings.append("audit verify exit %d: %s" % (rc, out[-400:]))
        for cycle, text in audit_fail_cycles:
            findings.append("audit verify failed after the kill of cycle %d: %s" % (cycle, text))
            audit = "broken"

        print("")
        print("writes sent: %d (first attempt acknowledged: %d); acknowledged in the end: %d"
              % (len(run.writes), len(first_ack), len(acknowledged)))
        print("first-attempt outcome of unacknowledged writes: %s"
              % dict(collections.Counter(str(w.first_status) for w in run.writes if w not in first_ack)))
        print("retry outcomes: %s" % (dict(outcomes) or "{}"))
        print("patients listed: %d (X-Total-Count %s); hospital numbers of this run: %d"
              % (len(rows), total, sum(1 for hn in by_hn if hn in mine)))
        print("never acknowledged but stored: %d; never acknowledged and absent: %d"
              % (len(never_acked_present), len(never_acked_absent)))
        print("replay check (%d acknowledged writes resent with their key): %d not replayed"
              % (len(sample), len(replay_bad)))
        for hn, st, body in replay_bad[:10]:
            print("  not replayed: %s -> %s %s" % (hn, st, body))
        print("HTTP statuses seen: %s" % dict(sorted(run.status_counts.items())))
        if run.server_errors:
            distinct = collections.Counter((m, p, s, b[:160]) for m, p, s, b in run.server_errors)
            print("server errors (5xx), distinct:")
            for (m, p, s, b), c in distinct.most_common():
                print("  %dx %s %s -> %d %s" % (c, m, p, s, b))
        for w in lost[:20]:
            print("LOST: %s (cycle %d, acked id %s, first status %s, retry %s)"
                  % (w.hn, w.cycle, w.patient_id, w.first_status, w.retry_outcome))
        for w in wrong_id[:20]:
            print("ID MISMATCH: %s acked as %s, listed as %s" % (w.hn, w.patient_id, by_hn[w.hn]))
        for hn in duplicated[:20]:
            print("DUPLICATED: %s ids %s" % (hn, by_hn[hn]))
        for f in findings:
            print("NOTE: " + f)
        cross_bad = [c for c in cross if c[1] != 200]
        extra = ""
        if opts.instances > 1:
            extra = " cross_instance_auth=%s" % ("ok" if not cross_bad else "FAILED(%s)" % ",".join(c[0] for c in cross_bad))
        print("elapsed %.0fs (audit verify %.1fs)" % (time.time() - t0, took))
        print("acknowledged=%d lost=%d duplicated=%d 5xx=%d audit=%s id_mismatch=%d replay_failures=%d "
              "stuck409=%d committed_answer_lost=%d refused_on_retry=%d%s"
              % (len(acknowledged), len(lost), len(duplicated), five, audit,
                 len(wrong_id), len(replay_bad), outcomes.get("stuck-409", 0), outcomes.get("committed", 0),
                 sum(c for k, c in outcomes.items() if k.startswith("refused")), extra), flush=True)
        failed = lost or duplicated or wrong_id or audit != "intact" or cross_bad
        return 1 if failed else 0
    except HarnessError as e:
        print("harness error: %s" % e, file=sys.stderr, flush=True)
        return 2
    finally:
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
