#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Round trip of `export workbook`: the sample's workbook read back by two independent readers
(openpyxl and LibreOffice's CSV export) holds the same numbers as `check --json`, a chart, and
the page setup the bureau prints with. Runs in the C locale, so the words are the English source
strings; the sheet names are Chinese in every locale."""
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

try:
    import openpyxl
except ImportError:
    openpyxl = None

PLANNER = os.environ["COMMUNITY_PLANNER"]
YEAR = "2025"
RULES = ["area", "rural_building", "service_share", "no_office", "coverage", "relocation",
         "registered"]
DETAIL_HEADER = ["Code", "Township", "Name", "Kind", "Households", "Required m²", "Actual m²",
                 "Shortfall m²", "Result", "Area per 100 households", "Rural building size",
                 "Service area share", "No independent offices", "Facility coverage",
                 "Relocation site fully compliant", "Property registration"]
SUMMARY_HEADER = ["Code", "Township", "Communities", "Compliant", "Compliant share", "Covered",
                  "Coverage rate", "Households", "Required m²", "Actual m²", "Shortfall m²",
                  "m² per 100 households", "Standard m² per 100 households"]
SUMMARY_HEADER_ROW = 3  # title, note, header
KINDS = {"urban": "Urban community", "rural": "Village"}
# A broken rule's column names the failure; a rule that does not apply is "—" (issue 9).
FAILURES = {"area": "Area per 100 households too small", "rural_building": "Rural building too small",
            "service_share": "Service area share too low", "no_office": "Has independent offices",
            "coverage": "Not covered (no comprehensive service facility in use)",
            "relocation": "Relocation site not fully compliant",
            "registered": "Property not registered"}


def rule_words(community, relocation_sites):
    """The words of the rule columns of a community of check --json: its failures, "—" for a
    rule that does not apply (no facility counted, 农村单体 of a 社区, 安置点 of a community that
    is not one), else Met."""
    covered = "coverage" not in community["violations"]
    words = []
    for rule in RULES:
        if rule in community["violations"]:
            words.append(FAILURES[rule])
        elif (rule == "rural_building" and not (community["kind"] == "rural" and covered)
              or rule in ("service_share", "no_office", "registered") and not covered
              or rule == "relocation" and community["code"] not in relocation_sites):
            words.append("—")
        else:
            words.append("Met")
    return words


def relocation_sites(db):
    import sqlite3
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return {code for (code,) in con.execute(
            "SELECT code FROM community WHERE relocation_site")}


def run(*args):
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=600)


def libreoffice_version():
    """(major, minor) of the installed LibreOffice, or None."""
    if shutil.which("libreoffice") is None:
        return None
    out = subprocess.run(["libreoffice", "--version"], capture_output=True, text=True,
                         timeout=120).stdout
    match = re.search(r"LibreOffice (\d+)\.(\d+)", out)
    return (int(match.group(1)), int(match.group(2))) if match else None


def expected_townships(communities):
    """Per township name: the totals worked out from check --json's communities."""
    towns = {}
    for c in communities:
        t = towns.setdefault(c["township"], {"communities": 0, "compliant": 0, "households": 0,
                                             "required": 0.0, "actual": 0.0, "shortfall": 0.0})
        t["communities"] += 1
        t["compliant"] += not c["violations"]
        t["households"] += c["households"]
        t["required"] += c["required_area_m2"]
        t["actual"] += c["actual_area_m2"]
        t["shortfall"] += c["shortfall_m2"]
    return towns


class Exported:
    """The sample, its check and its workbook, made once for every test."""
    tmp = db = out_dir = xlsx = check = export = None


def setUpModule():
    Exported.tmp = tempfile.TemporaryDirectory()
    Exported.db = os.path.join(Exported.tmp.name, "sample.db")
    Exported.out_dir = os.path.join(Exported.tmp.name, "out")
    os.mkdir(Exported.out_dir)
    Exported.xlsx = os.path.join(Exported.out_dir, "设施达标.xlsx")
    r = run("init", Exported.db, "--sample")
    assert r.returncode == 0, r.stderr
    r = run("check", Exported.db, "--json", "--year", YEAR)
    assert r.returncode == 0, r.stderr
    Exported.check = json.loads(r.stdout)
    Exported.export = run("export", "workbook", Exported.db, "-o", Exported.xlsx, "--year", YEAR)


def tearDownModule():
    Exported.tmp.cleanup()


class RoundTrip(unittest.TestCase, Exported):
    def setUp(self):
        self.assertEqual(self.export.returncode, 0, self.export.stderr)


class File(RoundTrip):
    def test_file(self):
        # The sample has more than one community of each result, else the comparison is idle.
        results = {bool(c["violations"]) for c in self.check["communities"]}
        self.assertEqual(results, {False, True})
        self.assertGreater(len(self.check["communities"]), 100)
        with open(self.xlsx, "rb") as f:
            self.assertEqual(f.read(2), b"PK")
        # Only the workbook in its folder: the temporary file was renamed, nothing left over.
        self.assertEqual(os.listdir(self.out_dir), [os.path.basename(self.xlsx)])
        with zipfile.ZipFile(self.xlsx) as z:
            names = z.namelist()
            self.assertIn("xl/charts/chart1.xml", names)
            chart = z.read("xl/charts/chart1.xml").decode("utf-8")
        # Two column series over the summary sheet's township rows.
        self.assertEqual(chart.count("<c:ser>"), 2)
        self.assertIn("汇总", chart)
        self.assertIn("Facility area per 100 households by township", chart)

    def test_again_replaces(self):
        r = run("export", "workbook", self.db, "-o", self.xlsx, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.listdir(self.out_dir), [os.path.basename(self.xlsx)])

    def test_bad_folder_is_a_data_error(self):
        missing = os.path.join(self.tmp.name, "missing", "out.xlsx")
        r = run("export", "workbook", self.db, "-o", missing, "--year", YEAR)
        self.assertEqual(r.returncode, 1)
        self.assertIn("missing", r.stderr)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))


@unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
class ReadWithOpenpyxl(RoundTrip):
    def book(self):
        return openpyxl.load_workbook(self.xlsx)

    def detail_rows(self, book):
        """Header and rows of "设施达标" and its continuations, in order."""
        sheets = [name for name in book.sheetnames if name.startswith("设施达标")]
        self.assertEqual(sheets[0], "设施达标")
        rows = []
        for name in sheets:
            values = list(book[name].iter_rows(values_only=True))
            self.assertEqual(list(values[0]), DETAIL_HEADER, name)
            rows.extend(values[1:])
        return rows

    def test_sheets(self):
        book = self.book()
        # The facility sheets, then the staff sheets (tests/test-staff-reports.py reads them).
        self.assertEqual(book.sheetnames, ["汇总", "设施达标", "花名册", "工资表", "晋级名单"])

    def test_every_community(self):
        rows = self.detail_rows(self.book())
        communities = self.check["communities"]
        self.assertEqual([r[0] for r in rows], [c["code"] for c in communities])
        for row, c in zip(rows, communities):
            with self.subTest(code=c["code"]):
                self.assertEqual(row[1:4], (c["township"], c["name"], KINDS[c["kind"]]))
                for value in row[4:8]:
                    self.assertIsInstance(value, (int, float))  # numbers, not text
                self.assertEqual(row[4], c["households"])
                self.assertAlmostEqual(row[5], c["required_area_m2"], places=6)
                self.assertAlmostEqual(row[6], c["actual_area_m2"], places=6)
                self.assertAlmostEqual(row[7], c["shortfall_m2"], places=6)
                self.assertEqual(row[8], "Not compliant" if c["violations"] else "Compliant")
                self.assertEqual(list(row[9:16]), rule_words(c, relocation_sites(self.db)))

    def test_summary(self):
        sheet = self.book()["汇总"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertIn(YEAR, rows[0][0])
        self.assertEqual(list(rows[SUMMARY_HEADER_ROW - 1]), SUMMARY_HEADER)
        body = rows[SUMMARY_HEADER_ROW:]
        total_index = [r[1] for r in body].index("Total")
        townships, total = body[:total_index], body[total_index]
        self.assertEqual(len(townships), 17)  # the 17 township-level units of 蛟河市

        expected = expected_townships(self.check["communities"])
        for row in townships:
            with self.subTest(township=row[1]):
                e = expected[row[1]]
                self.assertEqual(row[2], e["communities"])
                self.assertEqual(row[3], e["compliant"])
                self.assertAlmostEqual(row[4], e["compliant"] / e["communities"], places=9)
                self.assertEqual(row[7], e["households"])
                self.assertAlmostEqual(row[8], round(e["required"], 1), places=6)
                self.assertAlmostEqual(row[9], round(e["actual"], 1), places=6)
                self.assertAlmostEqual(row[10], round(e["shortfall"], 1), places=6)
                self.assertAlmostEqual(row[11], round(e["actual"] * 100 / e["households"], 1),
                                       places=6)
                self.assertEqual(row[12], self.check["standards"]["area_per_100_households_m2"])

        s = self.check["summary"]
        self.assertEqual(total[2], s["communities"])
        self.assertEqual(total[3], s["compliant"])
        self.assertAlmostEqual(total[6], s["coverage_rate"], places=4)
        self.assertAlmostEqual(total[10], s["total_shortfall_m2"], places=6)
        for col in range(2, 12):
            self.assertIsInstance(total[col], (int, float), SUMMARY_HEADER[col])

    def test_layout(self):
        book = self.book()
        props = book.properties
        self.assertEqual(props.creator, "蛟河市民政局")
        self.assertIn(YEAR, props.title)
        self.assertIsNotNone(props.created)
        sheet = book["设施达标"]
        n = len(self.check["communities"])
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, f"A1:P{n + 1}")
        self.assertEqual(sheet.print_title_rows, "$1:$1")
        self.assertTrue(sheet["A1"].font.b)
        self.assertEqual(sheet["A1"].fill.fgColor.rgb[-6:], "DDEBF7")
        self.assertEqual(sheet["F2"].number_format, "0.0")
        self.assertEqual(book["汇总"]["E4"].number_format, "0.0%")
        for name in book.sheetnames:
            ws = book[name]
            self.assertEqual(int(ws.page_setup.paperSize), 9, name)  # A4
            self.assertEqual(ws.page_setup.orientation, "landscape", name)
            self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage, name)
            self.assertIn(ws.page_setup.fitToWidth, (None, 1), name)  # 1 is the default
            self.assertEqual(int(ws.page_setup.fitToHeight), 0, name)
            footer = ws.oddFooter.center.text
            self.assertIn("&P", footer, name)
            self.assertIn("&N", footer, name)


