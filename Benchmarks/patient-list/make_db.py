#!/usr/bin/env python3
"""Fills a migrated Cartograph SQLite database with N patients of one center for the patient-list
benchmark: patient, identity, therapy and a journey drawn from a few valid courses (screening only,
not eligible, collection booked, in manufacturing, lymphodepletion, infused on a range of days, follow-up
ended), all in one transaction. The center and its coordinator must exist (`cartograph user add`).

    python3 make_db.py DATABASE CENTER_CODE N TODAY
"""
import datetime
import random
import sqlite3
import sys
import time
import uuid

path, center_code, n, today = sys.argv[1], sys.argv[2], int(sys.argv[3]), datetime.date.fromisoformat(sys.argv[4])
rng = random.Random(20261207)
db = sqlite3.connect(path)
center_id = db.execute("SELECT id FROM centers WHERE code = ?", (center_code,)).fetchone()[0]
user_id = db.execute("SELECT id FROM users WHERE center_id = ? ORDER BY email LIMIT 1", (center_id,)).fetchone()[0]
start = db.execute("SELECT COUNT(*) FROM patients WHERE center_id = ?", (center_id,)).fetchone()[0]
now = time.time()


def uid() -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


def course(infused_days_ago: int) -> list:
    """Events as (kind, date, reason) for a patient infused `infused_days_ago` days ago, cut at a stage."""
    d0 = today - datetime.timedelta(days=infused_days_ago)
    collected = d0 - datetime.timedelta(days=40)
    ev = [("screenedEligible", collected - datetime.timedelta(days=10), None),
          ("collectionScheduled", collected, None), ("collected", collected, None),
          ("manufacturingStarted", collected + datetime.timedelta(days=1), None),
          ("released", collected + datetime.timedelta(days=30), None)]
    for k in range(3):
        ev.append(("lymphodepletionDose", d0 - datetime.timedelta(days=5 - k), None))
    ev.append(("infused", d0, None))
    return ev


kinds = ["screening", "notEligible", "booked", "manufacturing", "lymphodepletion", "monitoring", "followUp", "ended"]
weights = [5, 3, 5, 8, 4, 5, 60, 10]
patients, identities, therapies, events = [], [], [], []
for i in range(n):
    pid, tid = uid(), uid()
    code = f"{center_code}-{start + i + 1:04d}" if start + i + 1 < 10000 else f"{center_code}-{start + i + 1}"
    kind = rng.choices(kinds, weights)[0]
    enrolled = today - datetime.timedelta(days=rng.randint(20, 1500))
    if kind == "screening":
        ev = []
    elif kind == "notEligible":
        ev = [("screenedNotEligible", today - datetime.timedelta(days=rng.randint(1, 30)), "ECOG 3")]
    elif kind == "booked":
        ev = [("screenedEligible", today - datetime.timedelta(days=5), None),
              ("collectionScheduled", today + datetime.timedelta(days=rng.randint(1, 20)), None)]
    elif kind == "manufacturing":
        c = today - datetime.timedelta(days=rng.randint(1, 40))
        ev = [("screenedEligible", c - datetime.timedelta(days=10), None), ("collectionScheduled", c, None),
              ("collected", c, None), ("manufacturingStarted", c + datetime.timedelta(days=1), None)]
    elif kind == "lymphodepletion":
        ev = course(-3)[:6]
    elif kind == "monitoring":
        ev = course(rng.randint(0, 28))
    elif kind == "followUp":
        ev = course(rng.randint(29, 1400))
    else:
        days = rng.randint(60, 1400)
        ev = course(days) + [("followUpEnded", today - datetime.timedelta(days=rng.randint(0, days - 30)), "progression: new therapy")]
    enrolled = min(enrolled, (ev[0][1] if ev else today) - datetime.timedelta(days=3))
    patients.append((pid, center_id, code, rng.choice(["female", "male"]), enrolled.isoformat(), "real", now))
    identities.append((uid(), pid, rng.choice(["Ada", "Bo", "Cai", "Dee", "Eli", "Fay", "Gus", "Hal"]),
                       rng.choice(["Example", "Sample", "Mock", "Testcase"]) + str(i), (enrolled - datetime.timedelta(days=365 * 60)).isoformat(),
                       f"BENCH-{start + i:06d}"))
    therapies.append((tid, pid, center_id, "fucaso", "screening", now))
    for seq, (k, d, reason) in enumerate(ev, start=1):
        events.append((uid(), tid, seq, k, d.isoformat(), reason, user_id, now))

with db:
    db.executemany("INSERT INTO patients (id, center_id, code, sex, enrolled_on, origin, created_at) VALUES (?,?,?,?,?,?,?)", patients)
    db.executemany("INSERT INTO patient_identities (id, patient_id, given_name, family_name, date_of_birth, hospital_number) VALUES (?,?,?,?,?,?)", identities)
    db.executemany("INSERT INTO therapies (id, patient_id, center_id, product_id, stage, created_at) VALUES (?,?,?,?,?,?)", therapies)
    db.executemany("INSERT INTO journey_events (id, therapy_id, sequence, kind, event_date, reason, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?)", events)
print(f"{n} patients, {len(events)} journey events in center {center_code}")
