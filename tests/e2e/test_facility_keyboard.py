#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The facility page by keyboard only (issue 9, points 8, 11 and the keyboard-only path): every
step is a key sent through the accessibility bus (Tab, arrows, Return, Space, shortcuts, access
keys, typed text), never an action done on a widget. From the start: the township drop-down's
search (typing 河南 leaves 河南街道 and hides 河北街道), the community list as one Tab stop (arrows
move inside it, the next Tab leaves it), the sort menu, and a facility added with Ctrl+Shift+N.
Figures of the sample in 2026 from `check --json`: 河南街道 has 6 communities; the largest
shortfall is 东安社区's 423.9 m² (no comprehensive facility in use), then 德强社区's 246.6 m²."""

import os
import subprocess
import sys
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_facility_page import (ENTRY_ROLES, fail, find_all, list_rows, log, names,  # noqa
                                screenshot, text_of, walk, wait_for, wait_for_app)

KEY_TAB = 0xff09
KEY_RETURN = 0xff0d
KEY_DOWN = 0xff54
KEY_SPACE = 0x20
KEY_HOME = 0xff50
# Keycodes of Xvfb's default keymap for the modifiers, pressed and released around a key.
KEYCODE = {"Control": 37, "Shift": 50, "Alt": 64}


def key(sym, *modifiers):
    for m in modifiers:
        pyatspi.Registry.generateKeyboardEvent(KEYCODE[m], None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(sym, None, pyatspi.KEY_SYM)
    for m in reversed(modifiers):
        pyatspi.Registry.generateKeyboardEvent(KEYCODE[m], None, pyatspi.KEY_RELEASE)
    time.sleep(0.3)


def type_text(text):
    """Types @text a character at a time: the bus maps each character to a spare key in turn,
    and the window must see one mapping before the next."""
    for character in text:
        pyatspi.Registry.generateKeyboardEvent(0, character, pyatspi.KEY_STRING)
        time.sleep(0.3)


def focused(app):
    """The accessible that has the keyboard focus, in any window of @app."""
    for window in app:
        if window is None:
            continue
        for a in walk(window):
            try:
                if a.getState().contains(pyatspi.STATE_FOCUSED):
                    return a
            except Exception:
                pass
    return None


def describe(a):
    return "nothing" if a is None else f"{a.getRoleName()} “{text_of(a)[:40]}”"


def ancestors(a):
    while a is not None:
        yield a
        try:
            a = a.parent
        except Exception:
            return


def in_community_list(a):
    """Whether @a lies in the community list (the column view named Communities)."""
    return any((p.name or "") in names("Communities") for p in ancestors(a))


def label_texts(root):
    return [text_of(l) for l in find_all(root, pyatspi.ROLE_LABEL)]


def wait_label(root, what, predicate):
    return wait_for(what, lambda: next((t for t in label_texts(root) if predicate(t)), None))


def township_items(frame):
    """The names in the township drop-down's popup: the list beside its search entry."""
    search = next((e for e in find_all(frame, ENTRY_ROLES) if e.name == "GtkSearchEntry"), None)
    for parent in ancestors(search):
        lists = find_all(parent, pyatspi.ROLE_LIST)
        if lists:
            return [t for t in (text_of(l) for l in find_all(lists[0], pyatspi.ROLE_LABEL)) if t]
    return []