class ReadWithLibreOffice(RoundTrip):
    version = None
    files = None

    @classmethod
    def setUpClass(cls):
        cls.version = libreoffice_version()

    def convert(self):
        """Every sheet as CSV (LibreOffice ≥ 7.2), else only the first one; converted once."""
        if self.version is None:
            self.skipTest("LibreOffice is not installed")
        if ReadWithLibreOffice.files is None:
            ReadWithLibreOffice.files = self.run_libreoffice()
        return ReadWithLibreOffice.files

    def run_libreoffice(self):
        out = os.path.join(self.tmp.name, "csv")
        home = os.path.join(self.tmp.name, "lo-home")
        os.makedirs(home, exist_ok=True)
        filter_name = "csv"
        if self.version >= (7, 2):
            # separator, quote, UTF-8, from line 1, -, -, -, -, raw values (not as shown), -, -,
            # every sheet into its own file
            filter_name = ("csv:Text - txt - csv (StarCalc):"
                           "44,34,76,1,,0,false,true,false,false,false,-1")
        env = dict(os.environ, HOME=home)
        r = subprocess.run(["libreoffice", f"-env:UserInstallation=file://{home}/profile",
                            "--headless", "--convert-to", filter_name, "--outdir", out, self.xlsx],
                           capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        files = sorted(glob.glob(os.path.join(out, "*.csv")))
        self.assertTrue(files, r.stdout + r.stderr)
        return files

    @staticmethod
    def read_csv(path):
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    @staticmethod
    def number(text):
        text = text.replace(",", "")
        if text.endswith("%"):
            return float(text[:-1]) / 100
        return float(text)

    def test_every_community(self):
        files = self.convert()
        detail = [f for f in files if f.endswith("-设施达标.csv")]
        if not detail:
            self.skipTest(f"LibreOffice {self.version} converts only the first sheet")
        rows = self.read_csv(detail[0])
        self.assertEqual(rows[0], DETAIL_HEADER)
        communities = self.check["communities"]
        self.assertEqual([r[0] for r in rows[1:]], [c["code"] for c in communities])
        for row, c in zip(rows[1:], communities):
            with self.subTest(code=c["code"]):
                self.assertEqual(self.number(row[4]), c["households"])
                self.assertAlmostEqual(self.number(row[5]), c["required_area_m2"], places=6)
                self.assertAlmostEqual(self.number(row[6]), c["actual_area_m2"], places=6)
                self.assertAlmostEqual(self.number(row[7]), c["shortfall_m2"], places=6)
                self.assertEqual(row[8], "Not compliant" if c["violations"] else "Compliant")
                self.assertEqual(row[9:16], rule_words(c, relocation_sites(self.db)))

    def test_summary(self):
        files = self.convert()
        summary = [f for f in files if f.endswith("-汇总.csv")] or files[:1]
        rows = self.read_csv(summary[0])
        self.assertEqual(rows[SUMMARY_HEADER_ROW - 1], SUMMARY_HEADER)
        total = next(r for r in rows if len(r) > 1 and r[1] == "Total")
        s = self.check["summary"]
        self.assertEqual(self.number(total[2]), s["communities"])
        self.assertEqual(self.number(total[3]), s["compliant"])
        self.assertAlmostEqual(self.number(total[6]), s["coverage_rate"], places=4)
        self.assertAlmostEqual(self.number(total[10]), s["total_shortfall_m2"], places=6)


# The fixture of tests/data/fixture-*.csv, kept as tests/data/schema-1.db (made by the program at
# schema 1; opening a copy also proves that such a file still opens). Worked out by hand with the
# plan's standards: required = households × 30 / 100; actual = total area of the in-use
# comprehensive facilities built by the year; shortfall = required − actual when positive.
#   民主社区 urban 1000 hh: required 300.0; 党群服务中心 450.5 → short 0; compliant.
#   光明社区 urban 1500 hh, relocation site: required 450.0; 服务中心 400 (service 300 = 75% < 80%,
#     1 independent office, government-invested and unregistered); 二部 60 counts from 2026.
#     2025: actual 400.0, short 50.0: area, service share, offices, relocation, registration.
#     2026: actual 460.0, short 0: the same but area.
#   新站村 rural 420 hh: required 126.0; 服务中心 180 (the 卫生室 is not comprehensive) → short 0,
#     but a rural building under 200 m².
#   新丰村 rural 150 hh: required 45.0; no facility → actual 0, short 45.0: area, coverage.
# Townships: 民主街道 2500 hh, required 750.0, actual 850.5 (2026: 910.5), short 50.0 (2026: 0),
# 850.5 × 100 / 2500 = 34.02 → 34.0 (2026: 36.42 → 36.4) m² per 100 households; 新站镇 570 hh,
# required 171.0, actual 180.0, short 45.0, 180 × 100 / 570 = 31.58 → 31.6. Total 3070 hh,
# required 921.0, actual 1030.5 (2026: 1090.5), short 95.0 (2026: 45.0), 33.57 → 33.6
# (2026: 35.52 → 35.5); compliant 1 of 4 (0.25), covered 3 of 4 (0.75).
M, X = "Met", "—"
A, R, S, O, C, L, G = (FAILURES[rule] for rule in RULES)
HAND_DETAIL = {
    "2025": [
        ("220281001001", "民主街道", "民主社区", "Urban community", 1000, 300, 450.5, 0,
         "Compliant", M, X, M, M, M, X, M),
        ("220281001002", "民主街道", "光明社区", "Urban community", 1500, 450, 400, 50,
         "Not compliant", A, X, S, O, M, L, G),
        ("220281100201", "新站镇", "新站村", "Village", 420, 126, 180, 0,
         "Not compliant", M, R, M, M, M, X, M),
        ("220281100202", "新站镇", "新丰村", "Village", 150, 45, 0, 45,
         "Not compliant", A, X, X, X, C, X, X),
    ],
}
HAND_DETAIL["2026"] = [HAND_DETAIL["2025"][0],
                       ("220281001002", "民主街道", "光明社区", "Urban community", 1500, 450, 460,
                        0, "Not compliant", M, X, S, O, M, L, G),
                       *HAND_DETAIL["2025"][2:]]
HAND_SUMMARY = {
    "2025": [
        ("220281001", "民主街道", 2, 1, 0.5, 2, 1, 2500, 750, 850.5, 50, 34, 30),
        ("220281100", "新站镇", 2, 0, 0, 1, 0.5, 570, 171, 180, 45, 31.6, 30),
        (None, "Total", 4, 1, 0.25, 3, 0.75, 3070, 921, 1030.5, 95, 33.6, 30),
    ],
    "2026": [
        ("220281001", "民主街道", 2, 1, 0.5, 2, 1, 2500, 750, 910.5, 0, 36.4, 30),
        ("220281100", "新站镇", 2, 0, 0, 1, 0.5, 570, 171, 180, 45, 31.6, 30),
        (None, "Total", 4, 1, 0.25, 3, 0.75, 3070, 921, 1090.5, 45, 35.5, 30),
    ],
}


@unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
class HandWorked(unittest.TestCase):
    """The workbook of the small fixture holds the numbers worked out by hand above."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "schema-1.db")
        data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
        shutil.copyfile(os.path.join(data, "schema-1.db"), cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def rows(self, year):
        out = os.path.join(self.tmp.name, f"{year}.xlsx")
        r = run("export", "workbook", self.db, "-o", out, "--year", year)
        self.assertEqual(r.returncode, 0, r.stderr)
        book = openpyxl.load_workbook(out)
        self.assertEqual(book.sheetnames, ["汇总", "设施达标"])
        return ([tuple(r) for r in book["汇总"].iter_rows(values_only=True)],
                [tuple(r) for r in book["设施达标"].iter_rows(values_only=True)])

    def assert_rows(self, actual, expected):
        self.assertEqual(len(actual), len(expected))
        for a, e in zip(actual, expected):
            self.assertEqual(len(a), len(e), a)
            for x, y in zip(a, e):
                if isinstance(y, (int, float)) and not isinstance(y, bool):
                    self.assertIsInstance(x, (int, float), a)  # a number, not text
                    self.assertAlmostEqual(x, y, places=9, msg=a)
                else:
                    self.assertEqual(x, y, a)

    def test_years(self):
        for year in ("2025", "2026"):
            with self.subTest(year=year):
                summary, detail = self.rows(year)
                self.assertEqual(summary[0][0], f"Community service facilities of 蛟河市, {year}")
                self.assertEqual(list(summary[2]), SUMMARY_HEADER)
                self.assert_rows(summary[3:], HAND_SUMMARY[year])
                self.assertEqual(list(detail[0]), DETAIL_HEADER)
                self.assert_rows(detail[1:], HAND_DETAIL[year])


if __name__ == "__main__":
    unittest.main(verbosity=2)
