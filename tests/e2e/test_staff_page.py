#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the 三岗十八级 page through AT-SPI, as a person would.

Opens the sample database, switches to the 三岗十八级 tab and adds a staff member through the
dialog: first with a wrong check character in the identity number (the message, naming the
expected character, appears right under the field, Save stays insensitive and nothing is stored),
then with the right one. The new person is listed (identity number masked) and the detail shows
their pay slip. Then the advancement preview: Apply writes the levels of next January, a person
who moves up shows the new level in their history, and Undo puts the levels back. Widgets are
found by role and accessible name only (never by coordinates; the extents are only read, to tell
that the message sits next to its field). Screenshots go to --shots (default: the output
folder) as staff-*.png.
"""

import argparse
import gettext
import os
import re
import sqlite3
import subprocess
import sys
import time
import zipfile

import pyatspi

CATALOGUE = gettext.translation("community-planner",
                                localedir=os.environ.get("COMMUNITY_PLANNER_LOCALEDIR"),
                                languages=["zh_CN"], fallback=True)


def normalise(text):
    """Drops mnemonics ("_Save", "保存(_S)"), a trailing colon and a trailing ellipsis."""
    text = re.sub(r"[(（]_?[A-Za-z][)）]", "", text).replace("_", "")
    return text.strip().rstrip(":：…").strip()


def names(msgid):
    return (normalise(CATALOGUE.gettext(msgid)), normalise(msgid))


def prefix(msgid):
    """The text of @msgid up to its first printf conversion, in both languages."""
    return tuple(normalise(t.split("%")[0]) for t in (CATALOGUE.gettext(msgid), msgid))


TAB = names("Pay Grades")
SEARCH = names("Search staff")
ADD = names("_Add Staff Member…")
DIALOG_ADD = names("Add Staff Member")
FULL_NAME = names("Full _name")
ID_NUMBER = names("_ID number")
WORK_START = names("_Work start")
SERVICE_START = names("Community ser_vice start")
SAVE = names("_Save")
ADVANCE = names("Advancement Preview")
APPLY = names("_Apply")
UNDO = names("Undo the Advancement")
NET_PAY = names("Net pay")
GROSS_PAY = names("Gross pay")
# The message's own start, colon included (the field's label is the same words without it).
ID_MESSAGE = tuple(t.split("%")[0].strip() for t in (CATALOGUE.gettext("ID number: %s"),
                                                   "ID number: %s"))
STAFF_LIST = names("Roster")
QUALIFICATIONS = names("Qualifications")
DELETE_QUESTION = prefix("Delete “%s” from the roster?")
UNDONE = names("The advancement was undone.")
HISTORY_ENTRY = CATALOGUE.gettext(" %d: level %d;")
PARAMS = names("Pay _Parameters…")
PARAMS_TITLE = names("Pay Parameters")
CANCEL = names("_Cancel")
SAMPLE_SOURCE = prefix("Sample value (source: %s)")
EXPORT_MENU = names("_Export")
WORKBOOK_ITEM = names("_Workbook…")
EXPORT_TITLE = names("Export the Workbook")
EXPORT_ACCEPT = names("_Export")
DESENSITIZE = names("Desensitize: ID numbers masked, no phones or birth dates")
EXPORTED = names("Exported")
CLOSE = (normalise(gettext.translation("gtk40", languages=["zh_CN"], fallback=True)
                   .gettext("_Close")), "Close")
LOCATION_ENTRY = "GtkFileChooserEntry"
KEY_SPACE = 0x20
KEY_TAB = 0xfe20  # ISO_Left_Tab: the name entry keeps Tab for completion
KEY_TAB_FORWARD = 0xff09
KEY_DELETE = 0xffff
CONTROL_MASK = 1 << 2

TIMEOUT = 30.0
APP_TIMEOUT = 90.0
ENTRY_ROLES = (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT)
YEAR = time.localtime().tm_year

# 220281 (蛟河市) · born 1990-07-15 · sequence 003: the check character is 8.
GOOD_ID = "220281199007150038"
BAD_ID = "220281199007150035"
PERSON = "e2e测试员"


def log(message):
    print(message, flush=True)


SHOTS = []


def fail(message):
    log("FAIL: " + message)
    if SHOTS:
        screenshot(SHOTS[0], "staff-failure.png")
    sys.exit(1)


def name_matches(accessible, wanted, exact=False):
    text = normalise(accessible.name or "")
    if exact:
        return text in wanted or any(text == f"{n} {n}" for n in wanted)
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


def find_all(root, role, wanted=None, exact=False):
    roles = role if isinstance(role, tuple) else (role,)
    found = []
    for acc in walk(root):
        try:
            if acc.getRole() in roles and (wanted is None or name_matches(acc, wanted, exact)):
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


def find_one(root, role, wanted, what, exact=False):
    return wait_for(what, lambda: (find_all(root, role, wanted, exact) or [None])[0])


def text_of(accessible):
    try:
        text = accessible.queryText()
        return text.getText(0, text.characterCount)
    except NotImplementedError:
        return accessible.name or ""


def labels(root):
    return [text_of(label) for label in find_all(root, pyatspi.ROLE_LABEL)]


def set_text(entry, value):
    entry.queryEditableText().setTextContents(value)


def click(button):
    button.queryAction().doAction(0)


def is_sensitive(accessible):
    return accessible.getState().contains(pyatspi.STATE_SENSITIVE)


def find_app(name="community-planner"):
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == name:
            return app
    return None


def window_named(app, wanted):
    return next((w for w in app if w is not None and name_matches(w, wanted)), None)


def staff_list(frame):
    """The roster's column view (the other pages' lists are in the tree too)."""
    return next((acc for acc in walk(frame)
                 if acc.getRole() != pyatspi.ROLE_LABEL and name_matches(acc, STAFF_LIST, True)),
                None)


def list_rows(frame):
    rows = []
    view = staff_list(frame)
    for table_list in find_all(view, pyatspi.ROLE_LIST) if view is not None else []:
        for row in table_list:
            if row is None or row.getRole() != pyatspi.ROLE_TABLE_ROW:
                continue
            cells = [text_of(label) for cell in row for label in cell]
            if cells and cells[0]:
                rows.append(cells)
    return rows


def screenshot(shots, name):
    path = os.path.join(shots, name)
    subprocess.run(["import", "-window", "root", path], check=True)
    log("screenshot: " + path)


def db_query(db, sql, *params):
    with sqlite3.connect(db) as con:
        return con.execute(sql, params).fetchall()


def extents(accessible):
    return accessible.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)


def check_next_to(message, field):
    """The message sits right under its field: it starts within a line below the field's bottom
    edge and lines up with the field's left edge (within the 16 px GTK 4.8 may misreport)."""
    m, f = extents(message), extents(field)
    if not (f.y + f.height <= m.y <= f.y + f.height + 40 and abs(m.x - f.x) <= 16):
        fail(f"the message is not next to the field: message at ({m.x}, {m.y}), field at "
             f"({f.x}, {f.y}, {f.width}×{f.height})")


