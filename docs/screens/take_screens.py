#!/usr/bin/env python3
"""Screenshots of a running Cartograph demo: the pages each role works from when it first opens the app.

Usually run by take-screens.sh, which starts the demo server with a fixed date. Directly:

    python3 docs/screens/take_screens.py --base-url http://127.0.0.1:8099 --out docs/screens

Headless Chromium from Debian's packages (chromium, chromium-driver) through selenium, 1280 px wide,
full page up to MAX_HEIGHT. Pages that need an ID (a patient, a bag, a certificate) take the first one
linked from the page named in the plan, so the script needs no knowledge of the demo's IDs. The file
index.md lists every screenshot with its role, path, HTTP status and the page's <h1>.
"""
from __future__ import annotations

import argparse
import base64
import os
import re
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "cartograph-demo"
WIDTH, MAX_HEIGHT = 1280, 2600

# (role, name, path); a path "link:<page>:<regex>" means the first link on <page> whose href matches.
PLAN = [
    ("coordinator", "dashboard", "/"),
    ("coordinator", "patients", "/patients"),
    ("coordinator", "patients-overdue", "/patients?overdue=true"),
    ("coordinator", "follow-up", "/follow-up"),
    ("nurse", "board", "/board"),
    ("nurse", "patient-on-board", r"link:/board:^/patients/[0-9A-Fa-f-]+#safety$"),
    ("nurse", "assessment-form", r"link:/board:^/patients/[0-9A-Fa-f-]+#safety$|assessments/new"),
    ("physician", "patient", r"link:/patients?stage=manufacturing:^/patients/[0-9A-Fa-f-]+$"),
    ("manufacturing", "manufacturing-board", "/manufacturing"),
    ("manufacturing", "bag", r"link:/manufacturing:^/bags/[0-9A-Fa-f-]+$"),
    ("manufacturing", "patients", "/patients"),
    ("qa", "release-queue", "/release-queue"),
    ("qa", "certificate", r"link:/release-queue:^/bags/[0-9A-Fa-f-]+/certificate$"),
    ("qa", "deviations", "/deviations"),
    ("statistician", "outcomes", "/reports/fucaso"),
    ("statistician", "outcomes-side-by-side", "/reports/fucaso?origin=compare"),
    ("coordinator", "account", "/account"),
    ("admin", "dashboard", "/"),
    ("admin", "accounts", "/admin/users"),
]


def driver() -> webdriver.Chrome:
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={WIDTH},900"):
        options.add_argument(arg)
    chromium = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)
    if chromium:
        options.binary_location = chromium
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    return webdriver.Chrome(options=options, service=service)


def sign_in(d: webdriver.Chrome, base: str, role: str) -> None:
    d.delete_all_cookies()
    d.get(base + "/signin")
    d.find_element(By.NAME, "email").send_keys(f"{role}@demo.cartograph.test")
    d.find_element(By.NAME, "password").send_keys(PASSWORD)
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # Wait for the redirect after sign-in, or the next get() races it and lands on the dashboard.
    WebDriverWait(d, 30).until(lambda drv: "/signin" not in drv.current_url)


def first_link(d: webdriver.Chrome, base: str, page: str, pattern: str) -> str | None:
    d.get(base + page)
    regex = re.compile(pattern.split("|")[0])
    for a in d.find_elements(By.CSS_SELECTOR, "main a[href]"):
        href = urllib.parse.urlparse(a.get_attribute("href"))
        path = href.path + (("#" + href.fragment) if href.fragment else "")
        if regex.search(path):
            return path
    return None


def shoot(d: webdriver.Chrome, base: str, path: str, file: str) -> str:
    d.set_window_size(WIDTH, 900)
    d.get(base + path)
    height = min(MAX_HEIGHT, d.execute_script("return document.documentElement.scrollHeight"))
    d.set_window_size(WIDTH, max(900, height))
    d.save_screenshot(file)
    h1 = d.find_elements(By.TAG_NAME, "h1")
    return h1[0].text if h1 else ""