def drive(args, app_process):
    app = wait_for_app(app_process)
    frame = wait_for("the main window", lambda: next(
        (w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))
    wait_label(frame, "the count", lambda t: t == "290 个社区（村）")
    start = wait_for("the first focus", lambda: focused(app))
    log("focus at the start: " + describe(start))

    # 1. The township drop-down: its button has the focus; Space opens it on the chosen item,
    # and what is typed goes to its search.
    if start.getRole() != pyatspi.ROLE_PUSH_BUTTON or not any(
            n == start.name for n in names("Township")):
        fail("the window does not start on the township button: " + describe(start))
    key(KEY_SPACE)
    wait_for("the drop-down's list to take the focus", lambda: (
        lambda f: f if f is not None and f.getRole() == pyatspi.ROLE_LIST_ITEM else None)(
            focused(app)))
    log("the drop-down shows " + ", ".join(township_items(frame)))
    type_text("河南")
    try:
        shown = wait_for("the search to leave 河南街道 only", lambda: (
            lambda items: items if items == ["河南街道"] else None)(township_items(frame)))
    except SystemExit:
        search = next((e for e in find_all(frame, ENTRY_ROLES) if e.name == "GtkSearchEntry"),
                      None)
        log(f"the drop-down's search holds “{text_of(search)}” and shows "
            + ", ".join(township_items(frame)))
        raise
    log("typing 河南 leaves: " + ", ".join(shown))
    screenshot(args.out, "fac9rest-township-search.png")
    key(KEY_RETURN)
    wait_label(frame, "河南街道's count", lambda t: t == "6 个社区（村）")
    log("河南街道 chosen by keyboard: 6 个社区（村）")

    # 2. The list is one Tab stop: Tab from the search entry reaches it (after the filters, the
    # sort menu and 标准), arrows move inside it, the next Tab leaves it.
    key(KEY_TAB)
    search = focused(app)
    if search is None or not any(n == search.name for n in names("Search communities")):
        fail("Tab after the township button does not reach the search: " + describe(search))
    tabs = 0
    while not in_community_list(focused(app)):
        tabs += 1
        if tabs > 8:
            fail("8 Tabs from the search do not reach the list; now on " + describe(focused(app)))
        key(KEY_TAB)
    log(f"the list after {tabs} Tabs from the search: {describe(focused(app))}")
    first = wait_label(frame, "the first row's detail", lambda t: t.endswith("河南街道）"))
    key(KEY_DOWN)
    if not in_community_list(focused(app)):
        fail("Down left the list: " + describe(focused(app)))
    second = wait_label(frame, "the second row's detail",
                        lambda t: t.endswith("河南街道）") and t != first)
    log(f"Down moves inside the list: {first} → {second}")
    key(KEY_TAB)
    after = focused(app)
    if in_community_list(after):
        fail("a second Tab stays in the list: " + describe(after))
    log("the next Tab leaves the list for " + describe(after))

    # 3. The sort menu by keyboard: Shift+Tab back into the list, Shift+Tab to the search,
    # Tab on to 排序; Return opens it, Down to 缺口（㎡）, Return sorts the largest first.
    key(KEY_TAB, "Shift")
    if not in_community_list(focused(app)):
        fail("Shift+Tab from the detail does not come back to the list: "
             + describe(focused(app)))
    key(KEY_TAB, "Shift")
    for _ in range(6):
        if any(n in text_of(focused(app)) for n in names("Sort")):
            break
        key(KEY_TAB)
    sort = focused(app)
    if sort is None or not any(n in text_of(sort) for n in names("Sort")):
        fail("Tab does not reach the sort menu: " + describe(sort))
    log("the sort menu button: " + describe(sort))
    key(KEY_RETURN)
    item = wait_for("the sort menu's first item", lambda: (
        lambda f: f if f is not None and f.getRole() == pyatspi.ROLE_MENU_ITEM else None)(
            focused(app)))
    log("sort menu open on " + describe(item))
    for _ in range(12):
        if text_of(focused(app)).startswith("缺口"):
            break
        key(KEY_DOWN)
    screenshot(args.out, "fac9rest-sort-menu.png")
    log("sort menu on " + describe(focused(app)))
    key(KEY_RETURN)
    rows = wait_for("东安社区 first, then 德强社区", lambda: (
        lambda r: r if len(r) >= 2 and "东安社区" in r[0] and "德强社区" in r[1] else None)(
            list_rows(frame)))
    log("sorted by shortfall: " + " / ".join(" ".join(r[:3]) for r in rows[:2]))

    # 4. A facility added by keyboard: into the list (Tab ×2 from the sort menu button: 标准,
    # the list), Home to its first row, Ctrl+Shift+N, the name typed, access keys to the areas,
    # Return saves.
    for _ in range(2):
        key(KEY_TAB)
    if not in_community_list(focused(app)):
        fail("Tab from the sort menu does not reach the list: " + describe(focused(app)))
    key(KEY_HOME)
    log("in the list on " + describe(focused(app)) + "; heading "
        + next((t for t in label_texts(frame) if t.endswith("河南街道）")), "none"))
    wait_label(frame, "东安社区's detail", lambda t: t.startswith("东安社区（"))
    key(ord("n"), "Control", "Shift")
    dialog = wait_for("the add dialog", lambda: next(
        (w for w in app if w is not None and w.getRole() in (pyatspi.ROLE_DIALOG,
                                                              pyatspi.ROLE_FRAME)
         and w != frame and w.getState().contains(pyatspi.STATE_ACTIVE)), None))
    field = wait_for("the name field to take the focus", lambda: (
        lambda f: f if f is not None and f.getRole() in ENTRY_ROLES else None)(focused(app)))
    type_text("东安社区党群服务中心")
    key(ord("t"), "Alt")
    type_text("450")
    key(ord("v"), "Alt")
    type_text("400")
    screenshot(args.out, "fac9rest-add-by-keyboard.png")
    log("name: " + text_of(field))
    key(KEY_RETURN)
    added = wait_for("the added facility in the pane", lambda: next(
        (t for t in label_texts(frame) if t.startswith("东安社区党群服务中心")), None))
    log("added by keyboard: " + added.replace("\n", " | "))
    if "450.0\u00a0㎡" not in added:
        fail("the added facility does not read 450.0 ㎡: " + added)
    detail = wait_label(frame, "东安社区's area met", lambda t: t.startswith("每百户面积：达标"))
    log("detail: " + detail.split("\n")[0])
    # The totals follow: 东安社区 now complies, 1,058.0 − 423.9 = 634.1 m² left in 河南街道.
    totals = wait_label(frame, "the totals", lambda t: t.startswith("达标"))
    if totals != "达标 2 个 · 未达标 4 个 · 缺口合计 634.1 ㎡":
        fail("the totals after the add: " + totals)
    log("totals: " + totals)
    screenshot(args.out, "fac9rest-added-by-keyboard.png")
    log("PASS")


def main():
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN",
               COMMUNITY_PLANNER_TODAY="2026-11-27")
    env.pop("NO_AT_BRIDGE", None)
    process = subprocess.Popen([os.environ["COMMUNITY_PLANNER"], "--db", args.db], env=env)
    try:
        drive(args, process)
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
