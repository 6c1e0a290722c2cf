#!/usr/bin/env python3
"""Accessibility check of Cartograph's pages with axe-core (WCAG 2.0 and 2.1, levels A and AA), in
Debian's Chromium through selenium and axe-selenium-python, against a running demo server.

Usually run by accessibility.sh, which installs the tools and starts the server. Directly:

    python3 Tests/browser/axe_check.py --base-url http://127.0.0.1:8097

What it reads:
- the patient's pages (/activate, /me, /me/check, /me/card) at 375 px and at 1280 px, in English and
  in Simplified Chinese, for an account it opens with a code as a coordinator would issue it;
- every staff page of the screenshot tour's plan, for the role that works from it, in both languages.
At 375 px each patient page must also fit without horizontal scrolling.

Exit status: 1 when any page has a violation (each listed with its rule, impact and the elements),
2 when the harness itself fails.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
import urllib.parse

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "cartograph-demo"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> str:
    """axe-core 4.12.1, the script shipped in the axe-playwright-python wheel (installed without its
    dependencies: only the script is used). axe-selenium-python 2.1.6 bundles axe-core 3.1.1, which
    predates the `wcag21a` tag; its runner (`Axe`) is used with the newer script."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.submodule_search_locations:
        path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
        if os.path.exists(path):
            return path
    raise RuntimeError("axe-core 4 script not found: pip install --no-deps axe-playwright-python==0.1.8")

# (role, path); "link:<page>:<regex>" takes the first link on <page> whose path matches, and a
# "+<suffix>" after the regex's closing "$" is appended to that path.
STAFF = [
    ("coordinator", "/"),
    ("coordinator", "/patients"),
    ("coordinator", "/patients?overdue=true"),
    ("coordinator", "/follow-up"),
    ("coordinator", "/patients/new"),
    ("coordinator", "/labs/import"),
    ("coordinator", "/account"),
    ("nurse", "/board"),
    ("nurse", r"link:/board:^/patients/[0-9A-Fa-f-]+$"),
    ("nurse", r"link:/board:^/patients/[0-9A-Fa-f-]+$+/assessments/new"),
    ("physician", r"link:/patients?stage=manufacturing:^/patients/[0-9A-Fa-f-]+$"),
    ("physician", r"link:/patients?stage=longTermFollowUp:^/patients/[0-9A-Fa-f-]+$"),
    ("manufacturing", "/manufacturing"),
    ("manufacturing", r"link:/manufacturing:^/bags/[0-9A-Fa-f-]+$"),
    ("manufacturing", "/slots"),
    ("qa", "/release-queue"),
    ("qa", r"link:/release-queue:^/bags/[0-9A-Fa-f-]+/certificate$"),
    ("qa", "/deviations"),
    ("statistician", "/reports/fucaso"),
    ("admin", "/admin/users"),
    ("admin", "/admin/notifications"),
]
LANGUAGES = ["en", "zh-Hans"]


AXE = ""


def driver() -> webdriver.Chrome:
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,900"):
        options.add_argument(arg)
    chromium = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)
    if chromium:
        options.binary_location = chromium
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    d = webdriver.Chrome(options=options, service=service)
    d.set_script_timeout(120)
    return d


def sign_in(d, base: str, email: str, password: str = PASSWORD) -> None:
    d.delete_all_cookies()
    d.get(base + "/signin")
    d.find_element(By.NAME, "email").send_keys(email)
    d.find_element(By.NAME, "password").send_keys(password)
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(d, 30).until(lambda drv: "/signin" not in drv.current_url)


def set_language(d, base: str, language: str) -> None:
    """The account's own setting, through the switch in the page header."""
    Select(d.find_element(By.ID, "language-choice")).select_by_value(language)
    d.find_element(By.CSS_SELECTOR, "form.language button").click()
    # Read the attribute in the page, so a navigation between the find and the read cannot go stale.
    WebDriverWait(d, 30).until(lambda drv: drv.execute_script("return document.documentElement.lang") == language)


def resolve(d, base: str, path: str) -> str | None:
    if not path.startswith("link:"):
        return path
    _, page, pattern = path.split(":", 2)
    suffix = ""
    if "$+" in pattern:
        pattern, suffix = pattern.split("$+", 1)
        pattern += "$"
    d.get(base + page)
    regex = re.compile(pattern)
    for a in d.find_elements(By.CSS_SELECTOR, "main a[href]"):
        href = urllib.parse.urlparse(a.get_attribute("href"))
        if regex.search(href.path):
            return href.path + suffix
    return None


