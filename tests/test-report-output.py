#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reports written whole or not at all, and only valid text in them:
  - onto a full disk (a file size limit: writes past it fail with EFBIG) every export exits 1
    with one line naming the file, and leaves neither the file nor a part file;
  - part files of an export killed half-way are removed by the next export to that name, unless
    a live export holds them locked;
  - names with invalid UTF-8, noncharacters or control characters (a hand-edited database) come
    out as U+FFFD in valid JSON, XML, PDF text;
  - names that look like formulas stay text in the workbook and read literally in the PDFs."""
import fcntl
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

try:
    import openpyxl
except ImportError:
    openpyxl = None

PLANNER = os.environ["COMMUNITY_PLANNER"]
YEAR = "2025"
# Above the database's -shm (32 KiB), below every export of the sample (the smallest, the PNG
# chart, is about 53 KB).
SIZE_LIMIT = 40000
REPLACEMENT = "\ufffd"


def run(*args, lang="C.UTF-8", size_limit=None):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    env.pop("LANGUAGE", None)

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size_limit, size_limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=600,
                          preexec_fn=limit if size_limit else None)


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def make_sample(folder):
    db = os.path.join(folder, "sample.db")
    r = run("init", db, "--sample")
    assert r.returncode == 0, r.stderr
    return db


def update(db, statements):
    """Edits the database by hand, as a user with sqlite3 would."""
    connection = sqlite3.connect(db)
    with connection:
        for sql in statements:
            connection.execute(sql)
    connection.close()


def xml_parts(xlsx):
    with zipfile.ZipFile(xlsx) as z:
        return {name: z.read(name) for name in z.namelist()
                if name.endswith(".xml") or name.endswith(".rels")}


class Folder(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = make_sample(self.tmp.name)
        self.out = os.path.join(self.tmp.name, "out")
        os.mkdir(self.out)

    def tearDown(self):
        self.tmp.cleanup()


class FullDisk(Folder):
    EXPORTS = [("summary.pdf", ["summary"]), ("chart.pdf", ["chart", "facilities"]),
               ("chart.png", ["chart", "facilities"]), ("chart.svg", ["chart", "facilities"])]

    def export(self, name, words, lang="C.UTF-8", size_limit=SIZE_LIMIT):
        out = os.path.join(self.out, name)
        return run("export", words[0], self.db, *words[1:], "-o", out, "--year", YEAR, lang=lang,
                   size_limit=size_limit)

    def test_each_export_fails_whole(self):
        for name, words in self.EXPORTS:
            with self.subTest(name):
                # Without the limit the file is larger than the limit: the test can fail.
                r = self.export(name, words, size_limit=None)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertGreater(os.path.getsize(os.path.join(self.out, name)), SIZE_LIMIT)
                os.unlink(os.path.join(self.out, name))

                r = self.export(name, words)
                self.assertEqual(r.returncode, 1, name)
                self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
                self.assertIn(f"Cannot write “{os.path.join(self.out, name)}”: the disk is full",
                              r.stderr)
                self.assertEqual(os.listdir(self.out), [])

    def test_message_in_chinese(self):
        r = self.export("summary.pdf", ["summary"], lang="zh_CN.UTF-8")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn("磁盘已满", r.stderr)
        self.assertNotIn("disk is full", r.stderr)


class StaleParts(Folder):
    def test_unlocked_parts_of_the_same_name_go(self):
        names = {
            ".r.pdf.0badc0de.part": False,   # ours, left by a killed export: removed
            ".r.pdf.12345678.part": True,    # ours, locked by a live export: stays
            ".r.pdf.1234567.part": True,     # seven digits: not ours
            ".r.pdf.ABCDEF12.part": True,    # capitals: not ours
            ".other.pdf.0badc0de.part": True,  # another output's
            "r.pdf.0badc0de.part": True,     # not hidden
        }
        for name in names:
            with open(os.path.join(self.out, name), "w") as f:
                f.write("half a PDF")
        with open(os.path.join(self.out, ".r.pdf.12345678.part"), "r+") as live:
            fcntl.flock(live, fcntl.LOCK_EX)
            r = run("export", "summary", self.db, "-o", os.path.join(self.out, "r.pdf"),
                    "--year", YEAR)
            self.assertEqual(r.returncode, 0, r.stderr)
        expected = {name for name, stays in names.items() if stays} | {"r.pdf"}
        self.assertEqual(set(os.listdir(self.out)), expected)


BAD_TOWNSHIP = ("'民主' || X'0C' || char(0xFFFE) || CAST(X'FF' AS TEXT) || '街道' "
                "|| char(0xFDD0) || char(0xFFFF)")
BAD_COMMUNITY = "CAST(X'EFBFBE' AS TEXT) || '顺' || CAST(X'FF80' AS TEXT) || char(12) || '山社区'"


class InvalidText(Folder):
    """A township and a community (one short of area, so in the summary's list) with bad text."""

    def setUp(self):
        super().setUp()
        update(self.db, [
            f"UPDATE township SET name = {BAD_TOWNSHIP} WHERE code = '220281001'",
            f"UPDATE community SET name = {BAD_COMMUNITY} WHERE code = '220281001002'",
            "UPDATE setting SET value = '蛟河' || char(0xFDEF) || '市' WHERE key = 'city_name'",
        ])

    def test_check_json_decodes(self):
        r = subprocess.run([PLANNER, "check", self.db, "--json", "--year", YEAR],
                           capture_output=True, env=dict(os.environ, LC_ALL="C.UTF-8"))
        self.assertEqual(r.returncode, 0, r.stderr)
        data = json.loads(r.stdout.decode("utf-8"))
        names = {c["code"]: (c["township"], c["name"]) for c in data["communities"]}
        self.assertEqual(names["220281001002"], ("民主\ufffd\ufffd\ufffd街道\ufffd\ufffd",
                                                 "\ufffd顺\ufffd\ufffd\ufffd山社区"))

    def test_check_text_is_utf8(self):
        r = subprocess.run([PLANNER, "check", self.db, "--year", YEAR], capture_output=True,
                           env=dict(os.environ, LC_ALL="C.UTF-8"))
        self.assertEqual(r.returncode, 0, r.stderr)
        text = r.stdout.decode("utf-8")
        self.assertNotIn("\f", text)
        self.assertIn("\ufffd顺\ufffd\ufffd\ufffd山社区", text)
        self.assertIn("蛟河\ufffd市", text)

    def test_workbook_is_well_formed(self):
        out = os.path.join(self.out, "w.xlsx")
        r = run("export", "workbook", self.db, "-o", out, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        parts = xml_parts(out)
        self.assertIn("xl/sharedStrings.xml", parts)
        self.assertIn("xl/charts/chart1.xml", parts)
        for name, data in parts.items():
            with self.subTest(name):
                ET.fromstring(data)
        self.assertIn("民主\ufffd\ufffd\ufffd街道\ufffd\ufffd",
                      parts["xl/charts/chart1.xml"].decode("utf-8"))
        if openpyxl is not None:
            book = openpyxl.load_workbook(out)
            names = {row[0].value: row[2].value for row in book["设施达标"].iter_rows(min_row=2)}
            self.assertEqual(names["220281001002"], "\ufffd顺\ufffd\ufffd\ufffd山社区")

    def test_summary_and_chart_pdf(self):
        summary = os.path.join(self.out, "s.pdf")
        r = run("export", "summary", self.db, "-o", summary, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = pdftotext(summary)
        self.assertIn("山社区", text)
        self.assertIn("街道", text)
        self.assertNotIn("\f民主", text)
        chart = os.path.join(self.out, "c.pdf")
        r = run("export", "chart", self.db, "facilities", "-o", chart, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        # The long name is drawn rotated: its characters come out one a line.
        text = pdftotext(chart)
        self.assertIn("民", text)
        self.assertIn(REPLACEMENT, text)


HOSTILE_TOWNSHIPS = {
    "220281001": "=SUM(A1:A9)",
    "220281002": "+1+1",
    "220281003": "-2-2",
    "220281004": "@cmd",
    "220281005": "\tTab街道",
}
HOSTILE_COMMUNITY = '=HYPERLINK("http://example.invalid","x")'


class HostileText(Folder):
    """Formula-like names: text in the workbook, literal in the PDFs."""

    def setUp(self):
        super().setUp()
        connection = sqlite3.connect(self.db)
        with connection:
            for code, name in HOSTILE_TOWNSHIPS.items():
                connection.execute("UPDATE township SET name = ? WHERE code = ?", (name, code))
            connection.execute("UPDATE community SET name = ? WHERE code = '220281001002'",
                               (HOSTILE_COMMUNITY,))
        connection.close()

    def test_workbook_has_no_formula(self):
        out = os.path.join(self.out, "w.xlsx")
        r = run("export", "workbook", self.db, "-o", out, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        parts = xml_parts(out)
        sheets = [name for name in parts if name.startswith("xl/worksheets/sheet")]
        self.assertGreaterEqual(len(sheets), 2)
        for name in sheets:
            self.assertIsNone(re.search(rb"<f[ >]", parts[name]), name)
        shared = parts["xl/sharedStrings.xml"].decode("utf-8")
        for name in HOSTILE_TOWNSHIPS.values():
            self.assertIn(name.replace('"', "&quot;"), shared)
        if openpyxl is None:
            return
        book = openpyxl.load_workbook(out)
        detail = {row[0].value: (row[1], row[2]) for row in book["设施达标"].iter_rows(min_row=2)}
        township, community = detail["220281001002"]
        self.assertEqual((township.data_type, township.value), ("s", "=SUM(A1:A9)"))
        self.assertEqual((community.data_type, community.value), ("s", HOSTILE_COMMUNITY))
        summary = {row[0].value: row[1] for row in book["汇总"].iter_rows(min_row=4)}
        for code, name in HOSTILE_TOWNSHIPS.items():
            self.assertEqual((summary[code].data_type, summary[code].value), ("s", name))

    def test_pdfs_show_them_literally(self):
        summary = os.path.join(self.out, "s.pdf")
        r = run("export", "summary", self.db, "-o", summary, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = pdftotext(summary)
        for name in ["=SUM(A1:A9)", "+1+1", "-2-2", "@cmd", "Tab街道", HOSTILE_COMMUNITY[:12]]:
            self.assertIn(name, text)
        chart = os.path.join(self.out, "c.pdf")
        r = run("export", "chart", self.db, "facilities", "-o", chart, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        # Labels wrap in their slots: "=SUM(" over "A1:A9)".
        text = re.sub(r"\s+", "", pdftotext(chart))
        for name in ["=SUM(", "A1:A9)", "+1+1", "-2-2", "@cmd", "Tab街"]:
            self.assertIn(name, text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
