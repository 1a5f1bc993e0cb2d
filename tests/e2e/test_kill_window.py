#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SIGKILL the window at random moments during a sequence of saves (issue 6, point 3).

Each round starts the window on the same database, adds facilities one after another through
the Add Facility dialog, and kills the window with SIGKILL during the k-th save, a random delay
(0 to 0.3 s) after Save is pressed; k is 1 to 4 (seeded: the seed is printed; KILL_WINDOW_SEED=N
repeats it). After each kill, in a fresh connection:
  - `PRAGMA integrity_check` says ok;
  - every save whose dialog had closed before the kill is there, with the values entered;
  - a save still under way at the kill is wholly there or wholly absent;
  - nothing else has changed (the facility count is that of the saves found).
Prints "N corrupt, N partial, N lost out of N" and fails unless all are 0.

Not in `make test` (30 s for 3 rounds, and on a loaded machine GTK 4.8 now and then loses a
widget from the accessibility tree after "g_variant_new_object_path: assertion … failed", so a
round cannot always be driven to its moment; such a round is killed at once and checked all the
same, and counted apart). By hand, the 30 of issue 6 (about 5 minutes):
    KILL_WINDOW_KILLS=30 COMMUNITY_PLANNER=_build/src/community-planner \\
    COMMUNITY_PLANNER_LOCALEDIR=_build/po GSETTINGS_SCHEMA_DIR=_build/resources \\
    tests/e2e/run-e2e.sh tests/e2e/test_kill_window.py /tmp/kill-window
"""

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_facility_page import (ENTRY_ROLES, SAVE, SEARCH, TAB, check_json, click,  # noqa
                                fail, fill_dialog, find_app, find_one, is_closed, is_sensitive,
                                list_rows, log,
                                open_add_dialog, set_text, wait_for, wait_for_app)


def facilities(db):
    """{name: (total, service)} of every facility, read in a fresh connection; and the result
    of integrity_check."""
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchall()
        rows = {name: (total, service) for name, total, service in con.execute(
            "SELECT name, total_area_m2, service_area_m2 FROM facility")}
    finally:
        con.close()
    return integrity, rows


def save_facilities(app, frame, round_no, saves, last, delay, kill):
    """Adds @last facilities; kill() @delay seconds after pressing Save of the last one. Each
    entry of @saves is [name, total, service, confirmed] (confirmed: its dialog closed before
    the kill)."""
    for i in range(1, last + 1):
        name = f"断电测试 {round_no:02d}-{i:03d}"
        total = 10.0 + round_no + i / 10
        service = round(total * 0.5, 1)
        entry = [name, total, service, False]
        dialog = open_add_dialog(app, frame)
        fill_dialog(dialog, name, f"{total:.1f}", f"{service:.1f}")
        save = find_one(dialog, pyatspi.ROLE_PUSH_BUTTON, SAVE, "the Save button")
        wait_for("Save to become sensitive", lambda: is_sensitive(save))
        if is_closed(app, dialog):
            fail("the Add Facility dialog does not show as open")
        saves.append(entry)
        click(save)
        if i == last:
            time.sleep(delay)
            kill()
            return
        wait_for("the dialog to close after Save", lambda: is_closed(app, dialog))
        entry[3] = True


def run_round(args, program, round_no, rng, target, env):
    _, before = facilities(args.db)
    window = subprocess.Popen([program, "--db", args.db], env=env)
    saves = []
    hiccup = False
    last = rng.randint(1, 4)
    delay = rng.uniform(0.0, 0.3)
    try:
        app = wait_for_app(window)
        frame = wait_for("the main window", lambda: next(
            (w for w in app if w is not None and w.getRole() == pyatspi.ROLE_FRAME), None))
        click(find_one(frame, pyatspi.ROLE_PAGE_TAB, TAB, "the 设施规划 tab"))
        set_text(find_one(frame, ENTRY_ROLES, SEARCH, "the search entry"), target)
        wait_for("the list to show only " + target, lambda: len(list_rows(frame)) == 1
                 and list_rows(frame)[0][0] == target)
        save_facilities(app, frame, round_no, saves, last, delay,
                        lambda: window.send_signal(signal.SIGKILL))
    except SystemExit:
        # The window could not be driven to its kill (on a loaded machine GTK 4.8 sometimes
        # loses a widget from the accessibility tree). Kill it now and check what it saved.
        hiccup = True
    finally:
        if window.poll() is None:
            window.send_signal(signal.SIGKILL)
        window.wait(timeout=10)
    # The next window must not find this one on the bus.
    wait_for("the killed window to leave the accessibility bus",
             lambda: find_app("community-planner") is None, timeout=30)

    integrity, after = facilities(args.db)
    corrupt = integrity != [("ok",)]
    lost = [s[0] for s in saves if s[3] and s[0] not in after]
    partial = [s[0] for s in saves if s[0] in after and after[s[0]] != (s[1], s[2])]
    expected = dict(before)
    expected.update({s[0]: (s[1], s[2]) for s in saves if s[0] in after})
    others = sorted(set(after.items()) ^ set(expected.items()))
    state = "ok"
    if corrupt:
        state = f"CORRUPT {integrity[:3]}"
    elif lost:
        state = f"LOST {lost}"
    elif partial or others:
        state = f"PARTIAL {partial} {others[:4]}"
    if hiccup:
        what = f"killed after {len(saves)} saves, not driven to its moment (see FAIL above)"
    else:
        kept = "kept" if saves[-1][0] in after else "not kept"
        what = f"killed {delay:.2f} s into save {last} (that one {kept})"
    log(f"round {round_no:2d}: {what}; {len(after) - len(before)} facilities added: {state}")
    return corrupt, bool(lost), bool(partial or others), hiccup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    program = os.environ["COMMUNITY_PLANNER"]
    kills = int(os.environ.get("KILL_WINDOW_KILLS", "3"))
    seed = int(os.environ.get("KILL_WINDOW_SEED") or random.SystemRandom().randrange(1 << 32))
    log(f"seed {seed} (repeat with KILL_WINDOW_SEED={seed}); {kills} kills")
    rng = random.Random(seed)
    target = check_json(program, args.db)["communities"][0]["code"]
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
    env.pop("NO_AT_BRIDGE", None)
    corrupt = lost = partial = hiccups = 0
    for round_no in range(1, kills + 1):
        c, l, p, h = run_round(args, program, round_no, rng, target, env)
        corrupt += c
        lost += l
        partial += p
        hiccups += h
    log(f"{corrupt} corrupt, {partial} partial, {lost} lost out of {kills}; "
        f"{hiccups} rounds not driven to their moment")
    if corrupt or partial or lost:
        fail("the window lost or damaged saves when it was killed")
    if hiccups > kills // 3:
        fail(f"{hiccups} of {kills} rounds could not be driven through the window")
    log("PASS")


if __name__ == "__main__":
    main()
