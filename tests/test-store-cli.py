#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Database files the command line must refuse (issue 6): each gives exit status 1, one line in the
locale (SQLite's own words only at the end, never SQL text), returns at once (a pipe is never
opened), and leaves the file as it was."""
import os
import sqlite3
import subprocess
import tempfile
import unittest

PLANNER = os.environ["COMMUNITY_PLANNER"]
DATA = os.path.join(os.environ["G_TEST_SRCDIR"], "data")
SQL_WORDS = ("PRAGMA", "BEGIN", "CREATE TABLE", "SELECT", "INSERT")


def run(*args, lang="C.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    # The timeout only guards against a hang (a pipe opened for reading waits for ever).
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=60)


def fingerprint(path):
    st = os.stat(path)
    with open(path, "rb") as f:
        return f.read(), st.st_mtime_ns


class RefusedFiles(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def planner_db(self, name):
        db = self.path(name)
        r = run("init", db, "--sample")
        self.assertEqual(r.returncode, 0, r.stderr)
        return db

    def commands(self, db):
        return (["check", db], ["check", db, "--json"],
                ["import", "townships", db, os.path.join(DATA, "townships.csv")],
                ["export", "workbook", db, "-o", self.path("out.xlsx")])

    def assert_refused(self, db, english, chinese, commands=None):
        """Every command refuses @db with the words @english / @chinese; @db is unchanged."""
        before = fingerprint(db) if os.path.isfile(db) else None
        for args in commands or self.commands(db):
            for lang, words in (("C.UTF-8", english), ("zh_CN.UTF-8", chinese)):
                with self.subTest(args=args[:2], lang=lang):
                    r = run(*args, lang=lang)
                    self.assertEqual(r.returncode, 1, r.stderr)
                    self.assertEqual(r.stdout, "")
                    self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
                    self.assertIn(words, r.stderr)
                    for word in SQL_WORDS:
                        self.assertNotIn(word, r.stderr)
        if before is not None:
            self.assertEqual(fingerprint(db), before)
        self.assertFalse(os.path.exists(self.path("out.xlsx")))

    def test_zero_byte_file(self):
        db = self.path("zero.db")
        open(db, "wb").close()
        self.assert_refused(db, "is empty (0 bytes): it is not a planner database",
                            "是空文件（0 字节），不是规划台数据库")
        self.assertEqual(os.path.getsize(db), 0)
        self.assertEqual(sorted(os.listdir(self.dir)), ["zero.db"])

    def test_fifo(self):
        db = self.path("pipe.db")
        os.mkfifo(db)
        self.assert_refused(db, "is not a regular file", "不是普通文件")

    def test_folder_and_device(self):
        folder = self.path("folder.db")
        os.mkdir(folder)
        self.assert_refused(folder, "is a folder", "是文件夹")
        self.assert_refused("/dev/zero", "is not a regular file", "不是普通文件",
                            [["check", "/dev/zero"]])

    def test_symlink_loop(self):
        os.symlink("b.db", self.path("a.db"))
        os.symlink("a.db", self.path("b.db"))
        self.assert_refused(self.path("a.db"), "loop of links", "循环指向的符号链接",
                            [["check", self.path("a.db")], ["init", self.path("a.db")]])
        self.assertEqual(os.readlink(self.path("a.db")), "b.db")  # init did not remove it

    def test_tables_without_schema_version(self):
        db = self.planner_db("v0.db")
        con = sqlite3.connect(db)
        con.execute("PRAGMA user_version = 0")
        con.close()
        self.assert_refused(db, "has tables but no schema version", "有数据表却没有结构版本号")

    def test_damaged_file(self):
        db = self.planner_db("damaged.db")
        with open(db, "r+b") as f:  # the schema on page 1, behind the 100-byte header
            f.seek(100)
            f.write(b"\x55" * 300)
        self.assert_refused(db, "cannot be read: the file is damaged", "文件已损坏")
        r = run("check", db, lang="zh_CN.UTF-8")
        self.assertTrue(r.stderr.rstrip().endswith("（database disk image is malformed）"),
                        r.stderr)

    def test_locked_database(self):
        db = self.planner_db("locked.db")
        con = sqlite3.connect(db, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")  # another program is writing
        try:
            # Reading is not blocked by a writer (WAL) ...
            self.assertEqual(run("check", db).returncode, 0)
            # ... writing is, and says so once the busy timeout is over.
            r = run("import", "townships", db, os.path.join(DATA, "townships.csv"),
                    lang="zh_CN.UTF-8")
        finally:
            con.execute("ROLLBACK")
            con.close()
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
        self.assertIn("另一个程序正在使用", r.stderr)
        self.assertIn("请稍后再试", r.stderr)
        self.assertTrue(r.stderr.rstrip().endswith("（database is locked）"), r.stderr)
        self.assertNotIn("BEGIN", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
