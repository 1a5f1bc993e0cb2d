#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The staff dialog's year grade, service agreement and special deduction, through AT-SPI.

Adds a person on the 三岗十八级 page with the grade of the page's year, a service agreement and a
monthly special additional deduction. An agreement that expires before it starts and a deduction
that is no amount are refused next to their fields while Save stays insensitive; then the right
values are stored (read back from the database). Editing the person shows what was stored; an
emptied expiry makes the same agreement open-ended (still one agreement), and a later start adds
a second agreement. Widgets are found by role and accessible name only. Screenshots go to
--shots (default: the output folder) as sdlg-*.png.
"""

import argparse
import os
import subprocess
import sys

import pyatspi

import test_staff_page as sp
from test_staff_page import (ENTRY_ROLES, click, db_query, fail, find_all, find_one, is_sensitive,
                             labels, names, screenshot, set_text, text_of, wait_for, window_named)

ADD = names("_Add Staff Member…")
EDIT = names("Edit Staff Member")
DIALOG_ADD = names("Add Staff Member")
DIALOG_EDIT = names("Edit Staff Member")
YEAR = sp.YEAR
GRADE = (sp.normalise(sp.CATALOGUE.gettext("Grade for _year %d") % YEAR),
         sp.normalise("Grade for _year %d" % YEAR))
AGREEMENT_START = names("Service agreement _begins")
AGREEMENT_END = names("Service agreement e_xpires")
DEDUCTION = names("Special deduction (yuan a _month)")
END_MESSAGE = tuple(t.split("%")[0] for t in (
    sp.CATALOGUE.gettext("Service agreement expires: %s is before the start, %s; enter a day on "
                         "or after it, or nothing for an open-ended agreement."),
    "Service agreement expires: %s"))
DEDUCTION_MESSAGE = tuple(t.split("%")[0] for t in (
    sp.CATALOGUE.gettext("Special deduction: “%s” %s"), "Special deduction: “%s” %s"))
EXCELLENT = sp.CATALOGUE.gettext("Excellent")
COMPETENT = sp.CATALOGUE.gettext("Competent")
KEY_DOWN = 0xff54
KEY_RETURN = 0xff0d

# 220281 (蛟河市) · born 1988-03-02 · sequence 012: the check character is 5. The digits times
# the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2: 14+18+0+10+64+4+2+9+48+24+0+27+0+10+0+4+4 = 238;
# 238 mod 11 = 7, and place 7 of GB 11643's table 1 0 X 9 8 7 6 5 4 3 2 is 5.
ID = "220281198803020125"
PERSON = "e2e协议测试员"


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def is_focused(accessible):
    return accessible.getState().contains(pyatspi.STATE_FOCUSED)


def shown_choice(combo):
    button = find_all(combo, pyatspi.ROLE_PUSH_BUTTON)[0]
    return [text_of(label) for label in find_all(button, pyatspi.ROLE_LABEL)]


def choose(combo, wanted):
    """Opens the drop-down and moves the focus with Down to @wanted, then Return (GTK 4.8's
    list items have no action of their own)."""
    click(find_one(combo, pyatspi.ROLE_PUSH_BUTTON, None, "the drop-down's button"))

    def focused_item():
        return next((item for item in find_all(combo, pyatspi.ROLE_LIST_ITEM)
                     if is_focused(item)), None)

    for _ in range(8):
        item = wait_for("a focused item in the drop-down", focused_item)
        if any(text_of(label) == wanted for label in find_all(item, pyatspi.ROLE_LABEL)):
            press(KEY_RETURN)
            break
        press(KEY_DOWN)
        wait_for("the focus to move", lambda: focused_item() not in (None, item))
    else:
        fail(f"the drop-down has no item {wanted}")
    wait_for(f"the drop-down to show {wanted}", lambda: wanted in shown_choice(combo))


def field(dialog, wanted, what):
    return find_one(dialog, ENTRY_ROLES, wanted, what, exact=True)


def message_starting(dialog, prefixes):
    return next((label for label in find_all(dialog, pyatspi.ROLE_LABEL)
                 if any(text_of(label).startswith(p) for p in prefixes)), None)


def agreements(db):
    return db_query(db, "SELECT a.start_date, a.end_date FROM staff_agreement a "
                        "JOIN staff s ON s.id = a.staff_id WHERE s.name = ? "
                        "ORDER BY a.start_date", PERSON)


def grade(db):
    return db_query(db, "SELECT g.grade FROM staff_grade g JOIN staff s ON s.id = g.staff_id "
                        "WHERE s.name = ? AND g.year = ?", PERSON, YEAR)


def add_person(args, app, frame):
    set_text(find_one(frame, ENTRY_ROLES, sp.SEARCH, "the search entry"), PERSON)
    wait_for("the roster list", lambda: sp.staff_list(frame))
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, ADD, "the Add Staff Member button"))
    dialog = wait_for("the Add Staff Member dialog", lambda: window_named(app, DIALOG_ADD))
    set_text(field(dialog, sp.FULL_NAME, "the name field"), PERSON)
    set_text(field(dialog, sp.ID_NUMBER, "the ID number field"), ID)
    set_text(field(dialog, sp.WORK_START, "the work start field"), "2010-09-01")
    set_text(field(dialog, sp.SERVICE_START, "the service start field"), "2016-05-01")
    choose(find_one(dialog, pyatspi.ROLE_COMBO_BOX, GRADE, "the grade drop-down", exact=True),
           EXCELLENT)
    set_text(field(dialog, AGREEMENT_START, "the agreement start field"), "2024-01-01")
    end = field(dialog, AGREEMENT_END, "the agreement end field")
    set_text(end, "2023-12-31")
    deduction = field(dialog, DEDUCTION, "the special deduction field")
    set_text(deduction, "一千五")
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, sp.SAVE, "the Save button")

    end_message = wait_for("the expiry message", lambda: message_starting(dialog, END_MESSAGE))
    sp.log("message: " + text_of(end_message))
    sp.check_next_to(end_message, end)
    if is_sensitive(save):
        fail("Save is sensitive with an agreement that ends before it starts")
    screenshot(args.shots, "sdlg-wrong-end.png")

    set_text(end, "2026-12-31")
    deduction_message = wait_for("the deduction message",
                                 lambda: message_starting(dialog, DEDUCTION_MESSAGE))
    sp.log("message: " + text_of(deduction_message))
    sp.check_next_to(deduction_message, deduction)
    if is_sensitive(save):
        fail("Save is sensitive with a deduction that is no amount")

    set_text(deduction, "1500.5")
    wait_for("Save to become sensitive", lambda: is_sensitive(save))
    screenshot(args.shots, "sdlg-add.png")
    click(save)
    wait_for("the new person in the list",
             lambda: [r for r in sp.list_rows(frame) if r[0] == PERSON])
    # 1500.5 yuan = 150,050 fen.
    stored = db_query(args.db, "SELECT special_deduction_fen FROM staff WHERE name = ?", PERSON)
    if stored != [(150050,)]:
        fail(f"the deduction stored is {stored}, not 150050 fen")
    if grade(args.db) != [("excellent",)]:
        fail(f"the grade of {YEAR} stored is {grade(args.db)}")
    if agreements(args.db) != [("2024-01-01", "2026-12-31")]:
        fail(f"the agreements stored are {agreements(args.db)}")


def edit_person(args, app, frame):
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, EDIT, "the Edit button"))
    return wait_for("the Edit Staff Member dialog", lambda: window_named(app, DIALOG_EDIT))


def edit_agreement(args, app, frame):
    dialog = edit_person(args, app, frame)
    start = field(dialog, AGREEMENT_START, "the agreement start field")
    end = field(dialog, AGREEMENT_END, "the agreement end field")
    shown = (text_of(start), text_of(end), text_of(field(dialog, DEDUCTION, "the deduction")))
    if shown != ("2024-01-01", "2026-12-31", "1500.50"):
        fail(f"the dialog shows {shown}")
    combo = find_one(dialog, pyatspi.ROLE_COMBO_BOX, GRADE, "the grade drop-down", exact=True)
    if EXCELLENT not in shown_choice(combo):
        fail(f"the grade shown is {shown_choice(combo)}")
    # The previous year has no grade for a new person: the line under the drop-down says so.
    previous = sp.CATALOGUE.gettext("No grade entered for %d") % (YEAR - 1)
    if previous not in labels(dialog):
        fail(f"no “{previous}” in the dialog")
    choose(combo, COMPETENT)
    set_text(end, "")
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, sp.SAVE, "the Save button")
    wait_for("Save to become sensitive", lambda: is_sensitive(save))
    screenshot(args.shots, "sdlg-edit.png")
    click(save)
    wait_for("the dialog to close", lambda: window_named(app, DIALOG_EDIT) is None)
    # The same start: its end is updated (open-ended), no second agreement.
    wait_for("the open-ended agreement",
             lambda: agreements(args.db) == [("2024-01-01", None)])
    if grade(args.db) != [("competent",)]:
        fail(f"the grade of {YEAR} stored is {grade(args.db)}")

    dialog = edit_person(args, app, frame)
    set_text(field(dialog, AGREEMENT_START, "the agreement start field"), "2027-01-01")
    set_text(field(dialog, AGREEMENT_END, "the agreement end field"), "2029-12-31")
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, sp.SAVE, "the Save button")
    wait_for("Save to become sensitive", lambda: is_sensitive(save))
    click(save)
    wait_for("the dialog to close", lambda: window_named(app, DIALOG_EDIT) is None)
    # A new start: a second agreement, the first kept.
    wait_for("the second agreement", lambda: agreements(args.db)
             == [("2024-01-01", None), ("2027-01-01", "2029-12-31")])
    sp.log("agreements: " + repr(agreements(args.db)))


def drive(args, app_process):
    def started():
        if app_process.poll() is not None:
            fail(f"the window exited with status {app_process.returncode}")
        return sp.find_app()
    app = wait_for("the application on the accessibility bus", started, timeout=sp.APP_TIMEOUT)
    frame = wait_for("the main window", lambda: next(
        (w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))
    click(find_one(frame, pyatspi.ROLE_PAGE_TAB, sp.TAB, "the 三岗十八级 tab"))
    add_person(args, app, frame)
    edit_agreement(args, app, frame)
    sp.log("PASS")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--shots", default=os.environ.get("CP_SHOTS"))
    args = parser.parse_args()
    args.shots = args.shots or args.out
    os.makedirs(args.shots, exist_ok=True)
    sp.SHOTS.append(args.shots)
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
    env.pop("NO_AT_BRIDGE", None)
    app_process = subprocess.Popen([os.environ["COMMUNITY_PLANNER"], "--db", args.db], env=env)
    try:
        drive(args, app_process)
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
