#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No edit is lost when another program opens the database the window has open (issue 6).

A helper process plays the window: one connection kept open, a second one opened by path and freed
(a background job). Another process then opens and closes the file. If the helper held any
descriptor of the database outside SQLite, closing it dropped the helper's POSIX locks, and the
other program, believing itself the last one, checkpointed and deleted the -wal and -shm under the
helper: its next write went to a deleted file and died with it."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import unittest

PLANNER = os.environ["COMMUNITY_PLANNER"]
HELPER = sys.argv.pop(1) if len(sys.argv) > 1 else os.environ.get("STORE_LOCK_HELPER")
COMMUNITY = "220281001002"  # 顺山社区 of the sample
FACILITY = "顺山社区新建服务站"


def run(*args):
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=600)


def actual_area(db):
    r = run("check", db, "--year", "2025", "--json")
    assert r.returncode == 0, r.stderr
    rows = [c for c in json.loads(r.stdout)["communities"] if c["code"] == COMMUNITY]
    return rows[0]["actual_area_m2"]


def deleted_files(pid):
    """The files process @pid has open that are gone from their folder."""
    fd_dir = f"/proc/{pid}/fd"
    targets = []
    for fd in os.listdir(fd_dir):
        try:
            targets.append(os.readlink(os.path.join(fd_dir, fd)))
        except OSError:
            pass
    return [t for t in targets if t.endswith(" (deleted)")]


class OtherProgramOpensTheFile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "s2.db")
        r = run("init", self.db, "--sample")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.helper = subprocess.Popen([HELPER, self.db, COMMUNITY, FACILITY], text=True,
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def tearDown(self):
        if self.helper.poll() is None:
            self.helper.kill()
        self.helper.wait()
        self.tmp.cleanup()

    def expect(self, word):
        self.assertEqual(self.helper.stdout.readline().strip(), word)

    def other_program(self, how):
        if how == "sqlite":
            con = sqlite3.connect(self.db)
            self.assertGreater(con.execute("SELECT count(*) FROM community").fetchone()[0], 0)
            con.close()
        else:
            r = run("check", self.db)
            self.assertEqual(r.returncode, 0, r.stderr)

    def scenario(self, how):
        self.expect("ready")
        before = actual_area(self.db)
        self.other_program(how)
        # The helper's connection still holds its locks: nobody removed its WAL.
        self.assertTrue(os.path.exists(self.db + "-wal"))
        self.assertTrue(os.path.exists(self.db + "-shm"))
        self.assertEqual(deleted_files(self.helper.pid), [])

        self.helper.stdin.write("go\n")
        self.helper.stdin.flush()
        self.expect("written")
        self.assertEqual(deleted_files(self.helper.pid), [])
        self.other_program(how)
        self.helper.send_signal(signal.SIGKILL)
        self.helper.wait()

        # The write survives the kill: a fresh program sees it, and the file is sound.
        self.assertAlmostEqual(actual_area(self.db), before + 100.0, places=1)
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
        self.assertEqual(con.execute("SELECT total_area_m2 FROM facility WHERE name = ?",
                                     (FACILITY,)).fetchall(), [(100.0,)])
        con.close()

    def test_sqlite_opens_and_closes(self):
        self.scenario("sqlite")

    def test_planner_check_opens_and_closes(self):
        self.scenario("planner")


if __name__ == "__main__":
    unittest.main(verbosity=2)
