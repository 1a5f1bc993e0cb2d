#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SIGKILL during a large import: the database is wholly before or wholly after, never partial.

Makes a facilities CSV of --rows rows (over the communities of a sample database), imports it
once to learn how long an import takes and what the database looks like after it, then --kills
times: copies the sample, starts `community-planner import facilities COPY CSV`, kills it with
SIGKILL after a random delay within the import's duration (seeded: --seed, printed; every second
kill falls in the last fifth, where the import commits), and checks
the copy in this process once the importer is gone:
  - `PRAGMA integrity_check` says ok;
  - every table's content hash is that of the database before the import (wholly before) or that
    of the database after the whole import (wholly after); anything else is "partial".
An import that ends before its moment is not counted as a kill (the moments then shrink to the
time it took); there are at most three times as many imports as kills.
Prints "N corrupt, N partial out of N kills" and exits 1 unless both are 0.

`make test` runs a small variant (30 kills during a 30,000-row import, about 30 s on two cores).
By hand, as issue 6 asks (30 kills during a 200,000-row import, a few minutes):
    COMMUNITY_PLANNER=_build/src/community-planner tests/test-kill-import.py --rows 200000
Another seed repeats other moments: --seed N (the seed of a failing run is printed first).
"""

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

KINDS = ("comprehensive", "childcare", "elderly_care", "rehabilitation", "reading",
         "culture_sports", "fitness", "market", "express")


def log(message):
    print(message, flush=True)


def make_csv(path, codes, rows, rng):
    with open(path, "w", encoding="utf-8") as out:
        out.write("community,name,kind,total_area_m2,service_area_m2,office_area_m2,"
                  "independent_offices,provision,status,year,government_invested,"
                  "property_registered,accessible,age_friendly,child_friendly\n")
        for i in range(rows):
            total = rng.randint(20, 2000)
            out.write(f"{codes[i % len(codes)]},压测设施 {i:06d},{KINDS[i % len(KINDS)]},"
                      f"{total},{total * 0.8:.1f},{total * 0.1:.1f},{i % 3},new,in_use,"
                      f"{2000 + i % 25},yes,no,yes,no,yes\n")


def content(db):
    """(integrity_check result, facility count, hash of every table's rows, sorted)."""
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchall()
        count = con.execute("SELECT count(*) FROM facility").fetchone()[0]
        digest = hashlib.sha256()
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"')):
                digest.update(row.encode())
        version = con.execute("PRAGMA user_version").fetchone()[0]
        digest.update(str(version).encode())
    finally:
        con.close()
    return integrity, count, digest.hexdigest()


def remove_db(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(db + suffix)
        except FileNotFoundError:
            pass


def import_command(program, db, csv):
    return [program, "import", "facilities", db, csv]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30000)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    program = os.environ["COMMUNITY_PLANNER"]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    log(f"seed {seed} (repeat with --seed {seed}); {args.rows} rows, {args.kills} kills")
    rng = random.Random(seed)
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")

    work = tempfile.mkdtemp(prefix="cp-kill-import.")
    kept_for_reading = False
    try:
        sample = os.path.join(work, "sample.db")
        subprocess.run([program, "init", sample, "--sample"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        con = sqlite3.connect(sample)
        codes = [r[0] for r in con.execute("SELECT code FROM community ORDER BY code")]
        con.close()
        csv = os.path.join(work, "facilities.csv")
        make_csv(csv, codes, args.rows, rng)
        integrity, before_count, before_hash = content(sample)
        if integrity != [("ok",)]:
            sys.exit(f"the sample itself fails integrity_check: {integrity}")

        # One whole import: its duration bounds the kill moments, its result is "after".
        whole = os.path.join(work, "whole.db")
        shutil.copyfile(sample, whole)
        start = time.monotonic()
        subprocess.run(import_command(program, whole, csv), check=True, env=env,
                       stdout=subprocess.DEVNULL)
        duration = time.monotonic() - start
        _, after_count, after_hash = content(whole)
        if after_count != before_count + args.rows:
            sys.exit(f"the whole import left {after_count} facilities, expected "
                     f"{before_count} + {args.rows}")
        log(f"before: {before_count} facilities; after: {after_count}; "
            f"import takes {duration:.2f} s")

        corrupt = partial = wholly_before = wholly_after = 0
        db = os.path.join(work, "killed.db")
        kills = finished = 0
        # An import that ends before its moment is not a kill: it counts apart, and the moments
        # of the next ones shrink to the time it took (the machine may be less busy than when
        # the first import was timed). At most three times as many imports as kills.
        for attempt in range(1, 3 * args.kills + 1):
            if kills == args.kills:
                break
            remove_db(db)
            shutil.copyfile(sample, db)
            # Half the kills anywhere in the import, half in its last fifth, where it commits.
            delay = duration * (rng.uniform(0.0, 1.0) if attempt % 2 else rng.uniform(0.8, 1.0))
            importer = subprocess.Popen(import_command(program, db, csv), env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            start = time.monotonic()
            while importer.poll() is None and time.monotonic() - start < delay:
                time.sleep(min(0.005, max(0.0, delay - (time.monotonic() - start))))
            if importer.poll() is None:
                importer.send_signal(signal.SIGKILL)
                kills += 1
                what = f"kill {kills:2d} at {delay:.3f} s"
            else:
                finished += 1
                duration = min(duration, time.monotonic() - start)
                what = f"import ended before {delay:.3f} s"
            status = importer.wait()
            integrity, count, digest = content(db)
            if integrity != [("ok",)]:
                corrupt += 1
                state = "CORRUPT " + repr(integrity[:3])
            elif digest == before_hash and count == before_count:
                wholly_before += 1
                state = "wholly before"
            elif digest == after_hash and count == after_count:
                wholly_after += 1
                state = "wholly after"
            else:
                partial += 1
                state = f"PARTIAL ({count} facilities)"
            log(f"{what} (exit {status}): {state}")
            if state.startswith(("CORRUPT", "PARTIAL")):
                shutil.copyfile(db, os.path.join(work, f"kept-{attempt}.db"))
        log(f"{wholly_before} wholly before, {wholly_after} wholly after; {finished} imports "
            f"ended before their moment")
        log(f"{corrupt} corrupt, {partial} partial out of {kills} kills")
        if corrupt or partial:
            log(f"the damaged copies are kept in {work}")
            kept_for_reading = True
            sys.exit(1)
    finally:
        if not kept_for_reading:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