def add_person(args, app, frame):
    set_text(find_one(frame, ENTRY_ROLES, SEARCH, "the search entry"), PERSON)
    wait_for("the roster list", lambda: staff_list(frame))
    wait_for("the list to empty", lambda: not list_rows(frame) or None)
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, ADD, "the Add Staff Member button"))
    dialog = wait_for("the Add Staff Member dialog", lambda: window_named(app, DIALOG_ADD))
    set_text(find_one(dialog, ENTRY_ROLES, FULL_NAME, "the name field", exact=True), PERSON)
    set_text(find_one(dialog, ENTRY_ROLES, WORK_START, "the work start field", exact=True),
             "2012-07-01")
    set_text(find_one(dialog, ENTRY_ROLES, SERVICE_START, "the service start field",
                      exact=True), "2015-03-01")
    id_field = find_one(dialog, ENTRY_ROLES, ID_NUMBER, "the ID number field", exact=True)
    set_text(id_field, BAD_ID)

    message = wait_for("the check character message", lambda: next(
        (label for label in find_all(dialog, pyatspi.ROLE_LABEL)
         if any(text_of(label).startswith(p) for p in ID_MESSAGE) and "8" in text_of(label)),
        None))
    log("message: " + text_of(message))
    check_next_to(message, id_field)
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, SAVE, "the Save button")
    if is_sensitive(save):
        fail("Save is sensitive with a wrong check character")
    click(save)
    time.sleep(1.0)
    screenshot(args.shots, "staff-dialog-wrong-check.png")
    if db_query(args.db, "SELECT count(*) FROM staff WHERE name = ?", PERSON)[0][0] != 0:
        fail("a person with a wrong check character was stored")

    set_text(id_field, GOOD_ID)
    wait_for("Save to become sensitive", lambda: is_sensitive(save))
    wait_for("the message to go", lambda: not any(
        any(t.startswith(p) for p in ID_MESSAGE) for t in labels(dialog)))
    screenshot(args.shots, "staff-dialog-right.png")
    click(save)
    rows = wait_for("the new person in the list", lambda: [
        r for r in list_rows(frame) if r[0] == PERSON])
    log("row: " + " | ".join(rows[0]))
    if GOOD_ID in " ".join(rows[0]) or "220281********0038" not in rows[0]:
        fail("the list does not show the identity number masked: " + " | ".join(rows[0]))
    stored = db_query(args.db, "SELECT id_number FROM staff WHERE name = ?", PERSON)
    if stored != [(GOOD_ID,)]:
        fail(f"the database holds {stored}")


