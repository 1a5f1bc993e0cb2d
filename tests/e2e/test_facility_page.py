#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the facility planning page through AT-SPI, as a person would.

Finds widgets by role and accessible name only (never by coordinates): the 设施规划 tab, the
search entry, the list rows, the Add Facility button and the fields of the dialog. Each name is
given in Chinese and in English, so that the test reads the window whatever the state of the
translation; the window itself runs with LANG=zh_CN.UTF-8.
"""

import argparse
import gettext
import json
import os
import re
import sqlite3
import subprocess
import sys
import time

import pyatspi

def names(msgid):
    """The name a widget shows for @msgid: as the window's own catalogue translates it, and the
    English source string (while a translation is missing both are the same)."""
    return (normalise(CATALOGUE.gettext(msgid)), normalise(msgid))


def normalise(text):
    """Drops mnemonics ("_Save", "保存(_S)"), a trailing colon and a trailing ellipsis."""
    text = re.sub(r"[(（]_?[A-Za-z][)）]", "", text).replace("_", "")
    return text.strip().rstrip(":：…").strip()


CATALOGUE = gettext.translation("community-planner",
                                localedir=os.environ.get("COMMUNITY_PLANNER_LOCALEDIR"),
                                languages=["zh_CN"], fallback=True)

# The msgids the test finds widgets by.
TAB = names("Facility Planning")
SEARCH = names("Search communities")
ADD = names("_Add Facility…")
DIALOG_ADD = names("Add Facility")
NAME = names("_Name")
TOTAL = names("_Total area (m²)")
SERVICE = names("Ser_vice area (m²)")
SAVE = names("_Save")
CANCEL = names("_Cancel")
COMPLIANT = (normalise(CATALOGUE.pgettext("community result", "Compliant")), "Compliant")
FALLS_SHORT = (normalise(CATALOGUE.gettext("Falls short: %s").split("%s")[0]), "Falls short")
# cp_facility_validate()'s message, up to its first value.
TOTAL_MESSAGE = tuple(normalise(t.split("%")[0]) for t in (
    CATALOGUE.gettext("Total area: %.1f m² is not possible; enter an area above 0 and at most "
                      "%.0f m²."),
    "Total area: %"))

TIMEOUT = 20.0
# Starting the window on a loaded machine (two cores, a build beside it) can take a while; the
# wait ends as soon as the window is there, or at once if it has exited.
APP_TIMEOUT = 90.0
# GTK 4.8 gives an entry the role "entry" or "text" depending on the widget.
ENTRY_ROLES = (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)


def log(message):
    print(message, flush=True)


def fail(message):
    log("FAIL: " + message)
    sys.exit(1)


def name_matches(accessible, wanted, exact=False):
    text = normalise(accessible.name or "")
    if exact:
        # GTK 4.8 may repeat a label ("Name Name"): the name, once or twice, and nothing else.
        return text in wanted or any(text == f"{n} {n}" for n in wanted)
    # GTK 4.8 names a button with a mnemonic "_Save Save": accept the name anywhere in it.
    return any(n in text for n in wanted)


def walk(accessible, depth=0):
    if accessible is None or depth > 60:
        return
    yield accessible
    try:
        children = list(accessible)
    except Exception:
        return
    for child in children:
        yield from walk(child, depth + 1)


def find_all(root, role, names=None, exact=False):
    roles = role if isinstance(role, tuple) else (role,)
    found = []
    for acc in walk(root):
        try:
            if acc.getRole() not in roles:
                continue
            if names is None or name_matches(acc, names, exact):
                found.append(acc)
        except Exception:
            continue
    return found


def wait_for(what, func, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = func()
        except Exception:
            result = None
        if result:
            return result
        time.sleep(0.2)
    fail("timed out waiting for " + what)


def find_one(root, role, names, what, exact=False):
    return wait_for(what, lambda: (find_all(root, role, names, exact) or [None])[0])


def text_of(accessible):
    try:
        text = accessible.queryText()
        return text.getText(0, text.characterCount)
    except NotImplementedError:
        return accessible.name or ""


def set_text(entry, value):
    entry.queryEditableText().setTextContents(value)


def click(button):
    action = button.queryAction()
    action.doAction(0)


def is_sensitive(accessible):
    return accessible.getState().contains(pyatspi.STATE_SENSITIVE)


def wait_for_app(process, name="community-planner"):
    """The application @name on the accessibility bus, once @process has put it there."""
    def found():
        status = process.poll()
        if status is not None:
            fail(f"the window exited with status {status} before it showed up on the accessibility "
                 "bus (see its messages above)")
        return find_app(name)
    return wait_for("the application on the accessibility bus", found, timeout=APP_TIMEOUT)


def is_closed(app, window):
    """Whether @window (a dialog of @app) has closed: gone from the application's windows, no
    longer showing, or no longer answering. (GTK 4.8 sometimes fails to tell the bus that a
    window went, "g_variant_new_object_path: assertion … failed", and its old entry stays.)"""
    try:
        state = window.getState()
        if state.contains(pyatspi.STATE_DEFUNCT) or not state.contains(pyatspi.STATE_SHOWING):
            return True
    except Exception:
        return True
    return all(w != window for w in app if w is not None)


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.name == name:
            return app
    return None


def list_rows(frame):
    """The rows the list shows: each a list of its cells' texts."""
    rows = []
    # The community list by its name: other pages (staff) have column views of their own.
    lists = [l for l in find_all(frame, pyatspi.ROLE_LIST)
             if any(n in (l.name or "") for n in names("Communities"))
             or any(n in (l.parent.name or "") for n in names("Communities"))]
    for table_list in lists:
        for row in table_list:
            if row is None or row.getRole() != pyatspi.ROLE_TABLE_ROW:
                continue
            cells = [text_of(label) for cell in row for label in cell]
            if cells and cells[0]:
                rows.append(cells)
    return rows


