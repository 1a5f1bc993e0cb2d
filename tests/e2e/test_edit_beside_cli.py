#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Nothing lost when another program opens the window's database (issue 6, point 2).

The window adds a facility through its dialog; `community-planner check DB` then opens and closes
the same file in a process of its own; the window adds a second facility; the window is killed
with SIGKILL. Both facilities must be in the file afterwards (a fresh `check --json` and sqlite3
see them, `PRAGMA integrity_check` says ok), and while the window still runs its /proc/PID/fd
must not list the database's -wal or -shm as "(deleted)".

Before the fix the window read the file's header with fopen()/fclose() while its connection was
open: that dropped the POSIX locks SQLite holds on the file, the CLI's connection then believed
itself the last one, checkpointed and deleted the WAL under the window, and every later edit of
the window went into a deleted file and was lost with the kill.
"""

import argparse
import os
import signal
import sqlite3
import subprocess
import sys

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_facility_page import (COMPLIANT, ENTRY_ROLES, FALLS_SHORT, SAVE, SEARCH, TAB,  # noqa
                                check_json, click, fail, find_one, is_sensitive, list_rows,
                                log, open_add_dialog, fill_dialog, set_text, wait_for,
                                wait_for_app)

FIRST = "e2e 先加的服务站"
SECOND = "e2e 后加的服务站"


def short_on_area(report, count):
    """The first @count communities whose only problem is the area."""
    found = [c for c in report["communities"]
             if c["violations"] == ["area"] and c["shortfall_m2"] > 0][:count]
    if len(found) < count:
        fail(f"the sample has fewer than {count} communities that fall short on area alone")
    return found


def deleted_files(pid, db):
    """The database's files that the process @pid still holds open although they are deleted."""
    fd_dir = f"/proc/{pid}/fd"
    found = []
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if target.startswith(db) and target.endswith(" (deleted)"):
            found.append(target)
    return found


def add_facility(app, frame, community, name):
    """Adds a facility large enough for @community to pass, through the dialog, and waits for
    the community's row to turn compliant."""
    search = find_one(frame, ENTRY_ROLES, SEARCH, "the search entry")
    set_text(search, community["code"])
    rows = wait_for("the list to show only " + community["code"],
                    lambda: [r for r in list_rows(frame)] if len(list_rows(frame)) == 1
                    and list_rows(frame)[0][0] == community["code"] else None)
    if not any(rows[0][-1].startswith(n) for n in FALLS_SHORT):
        fail(f"{community['code']} is not shown as falling short: {rows[0][-1]}")
    total = round(community["shortfall_m2"] + 250.0, 1)
    dialog = open_add_dialog(app, frame)
    fill_dialog(dialog, name, f"{total:.1f}", f"{total * 0.9:.1f}")
    save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, SAVE, "the Save button")
    wait_for("Save to become sensitive", lambda: is_sensitive(save))
    click(save)
    rows = wait_for(f"the row of {community['code']} to turn compliant", lambda: [
        r for r in list_rows(frame) if r[0] == community["code"] and r[-1] in COMPLIANT])
    log(f"added {name} to {community['code']}: " + " | ".join(rows[0]))


def run(args, program):
    db = os.path.abspath(args.db)
    first, second = short_on_area(check_json(program, db), 2)
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
    env.pop("NO_AT_BRIDGE", None)
    window = subprocess.Popen([program, "--db", db], env=env)
    try:
        app = wait_for_app(window)
        frame = wait_for("the main window", lambda: next(
            (w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))
        click(find_one(frame, pyatspi.ROLE_PAGE_TAB, TAB, "the 设施规划 tab"))

        add_facility(app, frame, first, FIRST)

        # Another program opens and closes the same file while the window keeps its connection.
        cli = subprocess.run([program, "check", db], capture_output=True,
                             env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
        if cli.returncode != 0:
            fail(f"check {db} exited with {cli.returncode}: {cli.stderr.decode()}")
        log("community-planner check: exit 0")
        deleted = deleted_files(window.pid, db)
        if deleted:
            fail("after `check`, the window holds deleted files of its database: "
                 + ", ".join(deleted))
        log("the window holds no deleted -wal/-shm")

        add_facility(app, frame, second, SECOND)
        deleted = deleted_files(window.pid, db)
        if deleted:
            fail("after the second edit, the window holds deleted files of its database: "
                 + ", ".join(deleted))
    finally:
        # As a power cut would: no chance to checkpoint or close anything.
        if window.poll() is None:
            window.send_signal(signal.SIGKILL)
        window.wait(timeout=10)
    log("window killed with SIGKILL")

    after = check_json(program, db)
    for community, name in ((first, FIRST), (second, SECOND)):
        checked = next(c for c in after["communities"] if c["code"] == community["code"])
        if checked["violations"] != []:
            fail(f"after the kill, check --json has lost the facility {name} of "
                 f"{community['code']}: {checked}")
    con = sqlite3.connect(db)
    try:
        names = sorted(r[0] for r in con.execute(
            "SELECT name FROM facility WHERE name IN (?, ?)", (FIRST, SECOND)))
        integrity = con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()
    if names != sorted([FIRST, SECOND]):
        fail(f"after the kill, the file holds {names} of the two facilities added")
    if integrity != [("ok",)]:
        fail(f"PRAGMA integrity_check: {integrity}")
    log("after the kill: both facilities there, check --json compliant, integrity ok")
    log("PASS")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    run(args, os.environ["COMMUNITY_PLANNER"])


if __name__ == "__main__":
    main()