def check_slip(args, frame):
    found = wait_for("the pay slip in the detail", lambda: (
        any(normalise(t) in NET_PAY for t in labels(frame))
        and any(normalise(t) in GROSS_PAY for t in labels(frame))))
    texts = labels(frame)
    net = texts[[normalise(t) in NET_PAY for t in texts].index(True) + 1]
    log("net pay: " + net)
    if not re.fullmatch(r"[\d,]+\.\d\d", net):
        fail("the net pay is not an amount: " + net)
    screenshot(args.shots, "staff-page.png")
    return found


def first_change(dialog):
    """The first line of the preview: a person, community, level, new level and reason."""
    def line():
        for lst in find_all(dialog, pyatspi.ROLE_LIST):
            for item in lst:
                for label in find_all(item, pyatspi.ROLE_LABEL):
                    text = text_of(label)
                    if "→" in text:
                        return text
        return None
    return wait_for("a change in the preview", line)


def history_has(frame, year, level):
    entry = (HISTORY_ENTRY % (year, level)).strip()
    return any(entry in t for t in labels(frame))


def advance_and_undo(args, app, frame):
    next_year = YEAR + 1
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, ADVANCE, "the Advancement button"))
    dialog = wait_for("the advancement preview", lambda: window_named(app, ADVANCE))
    line = first_change(dialog)
    log("preview: " + line)
    match = re.match(r"(.+?)\s*[(（].*?(\d+)\D+?(\d+)", line)
    person, old, new = match.group(1), int(match.group(2)), int(match.group(3))
    screenshot(args.shots, "staff-advance-preview.png")
    before = db_query(args.db, "SELECT count(*) FROM staff_level WHERE year = ?", next_year)[0][0]
    apply = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, APPLY, "the Apply button")
    wait_for("Apply to become sensitive", lambda: is_sensitive(apply))
    click(apply)
    undo = find_one(frame, pyatspi.ROLE_PUSH_BUTTON, UNDO, "the Undo button")
    after = db_query(args.db, "SELECT count(*) FROM staff_level WHERE year = ?", next_year)[0][0]
    log(f"levels recorded for {next_year}: {before} before, {after} after Apply")
    if after <= before:
        fail("Apply wrote no level")

    set_text(find_one(frame, ENTRY_ROLES, SEARCH, "the search entry"), person)
    wait_for(f"{person}'s history to show level {new} in {next_year}",
             lambda: history_has(frame, next_year, new))
    log(f"{person}: level {old} → {new} in {next_year}")
    screenshot(args.shots, "staff-advance-applied.png")

    click(undo)
    wait_for("the undo to finish", lambda: any(normalise(t) in UNDONE for t in labels(frame)))
    wait_for(f"{person}'s history without {next_year}",
             lambda: not history_has(frame, next_year, new))
    restored = db_query(args.db, "SELECT count(*) FROM staff_level WHERE year = ?",
                        next_year)[0][0]
    if restored != before:
        fail(f"undo left {restored} levels for {next_year}, expected {before}")
    log(f"undone: {restored} levels recorded for {next_year}")
    screenshot(args.shots, "staff-advance-undone.png")