def check_json(program, db):
    out = subprocess.run([program, "check", db, "--json"], check=True, capture_output=True,
                         env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
    return json.loads(out.stdout)


def pick_community(report):
    """A community whose only problem is the area (so one large facility makes it pass)."""
    for community in report["communities"]:
        if community["violations"] == ["area"] and community["shortfall_m2"] > 0:
            return community
    fail("the sample has no community that falls short on area alone")


def facility_rows(db, name):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM facility WHERE name = ?", (name,)).fetchone()[0]


def facility_count(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM facility").fetchone()[0]


def screenshot(out, name):
    path = os.path.join(out, name)
    subprocess.run(["import", "-window", "root", path], check=True)
    log("screenshot: " + path)


def fill_dialog(dialog, name, total, service):
    set_text(find_one(dialog, ENTRY_ROLES, NAME, "the name field", exact=True), name)
    set_text(find_one(dialog, ENTRY_ROLES, TOTAL, "the total area field", exact=True),
             total)
    set_text(find_one(dialog, ENTRY_ROLES, SERVICE, "the service area field",
                      exact=True), service)


def open_add_dialog(app, frame):
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, ADD, "the Add Facility button"))
    return wait_for("the Add Facility dialog",
                    lambda: next((w for w in app if w is not None and w != frame
                                  and name_matches(w, DIALOG_ADD)), None))


def run(args, program):
    report = check_json(program, args.db)
    target = pick_community(report)
    log(f"target: {target['code']} {target['name']} shortfall {target['shortfall_m2']} m²")

    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
    env.pop("NO_AT_BRIDGE", None)
    app_process = subprocess.Popen([program, "--db", args.db], env=env)
    try:
        drive(args, program, target, app_process)
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)


def drive(args, program, target, app_process):
    app = wait_for_app(app_process)
    frame = wait_for("the main window", lambda: next(
        (w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))

    tab = find_one(frame, pyatspi.ROLE_PAGE_TAB, TAB, "the 设施规划 tab")
    click(tab)
    log("tab: " + tab.name)

    search = find_one(frame, ENTRY_ROLES, SEARCH, "the search entry")
    set_text(search, target["code"])
    rows = wait_for("the list to show only the target",
                    lambda: [r for r in list_rows(frame)] if len(list_rows(frame)) == 1
                    and list_rows(frame)[0][0] == target["code"] else None)
    result_before = rows[0][-1]
    log("row before: " + " | ".join(rows[0]))
    if not any(result_before.startswith(n) for n in FALLS_SHORT):
        fail("the target is not shown as falling short: " + result_before)

    # A facility large enough to pass: the shortfall plus the rural building minimum, 90 %
    # of it for residents.
    area = round(target["actual_area_m2"] + target["shortfall_m2"] + 250.0, 1)
    total = round(target["shortfall_m2"] + 250.0, 1)
    dialog = open_add_dialog(app, frame)
    fill_dialog(dialog, "e2e 综合服务中心", f"{total:.1f}", f"{total * 0.9:.1f}")
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, SAVE, "the Save button")
    wait_for("Save to become sensitive", lambda: is_sensitive(save))
    click(save)

    rows = wait_for("the row to turn compliant", lambda: [
        r for r in list_rows(frame) if r[0] == target["code"] and r[-1] in COMPLIANT])
    log("row after: " + " | ".join(rows[0]))
    after = check_json(program, args.db)
    checked = next(c for c in after["communities"] if c["code"] == target["code"])
    if checked["violations"] != [] or abs(checked["actual_area_m2"] - area) > 0.05:
        fail(f"check --json disagrees: {checked}")
    log(f"check --json: {checked['code']} violations {checked['violations']} "
        f"actual {checked['actual_area_m2']}")

    # A negative area: the message shows next to the field, Save stays insensitive, nothing
    # is stored.
    count = facility_count(args.db)
    dialog = open_add_dialog(app, frame)
    fill_dialog(dialog, "e2e 负面积", "-50", "0")
    message = wait_for("the total area message", lambda: next(
        (l for l in find_all(dialog, pyatspi.ROLE_LABEL)
         if any(text_of(l).startswith(n) for n in TOTAL_MESSAGE) and "-50" in text_of(l)),
        None))
    log("message: " + text_of(message))
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, SAVE, "the Save button")
    if is_sensitive(save):
        fail("Save is sensitive with a negative area")
    click(save)
    time.sleep(1.0)
    screenshot(args.out, "e2e-facility-page.png")
    if facility_rows(args.db, "e2e 负面积") != 0 or facility_count(args.db) != count:
        fail("a facility with a negative area was stored")
    click(find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, CANCEL, "the Cancel button"))
    log("PASS")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    run(args, os.environ["COMMUNITY_PLANNER"])


if __name__ == "__main__":
    main()
