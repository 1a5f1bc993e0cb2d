#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The facility page as a planner's tool (issue 9): counts and totals above the list, the
"only falling short" switch, the township drop-down's search, the note that the township filter
hides matches, an area typed as a Chinese keyboard types it, and two changes undone in turn.
Figures of the sample in 2025 counted by hand from `check --json`: 290 communities, 234
compliant, 56 falling short, shortfalls 2,759.4 m²; 顺山社区 lies in 河北街道, not 河南街道."""

import os
import sys
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_facility_page import (ENTRY_ROLES, SEARCH, TAB, CATALOGUE, click, fail, find_all,  # noqa
                                find_one, is_sensitive, list_rows, log, names, open_add_dialog,
                                screenshot, set_text, text_of, wait_for, wait_for_app)

import subprocess


def label_texts(root):
    return [text_of(l) for l in find_all(root, pyatspi.ROLE_LABEL)]


def wait_label(root, what, predicate):
    return wait_for(what, lambda: next((t for t in label_texts(root) if predicate(t)), None))


def drive(args, app_process):
    app = wait_for_app(app_process)
    frame = wait_for("the main window", lambda: next(
        (w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))
    click(find_one(frame, pyatspi.ROLE_PAGE_TAB, TAB, "the 设施规划 tab"))

    count = wait_label(frame, "the count", lambda t: t == "290 个社区（村）")
    totals = wait_label(frame, "the totals", lambda t: t.startswith("达标"))
    log(f"count: {count} / totals: {totals}")
    if totals != "达标 234 个 · 未达标 56 个 · 缺口合计 2759.4 ㎡":
        fail("totals: " + totals)

    switch = wait_for("the only-falling-short switch", lambda: next(
        (a for a in find_all(frame, (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
                                     pyatspi.ROLE_SWITCH if hasattr(pyatspi, "ROLE_SWITCH")
                                     else pyatspi.ROLE_TOGGLE_BUTTON), names("Only falling short"))
         ), None))
    click(switch)
    count = wait_label(frame, "the filtered count", lambda t: t == "显示 56 个，共 290 个社区（村）")
    log("switch on: " + count)
    screenshot(args.out, "fac9-only-failing.png")
    click(switch)
    wait_label(frame, "the count again", lambda t: t == "290 个社区（村）")

    # The township drop-down's button has a name (GTK 4.8 says "GtkToggleButton" otherwise).
    find_one(frame, pyatspi.ROLE_PUSH_BUTTON, names("Township"), "the township button by its name",
             exact=True)

    # An area as a Chinese keyboard types it; a message only for the fields touched.
    rows = wait_for("the rows", lambda: list_rows(frame) or None)
    table = find_all(frame, pyatspi.ROLE_LIST)
    first = next(r for t in table for r in t if r is not None
                 and r.getRole() == pyatspi.ROLE_TABLE_ROW)
    first.parent.querySelection().selectChild(first.getIndexInParent())
    dialog = open_add_dialog(app, frame)
    set_text(find_one(dialog, ENTRY_ROLES, names("_Name"), "the name field", exact=True),
             "e2e 全角")
    time.sleep(1.0)
    early = [t for t in label_texts(dialog) if "㎡" in t and "例如" in t]
    if early:
        fail("an area message shows before the area was touched: " + early[0])
    set_text(find_one(dialog, ENTRY_ROLES, names("_Total area (m²)"), "total", exact=True),
             "２５０ 平方米")
    set_text(find_one(dialog, ENTRY_ROLES, names("Ser_vice area (m²)"), "service", exact=True),
             "1e3")
    message = wait_label(dialog, "the exponent message", lambda t: "科学计数法" in t)
    log("service 1e3: " + message)
    screenshot(args.out, "fac9-dialog-numbers.png")
    set_text(find_one(dialog, ENTRY_ROLES, names("Ser_vice area (m²)"), "service", exact=True),
             "２２５。５")
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, names("_Save"), "Save")
    wait_for("Save to become sensitive", lambda: is_sensitive(save))
    click(save)
    added = wait_for("the added facility in the pane", lambda: next(
        (l for l in find_all(frame, pyatspi.ROLE_LABEL) if text_of(l).startswith("e2e 全角")),
        None))
    log("added: " + text_of(added).replace("\n", " | "))
    if "250.0\u00a0㎡" not in text_of(added):
        fail("the area is not 250.0 ㎡: " + text_of(added))

    # Delete it: nothing selected after; then undo the delete and the add, in turn.
    facility_list = next(l for l in find_all(frame, pyatspi.ROLE_LIST)
                         if any(n in (l.name or "") for n in names("Facilities of the community")))
    n_before = facility_list.childCount
    target = next(r for r in facility_list if r is not None
                  and any(text_of(l).startswith("e2e 全角") for l in find_all(r, pyatspi.ROLE_LABEL)))
    facility_list.querySelection().selectChild(target.getIndexInParent())
    click(find_one(frame, pyatspi.ROLE_PUSH_BUTTON, names("Delete Facility"), "Delete"))
    undo_text = wait_label(frame, "the undo bar", lambda t: t.startswith("已删除“e2e 全角”"))
    log("after delete: " + undo_text)
    time.sleep(0.5)
    selected = [r for r in facility_list if r is not None
                and r.getState().contains(pyatspi.STATE_SELECTED)]
    if selected:
        fail("a facility is selected after the delete")
    screenshot(args.out, "fac9-deleted-undo.png")
    undo = find_one(frame, pyatspi.ROLE_PUSH_BUTTON, names("_Undo"), "the Undo button")
    click(undo)
    wait_for("the facility back", lambda: any(
        text_of(l).startswith("e2e 全角") for l in find_all(frame, pyatspi.ROLE_LABEL)))
    log("undo 1: " + wait_label(frame, "undone", lambda t: t.startswith("已撤销")))
    click(undo)
    wait_for("the added facility gone (second undo)", lambda: not any(
        text_of(l).startswith("e2e 全角") for l in find_all(frame, pyatspi.ROLE_LABEL)))
    if facility_list.childCount != n_before - 1 and facility_list.childCount > n_before:
        fail("facility count after two undos")
    log("undo 2: the added facility is gone")
    log("PASS")


def main():
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
    env.pop("NO_AT_BRIDGE", None)
    process = subprocess.Popen([os.environ["COMMUNITY_PLANNER"], "--db", args.db], env=env)
    try:
        drive(args, process)
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