def dialog_with_label(app, wanted):
    """The message dialog (GTK gives it no name) with a label starting with one of @wanted."""
    for window in app:
        if window is None or window.getRole() != pyatspi.ROLE_DIALOG:
            continue
        if any(any(normalise(text_of(l)).startswith(n) for n in wanted)
               for l in find_all(window, pyatspi.ROLE_LABEL)):
            return window
    return None


def export_desensitized(args, app, frame):
    """The workbook through the Export menu with the chooser's 脱敏 box ticked: the roster (and
    every sheet) holds the new person's identity number only masked."""
    path = os.path.join(args.out, "e2e-staff-脱敏.xlsx")
    if os.path.exists(path):
        os.remove(path)
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, EXPORT_MENU, "the Export button"))
    click(find_one(frame, pyatspi.ROLE_MENU_ITEM, WORKBOOK_ITEM, "the Workbook… item"))
    chooser = wait_for("the file chooser", lambda: window_named(app, EXPORT_TITLE))
    entry = wait_for("the name entry", lambda: next(
        (e for e in find_all(chooser, ENTRY_ROLES) if e.name != LOCATION_ENTRY
         and e.getState().contains(pyatspi.STATE_FOCUSED)), None))
    set_text(entry, path)
    # GTK 4.8's check button offers no action and takes no focus from AT-SPI: Shift+Tab to it
    # (backwards past Export and Cancel) and press Space, as the keyboard would.
    box = find_one(chooser, pyatspi.ROLE_CHECK_BOX, DESENSITIZE, "the 脱敏 check box")
    for _ in range(40):
        if box.getState().contains(pyatspi.STATE_FOCUSED):
            break
        pyatspi.Registry.generateKeyboardEvent(KEY_TAB, None, pyatspi.KEY_SYM)
        time.sleep(0.3)
    else:
        fail("Tab does not reach the 脱敏 check box")
    pyatspi.Registry.generateKeyboardEvent(KEY_SPACE, None, pyatspi.KEY_SYM)
    wait_for("the box to be ticked", lambda: box.getState().contains(pyatspi.STATE_CHECKED))
    time.sleep(0.5)  # the tick is drawn in the next frame
    screenshot(args.shots, "staff-export-desensitize.png")
    click(find_one(chooser, pyatspi.ROLE_PUSH_BUTTON, EXPORT_ACCEPT, "the Export button"))
    done = wait_for("the export to finish", lambda: dialog_with_label(app, EXPORTED), 120)
    click(find_one(done, pyatspi.ROLE_PUSH_BUTTON, CLOSE, "the Close button"))
    with zipfile.ZipFile(path) as book:
        text = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist()
                       if n.endswith(".xml"))
    if GOOD_ID in text or "220281********0038" not in text:
        fail("the desensitized workbook shows the identity number unmasked, or not at all")
    log("desensitized workbook: " + os.path.basename(path) + ", identity number masked")