def check(d, base: str, path: str, label: str, problems: list[str], phone: bool = False) -> int:
    d.set_window_size(375 if phone else 1280, 900)
    d.get(base + path)
    axe = Axe(d, script_url=AXE)
    axe.inject()
    result = axe.run(options=json.dumps({"runOnly": {"type": "tag", "values": TAGS}}))
    for v in result["violations"]:
        targets = "; ".join((" ".join(map(str, n["target"])) if isinstance(n["target"], list) else str(n["target"])) + " " + n.get("html", "")[:100] for n in v["nodes"][:4])
        problems.append(f"{label} {path}: {v['id']} ({v['impact']}) — {v['help']} — {len(v['nodes'])} element(s): {targets}")
    if phone:
        wide, view = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        if wide > view:
            problems.append(f"{label} {path}: scrolls sideways at 375 px (page {wide} px wide, window {view} px)")
    return len(result["passes"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--staff", choices=["check", "list", "skip"], default="check",
                        help="check: staff violations fail the run; list: report them only")
    args = parser.parse_args()
    global AXE
    AXE = axe_script()
    base = args.base_url.rstrip("/")
    d = driver()
    patient_problems: list[str] = []
    staff_problems: list[str] = []
    pages = 0
    try:
        # A caregiver account for a patient on the Day 0-28 board, opened with a printed code.
        sign_in(d, base, "coordinator@demo.cartograph.test")
        patient = resolve(d, base, r"link:/board:^/patients/[0-9A-Fa-f-]+$")
        if patient is None:
            print("harness: no patient on the board", file=sys.stderr)
            return 2
        d.get(base + patient + "#patient-access")
        Select(d.find_element(By.NAME, "holder")).select_by_value("caregiver")
        d.find_element(By.NAME, "holderName").send_keys("Zhou Min")
        d.find_element(By.CSS_SELECTOR, "#issue-code button[type=submit]").click()
        WebDriverWait(d, 30).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".activation-code"))
        code = d.find_element(By.CSS_SELECTOR, ".activation-code").text
        d.delete_all_cookies()
        for phone in (True, False):
            check(d, base, "/activate", "anonymous" + (" 375px" if phone else ""), patient_problems, phone=phone)
            pages += 1
        d.get(base + "/activate")
        d.find_element(By.NAME, "code").send_keys(code)
        # A fresh address each run, so the check can be repeated against one server.
        d.find_element(By.NAME, "email").send_keys(f"zhou.min.{int(time.time())}@home.example")
        for name in ("newPassword", "confirmation"):
            d.find_element(By.NAME, name).send_keys("quiet harbour amber kite")
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(d, 30).until(lambda drv: drv.current_url.endswith("/me"))
        for language in LANGUAGES:
            d.get(base + "/me")
            set_language(d, base, language)
            for path in ("/me", "/me/check", "/me/card"):
                for phone in (True, False):
                    check(d, base, path, f"caregiver {language}" + (" 375px" if phone else ""), patient_problems, phone=phone)
                    pages += 1
            # A refused self-check: the errors beside their fields must be announced too.
            d.set_window_size(375, 900)
            d.get(base + "/me/check")
            t = d.find_element(By.NAME, "temperatureC")
            t.clear(); t.send_keys("3.9")
            d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            WebDriverWait(d, 30).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".field.invalid"))
            axe = Axe(d, script_url=AXE); axe.inject()
            result = axe.run(options=json.dumps({"runOnly": {"type": "tag", "values": TAGS}}))
            for v in result["violations"]:
                patient_problems.append(f"caregiver {language} 375px refused self-check: {v['id']} ({v['impact']}) — {v['help']}")
            pages += 1

        if args.staff != "skip":
            for role in sorted({r for r, _ in STAFF}):
                sign_in(d, base, f"{role}@demo.cartograph.test")
                for language in LANGUAGES:
                    d.get(base + "/account" if role != "patient" else base + "/me")
                    set_language(d, base, language)
                    for r, raw in STAFF:
                        if r != role:
                            continue
                        path = resolve(d, base, raw)
                        if path is None:
                            staff_problems.append(f"{role} {raw}: no such link in the demo")
                            continue
                        check(d, base, path, f"{role} {language}", staff_problems)
                        pages += 1
                d.get(base + "/account")
                set_language(d, base, "en")
    finally:
        d.quit()

    print(f"axe-core ({', '.join(TAGS)}): {pages} page views read")
    for p in patient_problems:
        print("PATIENT  " + p)
    for p in staff_problems:
        print("STAFF    " + p)
    print(f"{len(patient_problems)} problems on the patient's pages, {len(staff_problems)} on staff pages")
    failed = bool(patient_problems) or (args.staff == "check" and bool(staff_problems))
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # the harness, not the app
        import traceback
        traceback.print_exc()
        print(f"harness error: {e!r}", file=sys.stderr)
        sys.exit(2)