def patient_tour(d: webdriver.Chrome, base: str, out: str) -> list[tuple[str, str, str, str, str]]:
    """A coordinator issues a printed code for a patient in Day 0-28 monitoring; the patient opens an
    account with it, sees their journey on a desktop and on a 375-pixel phone screen, and sends a
    self-check with a fever, which the nurse then sees on the board."""
    rows = []
    sign_in(d, base, "coordinator")
    path = first_link(d, base, "/board", r"^/patients/[0-9A-Fa-f-]+#safety$")
    if path is None:
        return [("patient", "code-sheet", "-", "-", "no patient on the board")]
    path = path.split("#")[0]
    d.get(base + path + "#patient-access")
    Select(d.find_element(By.NAME, "holder")).select_by_value("caregiver")
    d.find_element(By.NAME, "holderName").send_keys("Wang Fang")
    d.find_element(By.CSS_SELECTOR, "#issue-code button[type=submit]").click()
    WebDriverWait(d, 30).until(lambda drv: drv.find_elements(By.CSS_SELECTOR, ".activation-code"))
    code = d.find_element(By.CSS_SELECTOR, ".activation-code").text
    file = os.path.join(out, "coordinator-activation-code.png")
    d.save_screenshot(file)
    rows.append(("coordinator", "activation-code", path + "/activation-codes", os.path.basename(file), "Your Cartograph account"))
    d.delete_all_cookies()
    d.get(base + "/activate")
    d.find_element(By.NAME, "code").send_keys(code)
    d.find_element(By.NAME, "email").send_keys("wang.fang@home.example")
    for name in ("newPassword", "confirmation"):
        d.find_element(By.NAME, name).send_keys("plum blossom river lantern")
    d.save_screenshot(os.path.join(out, "patient-activate.png"))
    rows.append(("patient", "activate", "/activate", "patient-activate.png", "Open your account"))
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(d, 30).until(lambda drv: drv.current_url.endswith("/me"))
    h1 = shoot(d, base, "/me", os.path.join(out, "patient-my-journey.png"))
    rows.append(("patient", "my-journey", "/me", "patient-my-journey.png", h1))
    d.set_window_size(375, 900)
    d.get(base + "/me")
    height = min(MAX_HEIGHT, d.execute_script("return document.documentElement.scrollHeight"))
    wide = d.execute_script("return document.documentElement.scrollWidth")
    d.set_window_size(375, max(900, height))
    d.save_screenshot(os.path.join(out, "patient-my-journey-phone.png"))
    rows.append(("patient", "my-journey-phone", "/me", "patient-my-journey-phone.png", f"{h1} (375 px; page width {wide} px)"))
    d.get(base + "/me/card")
    d.save_screenshot(os.path.join(out, "patient-wallet-card-phone.png"))
    # Printed through Chromium's own PDF printer: the card must fill exactly one page of ID-1 size.
    pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    with open(os.path.join(out, "patient-wallet-card.pdf"), "wb") as f:
        f.write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)", pdf)
    size = " x ".join(f"{float(v) / 72 * 25.4:.1f}" for v in boxes[0]) + " mm" if boxes else "?"
    rows.append(("patient", "wallet-card-phone", "/me/card", "patient-wallet-card-phone.png", f"Wallet card (printed: {pages} page, {size})"))
    d.get(base + "/me/check")
    temperature = d.find_element(By.NAME, "temperatureC")
    temperature.send_keys("38.6")
    d.find_element(By.NAME, "chills").click()
    d.save_screenshot(os.path.join(out, "patient-self-check-phone.png"))
    rows.append(("patient", "self-check-phone", "/me/check", "patient-self-check-phone.png", "Daily self-check (375 px)"))
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(d, 30).until(lambda drv: "sent=1" in drv.current_url)
    # The same pages in Simplified Chinese, chosen with the switch in the page header (375 px).
    Select(d.find_element(By.ID, "language-choice")).select_by_value("zh-Hans")
    d.find_element(By.CSS_SELECTOR, "form.language button").click()
    WebDriverWait(d, 30).until(lambda drv: drv.execute_script("return document.documentElement.lang") == "zh-Hans")
    for path, name in (("/me", "my-journey"), ("/me/check", "self-check"), ("/me/card", "wallet-card")):
        d.set_window_size(375, 900)
        d.get(base + path)
        height = min(MAX_HEIGHT, d.execute_script("return document.documentElement.scrollHeight"))
        d.set_window_size(375, max(900, height))
        file = f"patient-{name}-phone-zh.png"
        d.save_screenshot(os.path.join(out, file))
        h1 = d.find_elements(By.TAG_NAME, "h1")
        rows.append(("patient", f"{name}-phone-zh", path, file, (h1[0].text if h1 else "") + "（简体中文，375 px）"))
    d.set_window_size(WIDTH, 900)
    sign_in(d, base, "nurse")
    h1 = shoot(d, base, "/board", os.path.join(out, "nurse-board-patient-reported.png"))
    rows.append(("nurse", "board-patient-reported", "/board", "nurse-board-patient-reported.png", h1))
    # The nurse reads the board in Chinese too (Accept-Language is English here: the account's choice wins).
    d.get(base + "/board")
    Select(d.find_element(By.ID, "language-choice")).select_by_value("zh-Hans")
    d.find_element(By.CSS_SELECTOR, "form.language button").click()
    WebDriverWait(d, 30).until(lambda drv: drv.execute_script("return document.documentElement.lang") == "zh-Hans")
    h1 = shoot(d, base, "/board", os.path.join(out, "nurse-board-zh.png"))
    rows.append(("nurse", "board-zh", "/board", "nurse-board-zh.png", h1))
    h1 = shoot(d, base, "/", os.path.join(out, "nurse-dashboard-zh.png"))
    rows.append(("nurse", "dashboard-zh", "/", "nurse-dashboard-zh.png", h1))
    Select(d.find_element(By.ID, "language-choice")).select_by_value("en")
    d.find_element(By.CSS_SELECTOR, "form.language button").click()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--max-shots", type=int, default=40)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    base = args.base_url.rstrip("/")
    d = driver()
    rows, signed_in = [], None
    try:
        for role, name, path in PLAN[: args.max_shots]:
            if role != signed_in:
                sign_in(d, base, role)
                signed_in = role
            if path.startswith("link:"):
                _, page, pattern = path.split(":", 2)
                found = first_link(d, base, page, pattern)
                if found is None:
                    rows.append((role, name, path, "-", "no matching link"))
                    continue
                path = found.split("#")[0]
                if pattern.endswith("assessments/new"):
                    path += "/assessments/new"
            file = os.path.join(args.out, f"{role}-{name}.png")
            h1 = shoot(d, base, path, file)
            rows.append((role, name, path, os.path.basename(file), h1))
            print(f"{role:14} {path:60} {h1}")
        rows += patient_tour(d, base, args.out)
        for row in rows[-12:]:
            print(f"{row[0]:14} {row[2]:60} {row[4]}")
    finally:
        d.quit()
    with open(os.path.join(args.out, "index.md"), "w") as f:
        f.write("# Screens of the demo program (CARTOGRAPH_TODAY=2026-12-07)\n\n")
        f.write("Taken by `bash docs/screens/take-screens.sh` (headless Chromium from Debian's packages).\n\n")
        f.write("| role | screen | file | heading |\n|---|---|---|---|\n")
        for role, name, path, file, h1 in rows:
            shown = re.sub(r"[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "{id}", path)
            f.write(f"| {role} | `{shown}` | [{file}]({file}) | {h1} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
