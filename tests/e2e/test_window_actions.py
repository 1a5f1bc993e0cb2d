#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the window's own actions through AT-SPI, as a person would.

1. Import (the 导入 button, then Ctrl+I): the kind dialog, the file chooser (Ctrl+L and the
   typed path), a bad CSV (an error dialog with FILE:ROW:COLUMN, nothing stored), then a good
   one in GB18030 that makes a community pass.
2. Export → Workbook…: the file chooser, the job, openpyxl reads the file.
3. New database (the 新建 button, then Ctrl+N): with sample data, then empty.
4. A database without write bits: the read-only notice, editing turned off.

Widgets are found by role and accessible name (looked up through the build's own catalogue,
see test_facility_page.py), never by coordinates. The file chooser falls back to GTK's own
dialog (no portal in the test's D-Bus session); its location entry is opened with Ctrl+L, as a
person would, and the path typed into it. A screenshot follows each step.
"""

import argparse
import gettext
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_facility_page import (CATALOGUE, COMPLIANT, ENTRY_ROLES, FALLS_SHORT, SEARCH,  # noqa
                                check_json, click, fail, find_all, find_app, find_one,
                                is_sensitive, log, name_matches, names, normalise,
                                pick_community, screenshot, set_text, text_of, wait_for,
                                wait_for_app)

# GTK's own strings (the Close button of a message dialog) come from GTK's catalogue.
GTK_CATALOGUE = gettext.translation("gtk40", languages=["zh_CN"], fallback=True)


def gtk_names(msgid):
    return (normalise(GTK_CATALOGUE.gettext(msgid)), normalise(msgid))


# The msgids the test finds widgets and messages by.
IMPORT = names("_Import…")
NEW = names("New")
EXPORT_MENU = names("_Export")
WORKBOOK_ITEM = names("_Workbook…")
ADD = names("_Add Facility…")
KIND_QUESTION = names("What does the file hold?")
KINDS = names("Kind of records")
FACILITIES = normalise(CATALOGUE.gettext("Facilities"))
CHOOSE_FILE = names("_Choose File…")
IMPORT_TITLE = names("Import from CSV")
IMPORT_ACCEPT = names("_Import")
EXPORT_TITLE = names("Export the Workbook")
EXPORT_ACCEPT = names("_Export")
NEW_TITLE = names("New Database")
NEW_ACCEPT = names("_Create")
SAMPLE_QUESTION = names("Fill the new database with sample data?")
WITH_SAMPLE = names("With _Sample Data")
EMPTY = names("_Empty")
CLOSE = gtk_names("_Close")
NOTHING_IMPORTED = names("Nothing was imported")
EXPORTED = names("Exported")
# The notice is the store's reason followed by "Editing is turned off.": match that ending.
READ_ONLY = tuple(t.split("%s")[1].strip() for t in (CATALOGUE.gettext("%s Editing is turned off."),
                                                     "%s Editing is turned off."))
LOCATION_ENTRY = "GtkFileChooserEntry"
SAMPLE_COMMUNITIES = 290  # cp_sample_write (seed 1): the communities of the sample

KEY_RETURN = 0xff0d
KEY_DOWN = 0xff54
CONTROL_MASK = 1 << 2


def rows_imported(n):
    return normalise(CATALOGUE.ngettext("%u row imported.", "%u rows imported.", n) % n)


def communities_label(n):
    return CATALOGUE.ngettext("%u community or village", "%u communities and villages", n) % n


def window_title(base):
    return CATALOGUE.gettext("%s — Community Service Planner") % base


# Looking outside the community list: its hundreds of cells make a full walk slow.

def walk_outside_lists(accessible, depth=0):
    if accessible is None or depth > 60:
        return
    yield accessible
    try:
        if accessible.getRole() == pyatspi.ROLE_TREE_TABLE:
            return
        children = list(accessible)
    except Exception:
        return
    for child in children:
        yield from walk_outside_lists(child, depth + 1)


def find_all_outside(root, role, wanted=None, exact=False):
    found = []
    for acc in walk_outside_lists(root):
        try:
            if acc.getRole() == role and (wanted is None or name_matches(acc, wanted, exact)):
                found.append(acc)
        except Exception:
            continue
    return found


def find_one_outside(root, role, wanted, what, exact=False):
    return wait_for(what, lambda: (find_all_outside(root, role, wanted, exact) or [None])[0])


def labels_outside(window):
    return [text_of(l) for l in find_all_outside(window, pyatspi.ROLE_LABEL)]


# Keyboard: through the accessibility registry (XTest under Xvfb), to the focused window.

def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def press_ctrl(letter):
    """Ctrl+@letter: Control locked for the key, so no keycode has to be known."""
    registry = pyatspi.Registry
    registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        registry.generateKeyboardEvent(ord(letter), None, pyatspi.KEY_SYM)
    finally:
        registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_UNLOCKMODIFIERS)


def press_until(what, keys, found, every=2.0):
    """Presses Ctrl+@keys until found() answers (the window may not have the focus yet);
    again only every @every seconds, so that a slow window does not get the keys twice."""
    last = [0.0]

    def attempt():
        result = found()
        if not result and time.monotonic() - last[0] >= every:
            press_ctrl(keys)
            last[0] = time.monotonic()
        return result
    return wait_for(what, attempt)


def is_focused(accessible):
    return accessible.getState().contains(pyatspi.STATE_FOCUSED)


# Windows

def windows(app):
    return [w for w in app if w is not None]


def dialog_with_label(app, wanted):
    """The message dialog (GTK gives it no name) whose text starts with one of @wanted."""
    for window in windows(app):
        if window.getRole() != pyatspi.ROLE_DIALOG:
            continue
        if any(any(normalise(text_of(l)).startswith(n) for n in wanted)
               for l in find_all(window, pyatspi.ROLE_LABEL)):
            return window
    return None


def wait_dialog(app, wanted, what):
    return wait_for(what, lambda: dialog_with_label(app, wanted))


def window_named(app, wanted):
    return next((w for w in windows(app) if normalise(w.name or "") in wanted), None)


def wait_gone(app, window, what):
    wait_for(what + " to close", lambda: window not in windows(app))


def close_dialog(app, dialog, what):
    click(find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, CLOSE, "the Close button of " + what))
    wait_gone(app, dialog, what)


def labels_of(window):
    return [text_of(l) for l in find_all(window, pyatspi.ROLE_LABEL)]


# The file chooser (GTK's own dialog: no portal in the test's session)

def choose_path(app, title, accept, path, typed_location):
    """Types @path in the chooser titled @title and presses its @accept button. An Open chooser
    shows its location entry on Ctrl+L; a Save chooser has its name entry already."""
    chooser = wait_for("the file chooser " + title[0], lambda: window_named(app, title))
    if typed_location:
        entry = press_until("the location entry (Ctrl+L)", "l", lambda: next(
            iter(find_all(chooser, ENTRY_ROLES, (LOCATION_ENTRY,))), None))
    else:
        entry = wait_for("the name entry", lambda: next(
            (e for e in find_all(chooser, ENTRY_ROLES)
             if e.name != LOCATION_ENTRY and is_focused(e)), None))
    set_text(entry, path)
    button = find_one(chooser, pyatspi.ROLE_PUSH_BUTTON, accept, "the " + accept[1] + " button")
    wait_for(accept[1] + " to become sensitive", lambda: is_sensitive(button))
    click(button)
    wait_gone(app, chooser, "the file chooser")


def choose_kind(app, kinds, wanted):
    """Opens the drop-down and moves the focus with Down to @wanted, then Return, as the
    keyboard would (GTK 4.8's list items have no action of their own)."""
    click(find_one(kinds, pyatspi.ROLE_PUSH_BUTTON, None, "the drop-down's button"))

    def focused_item():
        for item in find_all(kinds, pyatspi.ROLE_LIST_ITEM):
            if is_focused(item):
                return item
        return None

    for _ in range(10):
        item = wait_for("a focused item in the drop-down", focused_item)
        if any(text_of(l) == wanted for l in find_all(item, pyatspi.ROLE_LABEL)):
            press(KEY_RETURN)
            break
        press(KEY_DOWN)
        wait_for("the focus to move", lambda: focused_item() not in (None, item))
    else:
        fail(f"the drop-down has no item {wanted}")
    wait_for(f"the drop-down to show {wanted}", lambda: wanted in shown_kind(kinds))


def shown_kind(kinds):
    """The label of the selected item on the drop-down's button (not the popover's list)."""
    button = find_all(kinds, pyatspi.ROLE_PUSH_BUTTON)[0]
    return [text_of(l) for l in find_all(button, pyatspi.ROLE_LABEL)
            if text_of(l) and not text_of(l).startswith("（") and text_of(l) != "(None)"]


# Step 1: import

def write_csvs(tmp, target, year):
    """A bad file (UTF-8 with BOM, English header, a negative area on row 3) and a good one
    (GB18030, Chinese header and words) adding a big comprehensive facility to @target."""
    bad = os.path.join(tmp, "设施-有误.csv")
    with open(bad, "w", encoding="utf-8-sig", newline="") as f:
        f.write("community,name,kind,total_area_m2,service_area_m2,provision,status,year\r\n"
                f"{target['code']},e2e 有误文件第二行,comprehensive,120,100,new,in_use,{year}\r\n"
                f"{target['code']},e2e 有误文件第三行,comprehensive,-40,10,new,in_use,{year}\r\n")
    total = round(target["shortfall_m2"] + 250.0, 1)
    good = os.path.join(tmp, "设施-导入.csv")
    with open(good, "wb") as f:
        f.write(("社区,名称,类型,总面积,服务面积,建设方式,状态,年份\r\n"
                 f"{target['code']},e2e 导入综合服务中心,综合服务设施,{total:.1f},"
                 f"{total * 0.9:.1f},新建,在用,{year}\r\n").encode("gb18030"))
    return bad, good, total


def start_import(app, frame, by_shortcut):
    if by_shortcut:
        kind_dialog = press_until("the import dialog (Ctrl+I)", "i",
                                  lambda: dialog_with_label(app, KIND_QUESTION))
    else:
        click(find_one_outside(frame, pyatspi.ROLE_PUSH_BUTTON, IMPORT, "the Import button"))
        kind_dialog = wait_dialog(app, KIND_QUESTION, "the import dialog")
    kinds = find_one(kind_dialog, pyatspi.ROLE_COMBO_BOX, KINDS, "the kind drop-down")
    choose_kind(app, kinds, FACILITIES)
    click(find_one(kind_dialog, pyatspi.ROLE_PUSH_BUTTON, CHOOSE_FILE, "Choose File"))
    wait_gone(app, kind_dialog, "the import dialog")


def wait_idle(frame, job):
    """While a job runs the window turns its actions off; Import comes back when it is over."""
    button = find_one_outside(frame, pyatspi.ROLE_PUSH_BUTTON, IMPORT, "the Import button")
    wait_for(f"the window to be idle after {job}", lambda: is_sensitive(button))


def shown_rows(frame, code):
    """The cells of the community list's rows (the rows it shows) for @code."""
    rows = []
    for table in find_all_outside(frame, pyatspi.ROLE_TREE_TABLE):
        for part in table:
            if part is None or part.getRole() != pyatspi.ROLE_LIST:
                continue
            for row in part:
                if row is not None and row.getRole() == pyatspi.ROLE_TABLE_ROW:
                    cells = [text_of(label) for cell in row for label in cell]
                    if cells and cells[0] == code:
                        rows.append(cells)
    return rows


def step_import(args, program, app, frame, target, year):
    tmp = tempfile.mkdtemp(prefix="cp-e2e-import-")
    try:
        bad, good, total = write_csvs(tmp, target, year)
        search = find_one_outside(frame, pyatspi.ROLE_ENTRY, SEARCH, "the search entry")
        set_text(search, target["code"])
        rows = wait_for("the list to show the target", lambda: shown_rows(frame, target["code"]))
        if not any(rows[0][-1].startswith(n) for n in FALLS_SHORT):
            fail("the target is not shown as falling short: " + rows[0][-1])
        log("row before: " + " | ".join(rows[0]))

        count = facility_count(args.db)
        start_import(app, frame, by_shortcut=False)
        choose_path(app, IMPORT_TITLE, IMPORT_ACCEPT, bad, typed_location=True)
        error = wait_dialog(app, NOTHING_IMPORTED, "the import error dialog")
        expected = f"{bad}:3:total_area_m2: "
        lines = [line for text in labels_of(error) for line in text.splitlines()]
        problem = next((line for line in lines if line.startswith(expected)), None)
        if problem is None or "-40" not in problem:
            fail(f"the error dialog does not list {expected}…: {lines}")
        log("error dialog: " + problem)
        screenshot(args.out, "e2e-actions-1-import-error.png")
        close_dialog(app, error, "the import error dialog")
        if facility_count(args.db) != count or facility_rows(args.db, "e2e 有误文件第二行") != 0:
            fail("the bad file stored something")

        start_import(app, frame, by_shortcut=True)
        choose_path(app, IMPORT_TITLE, IMPORT_ACCEPT, good, typed_location=True)
        info = wait_dialog(app, (rows_imported(1),), "the import result")
        log("import result: " + " / ".join(t for t in labels_of(info) if t))
        rows = wait_for("the row to turn compliant", lambda: [
            r for r in shown_rows(frame, target["code"]) if r[-1] in COMPLIANT])
        log("row after: " + " | ".join(rows[0]))
        screenshot(args.out, "e2e-actions-2-import-ok.png")
        close_dialog(app, info, "the import result")
        wait_idle(frame, "the import")
    finally:
        shutil.rmtree(tmp)

    if facility_rows(args.db, "e2e 导入综合服务中心") != 1:
        fail("the GB18030 name was not stored as written")
    checked = next(c for c in check_json(program, args.db)["communities"]
                   if c["code"] == target["code"])
    area = round(target["actual_area_m2"] + total, 1)
    if checked["violations"] != [] or abs(checked["actual_area_m2"] - area) > 0.05:
        fail(f"check --json disagrees: {checked}")
    log(f"check --json: {checked['code']} violations {checked['violations']} "
        f"actual {checked['actual_area_m2']}")
    set_text(find_one_outside(frame, pyatspi.ROLE_ENTRY, SEARCH, "the search entry"), "")


# Step 2: export the workbook

def step_export(args, app, frame):
    path = os.path.join(args.out, "e2e-actions-工作簿.xlsx")
    if os.path.exists(path):
        os.remove(path)
    click(find_one_outside(frame, pyatspi.ROLE_PUSH_BUTTON, EXPORT_MENU, "the Export button"))
    click(find_one_outside(frame, pyatspi.ROLE_MENU_ITEM, WORKBOOK_ITEM, "the Workbook… item"))
    choose_path(app, EXPORT_TITLE, EXPORT_ACCEPT, path, typed_location=False)
    done = wait_dialog(app, EXPORTED, "the export to finish")
    log("export: " + " / ".join(t for t in labels_of(done) if t))
    if not any(path in text for text in labels_of(done)):
        fail("the export message does not name the file")
    screenshot(args.out, "e2e-actions-3-export.png")
    close_dialog(app, done, "the export message")
    wait_idle(frame, "the export")

    check = subprocess.run([
        "/usr/bin/python3", "-c",
        "import sys, openpyxl\n"
        "book = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
        "print('\\n'.join(book.sheetnames))\n", path], capture_output=True, text=True)
    if check.returncode != 0:
        fail("openpyxl cannot open the workbook: " + check.stderr)
    sheets = check.stdout.split()
    log("workbook sheets: " + ", ".join(sheets))
    for wanted in ("汇总", "设施达标"):
        if wanted not in sheets:
            fail(f"the workbook has no sheet {wanted}: {sheets}")


# Step 3: new database

def count_label(frame):
    return next((text_of(l) for l in find_all_outside(frame, pyatspi.ROLE_LABEL)
                 if text_of(l) in (communities_label(n) for n in (0, SAMPLE_COMMUNITIES))),
                None)


def new_database(args, app, frame, name, sample, by_shortcut):
    path = os.path.join(args.out, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    if by_shortcut:
        press_until("the New Database chooser (Ctrl+N)", "n", lambda: window_named(app, NEW_TITLE))
    else:
        click(find_one_outside(frame, pyatspi.ROLE_PUSH_BUTTON, NEW, "the New button", exact=True))
    choose_path(app, NEW_TITLE, NEW_ACCEPT, path, typed_location=False)
    question = wait_dialog(app, SAMPLE_QUESTION, "the sample question")
    click(find_one(question, pyatspi.ROLE_PUSH_BUTTON, WITH_SAMPLE if sample else EMPTY,
                   "the sample choice"))
    wait_gone(app, question, "the sample question")

    wanted_title = window_title(name)
    wanted_count = communities_label(SAMPLE_COMMUNITIES if sample else 0)
    wait_for(f"the window to show {name}", lambda: frame.name == wanted_title
             and count_label(frame) == wanted_count)
    log(f"new database: title “{frame.name}”, {count_label(frame)}")
    with sqlite3.connect(path) as con:
        stored = con.execute("SELECT count(*) FROM community").fetchone()[0]
    if stored != (SAMPLE_COMMUNITIES if sample else 0):
        fail(f"{name} holds {stored} communities")
    return path


def step_new(args, app, frame):
    new_database(args, app, frame, "e2e-actions-示例.db", sample=True, by_shortcut=False)
    screenshot(args.out, "e2e-actions-4-new-sample.png")
    new_database(args, app, frame, "e2e-actions-空白.db", sample=False, by_shortcut=True)
    screenshot(args.out, "e2e-actions-5-new-empty.png")


# Step 4: read-only

def step_read_only(args, program, app, frame):
    # The notice and the count come with the store: the page has set its buttons by then.
    notice = wait_for("the read-only notice", lambda: next(
        (t for t in labels_outside(frame) if any(t.endswith(n) for n in READ_ONLY)), None))
    log("read-only notice: " + notice)
    wait_for("the list of the read-only file",
             lambda: count_label(frame) == communities_label(SAMPLE_COMMUNITIES))
    add = find_one_outside(frame, pyatspi.ROLE_PUSH_BUTTON, ADD, "the Add Facility button")
    imp = find_one_outside(frame, pyatspi.ROLE_PUSH_BUTTON, IMPORT, "the Import button")
    export = find_one_outside(frame, pyatspi.ROLE_PUSH_BUTTON, EXPORT_MENU, "the Export button")
    states = {"Add Facility": is_sensitive(add), "Import": is_sensitive(imp),
              "Export": is_sensitive(export)}
    log(f"sensitive: {states}")
    if states["Add Facility"] or states["Import"]:
        fail(f"editing is on in a read-only file: {states}")
    if not states["Export"]:
        fail("exporting is off in a read-only file")
    screenshot(args.out, "e2e-actions-6-read-only.png")


# Running the window

def facility_rows(db, name):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM facility WHERE name = ?", (name,)).fetchone()[0]


def facility_count(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM facility").fetchone()[0]


class Window:
    """The application on @db, until the block ends."""

    def __init__(self, program, db):
        self.program = program
        self.db = db

    def __enter__(self):
        env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
        env.pop("NO_AT_BRIDGE", None)
        self.process = subprocess.Popen([self.program, "--db", self.db], env=env)
        self.app = wait_for_app(self.process)
        base = os.path.basename(self.db)
        self.frame = wait_for("the main window on " + base, lambda: next(
            (w for w in self.app if w is not None and w.getRole() == pyatspi.ROLE_FRAME
             and w.name == window_title(base)), None))
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        # The next window must not find this one on the bus.
        wait_for("the application to leave the bus",
                 lambda: find_app("community-planner") is None, timeout=10)
        return False


def run(args, program):
    report = check_json(program, args.db)
    target = pick_community(report)
    log(f"target: {target['code']} {target['name']} shortfall {target['shortfall_m2']} m²")
    year = report["year"] - 1

    with Window(program, args.db) as window:
        log("1. import")
        step_import(args, program, window.app, window.frame, target, year)
        log("2. export the workbook")
        step_export(args, window.app, window.frame)
        log("3. new database")
        step_new(args, window.app, window.frame)

    log("4. read-only")
    read_only = os.path.join(args.out, "e2e-actions-只读.db")
    if os.path.exists(read_only):
        os.chmod(read_only, 0o644)
        os.remove(read_only)
    subprocess.run([program, "init", read_only, "--sample"], check=True, capture_output=True)
    os.chmod(read_only, 0o444)
    with Window(program, read_only) as window:
        step_read_only(args, program, window.app, window.frame)
    log("PASS")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    run(args, os.environ["COMMUNITY_PLANNER"])


if __name__ == "__main__":
    main()