def look_at_parameters(args, app, frame):
    """The year's parameters: every row says where its value comes from."""
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, PARAMS, "the Pay Parameters button"))
    dialog = wait_for("the pay parameters", lambda: window_named(app, PARAMS_TITLE))
    sources = wait_for("the sources of the values", lambda: [
        t for t in labels(dialog) if any(normalise(t).startswith(p) for p in SAMPLE_SOURCE)])
    log(f"pay parameters: {len(sources)} sample values, e.g. {sources[0]}")
    # The qualification mode is a choice of two words, not a number to type.
    mode = find_one(dialog, pyatspi.ROLE_COMBO_BOX, QUALIFICATIONS, "the qualification drop-down")
    log("qualification mode: " + mode.name)
    screenshot(args.shots, "staff-pay-parameters.png")
    click(find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, CANCEL, "the Cancel button"))


def check_translated_list(frame):
    """The roster's accessible name is Chinese (it was the English "Staff")."""
    view = wait_for("the roster list", lambda: staff_list(frame))
    wanted = CATALOGUE.gettext("Roster")
    if wanted != "Roster" and normalise(view.name) != wanted:
        fail(f"the roster list is named {view.name!r}, not {wanted!r}")


def roster_has_focus(frame):
    view = staff_list(frame)
    return view is not None and any(
        acc.getState().contains(pyatspi.STATE_FOCUSED) for acc in walk(view) if acc is not view)


def delete_asks(args, app, frame):
    """Delete on the roster asks first; Cancel keeps the person. The keyboard reaches the list
    from the search entry (Ctrl+F) by Tab, past the two buttons of the filter row."""
    registry = pyatspi.Registry
    registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        registry.generateKeyboardEvent(ord("f"), None, pyatspi.KEY_SYM)
    finally:
        registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_UNLOCKMODIFIERS)
    for _ in range(8):
        time.sleep(0.3)
        if roster_has_focus(frame):
            break
        registry.generateKeyboardEvent(KEY_TAB_FORWARD, None, pyatspi.KEY_SYM)
    wait_for("the focus on the roster", lambda: roster_has_focus(frame) or None)
    registry.generateKeyboardEvent(KEY_DELETE, None, pyatspi.KEY_SYM)
    question = wait_for("the question before deleting", lambda: next(
        (w for w in app if w is not None and any(
            normalise(t).startswith(p) for t in labels(w) for p in DELETE_QUESTION if p)), None))
    screenshot(args.shots, "staff-delete-asks.png")
    click(find_one(question, pyatspi.ROLE_PUSH_BUTTON, CANCEL, "the Cancel button"))
    if len(db_query(args.db, "SELECT id FROM staff WHERE name = ?", PERSON)) != 1:
        fail("Cancel deleted the person")
    log("Delete on the roster asked first; Cancel kept the person")


def drive(args, app_process):
    def started():
        if app_process.poll() is not None:
            fail(f"the window exited with status {app_process.returncode}")
        return find_app()
    app = wait_for("the application on the accessibility bus", started, timeout=APP_TIMEOUT)
    frame = wait_for("the main window", lambda: next(
        (w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))
    tab = find_one(frame, pyatspi.ROLE_PAGE_TAB, TAB, "the 三岗十八级 tab")
    click(tab)
    log("tab: " + tab.name)
    check_translated_list(frame)
    add_person(args, app, frame)
    check_slip(args, frame)
    delete_asks(args, app, frame)
    look_at_parameters(args, app, frame)
    advance_and_undo(args, app, frame)
    export_desensitized(args, app, frame)
    log("PASS")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--shots", default=os.environ.get("CP_SHOTS"))
    args = parser.parse_args()
    args.shots = args.shots or args.out
    os.makedirs(args.shots, exist_ok=True)
    SHOTS.append(args.shots)
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
    env.pop("NO_AT_BRIDGE", None)
    app_process = subprocess.Popen([os.environ["COMMUNITY_PLANNER"], "--db", args.db], env=env)
    try:
        drive(args, app_process)
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)


if __name__ == "__main__":
    main()
