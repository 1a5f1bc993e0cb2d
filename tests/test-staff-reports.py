#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The staff parts of the reports on the sample: the workbook's 工资表 adds up to the pay slips of
`pay --json` (read back with openpyxl and with LibreOffice's CSV export), its subtotals per
community and township add up to the grand total; a desensitized workbook holds no identity
number, phone or birth date of anyone anywhere in its XML (and the plain one does, so the search
can find them); the printed summary has its 社工岗 section."""
import csv
import glob
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import zipfile

try:
    import openpyxl
except ImportError:
    openpyxl = None

PLANNER = os.environ["COMMUNITY_PLANNER"]
YEAR, MONTH = "2025", "6"
SHEETS = ["汇总", "设施达标", "花名册", "工资表", "晋级名单"]
# Columns of 工资表 (C locale): month, township, community code, community, name, identity
# number, post, level, probation, then the money columns in this order.
MONEY_COLUMNS = ["Base pay", "Performance pay", "Qualification allowance", "Gross pay",
                 "Contribution base", "Pension, employee", "Medical, employee",
                 "Unemployment, employee", "Housing fund, employee", "Employee total",
                 "Income tax", "Net pay", "Pension, employer", "Medical, employer",
                 "Unemployment, employer", "Work injury, employer", "Housing fund, employer",
                 "Employer total"]
FIRST_MONEY = 9
NAME, ID_NUMBER, COMMUNITY_CODE, TOWNSHIP, COMMUNITY = 4, 5, 2, 1, 3


def run(*args, lang="C.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    env.pop("LANGUAGE", None)
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=600)


def fen(value):
    return round(float(value) * 100)


def slip_lines(s):
    """A pay slip of pay --json as the money columns of 工资表, in fen."""
    employee = [fen(v) for v in s["employee"].values()]
    employer = [fen(v) for v in s["employer"].values()]
    return ([fen(s["base"]), fen(s["performance"]), fen(s["allowance"]), fen(s["gross"]),
             fen(s["contribution_base"])] + employee + [sum(employee), fen(s["income_tax"]),
                                                        fen(s["net"])]
            + employer + [sum(employer)])


class Data:
    tmp = db = xlsx = desensitized = pay = None


def setUpModule():
    Data.tmp = tempfile.TemporaryDirectory()
    Data.db = os.path.join(Data.tmp.name, "sample.db")
    r = run("init", Data.db, "--sample")
    assert r.returncode == 0, r.stderr
    r = run("pay", Data.db, "--year", YEAR, "--month", MONTH, "--json")
    assert r.returncode == 0, r.stderr
    Data.pay = json.loads(r.stdout)
    Data.xlsx = os.path.join(Data.tmp.name, "out", "workbook.xlsx")
    Data.desensitized = os.path.join(Data.tmp.name, "out-d", "workbook.xlsx")
    for path, extra in ((Data.xlsx, []), (Data.desensitized, ["--desensitize"])):
        os.makedirs(os.path.dirname(path))
        r = run("export", "workbook", Data.db, "-o", path, "--year", YEAR, "--month", MONTH,
                *extra)
        assert r.returncode == 0, r.stderr


def tearDownModule():
    Data.tmp.cleanup()


def check_pay_rows(test, rows):
    """@rows: the 工资表 rows under its header, cells as numbers or text (empty: None or "")."""
    pay = Data.pay
    people = [r for r in rows if r[ID_NUMBER] not in (None, "")]
    test.assertEqual(len(people), pay["summary"]["staff"])
    test.assertGreater(len(people), 20)
    # Row by row the slips of pay --json, in the same order.
    for row, s in zip(people, pay["staff"]):
        test.assertEqual((row[NAME], row[ID_NUMBER], row[COMMUNITY_CODE]),
                         (s["name"], s["id_masked"], s["community"]))
        test.assertEqual([fen(v) for v in row[FIRST_MONEY:]], slip_lines(s), s["name"])
    # Subtotals: each community's is the sum of its people, each township's the sum of its
    # communities', the grand total the sum of the townships' and of every slip.
    community_sum = [0] * len(MONEY_COLUMNS)
    township_sum = [0] * len(MONEY_COLUMNS)
    grand_sum = [0] * len(MONEY_COLUMNS)
    kinds = {"Community subtotal": 0, "Township subtotal": 0, "Grand total": 0}
    for row in rows:
        money = [fen(v) for v in row[FIRST_MONEY:]]
        label = row[NAME] or ""
        if row[ID_NUMBER] not in (None, ""):
            community_sum = [a + b for a, b in zip(community_sum, money)]
        elif label.startswith("Community subtotal"):
            test.assertEqual(money, community_sum, row)
            township_sum = [a + b for a, b in zip(township_sum, money)]
            community_sum = [0] * len(MONEY_COLUMNS)
            kinds["Community subtotal"] += 1
        elif label.startswith("Township subtotal"):
            test.assertEqual(money, township_sum, row)
            grand_sum = [a + b for a, b in zip(grand_sum, money)]
            township_sum = [0] * len(MONEY_COLUMNS)
            kinds["Township subtotal"] += 1
        else:
            test.assertTrue(label.startswith("Grand total"), row)
            test.assertEqual(money, grand_sum)
            kinds["Grand total"] += 1
    test.assertEqual(kinds["Grand total"], 1)
    test.assertGreater(kinds["Township subtotal"], 1)
    test.assertGreater(kinds["Community subtotal"], kinds["Township subtotal"])
    total = rows[-1]
    test.assertTrue(total[NAME].startswith("Grand total"))
    test.assertEqual(total[NAME], f"Grand total ({pay['summary']['staff']} people)")
    slips = [sum(col) for col in zip(*(slip_lines(s) for s in pay["staff"]))]
    test.assertEqual([fen(v) for v in total[FIRST_MONEY:]], slips)
    gross = MONEY_COLUMNS.index("Gross pay") + FIRST_MONEY
    net = MONEY_COLUMNS.index("Net pay") + FIRST_MONEY
    employer = MONEY_COLUMNS.index("Employer total") + FIRST_MONEY
    test.assertEqual(fen(total[gross]), fen(pay["summary"]["gross"]))
    test.assertEqual(fen(total[net]), fen(pay["summary"]["net"]))
    test.assertEqual(fen(total[employer]), fen(pay["summary"]["employer_total"]))


@unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
class ReadWithOpenpyxl(unittest.TestCase):
    def test_sheets(self):
        book = openpyxl.load_workbook(Data.xlsx)
        self.assertEqual(book.sheetnames, SHEETS)

    def test_pay_sheet(self):
        sheet = openpyxl.load_workbook(Data.xlsx)["工资表"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0][FIRST_MONEY:]), MONEY_COLUMNS)
        # Numbers, not formulas, in every money cell.
        for row in sheet.iter_rows(min_row=2, min_col=FIRST_MONEY + 1):
            for cell in row:
                self.assertEqual(cell.data_type, "n", cell.coordinate)
                self.assertEqual(cell.number_format, "#,##0.00", cell.coordinate)
        self.assertEqual({r[0] for r in rows[1:]}, {"2025-06"})
        check_pay_rows(self, rows[1:])

    def test_roster_columns(self):
        plain = openpyxl.load_workbook(Data.xlsx)["花名册"]
        hidden = openpyxl.load_workbook(Data.desensitized)["花名册"]
        header = [c.value for c in next(plain.iter_rows(max_row=1))]
        self.assertIn("Phone", header)
        self.assertIn("Birth date", header)
        header_d = [c.value for c in next(hidden.iter_rows(max_row=1))]
        self.assertEqual(header_d, [h for h in header if h not in ("Phone", "Birth date")])
        ids = [r[header.index("Identity number")] for r in plain.iter_rows(min_row=2,
                                                                           values_only=True)]
        ids_d = [r[header_d.index("Identity number")] for r in hidden.iter_rows(min_row=2,
                                                                                values_only=True)]
        self.assertEqual(ids_d, [i[:6] + "********" + i[-4:] for i in ids])

    def test_advance_sheet(self):
        sheet = openpyxl.load_workbook(Data.xlsx)["晋级名单"]
        rows = list(sheet.iter_rows(values_only=True))[1:]
        r = run("advance", Data.db, "--year", YEAR, "--json")
        changes = json.loads(r.stdout)["changes"]
        self.assertGreater(len(changes), 0)
        self.assertEqual([(row[3], row[4], row[6], row[7]) for row in rows],
                         [(c["name"], c["id_masked"], c["from"], c["to"]) for c in changes])


class ReadWithLibreOffice(unittest.TestCase):
    def test_pay_sheet(self):
        if shutil.which("libreoffice") is None:
            self.skipTest("LibreOffice is not installed")
        out = os.path.join(Data.tmp.name, "csv")
        home = os.path.join(Data.tmp.name, "lo-home")
        # Every sheet into its own CSV file, raw values (not as formatted), UTF-8.
        filter_name = ("csv:Text - txt - csv (StarCalc):"
                       "44,34,76,1,,0,false,true,false,false,false,-1")
        r = subprocess.run(["libreoffice", f"-env:UserInstallation=file://{home}/profile",
                            "--headless", "--convert-to", filter_name, "--outdir", out, Data.xlsx],
                           capture_output=True, text=True, env=dict(os.environ, HOME=home),
                           timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        files = glob.glob(os.path.join(out, "*-工资表.csv"))
        if not files:
            self.skipTest("this LibreOffice converts only the first sheet")
        with open(files[0], encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0][FIRST_MONEY:], MONEY_COLUMNS)
        check_pay_rows(self, [[c.replace(",", "") if i >= FIRST_MONEY else c
                               for i, c in enumerate(row)] for row in rows[1:]])


class Desensitized(unittest.TestCase):
    @staticmethod
    def personal_data():
        """Every identity number, phone and birth date (as the roster writes it) of the roster."""
        with sqlite3.connect(f"file:{Data.db}?mode=ro", uri=True) as con:
            rows = con.execute("SELECT id_number, phone FROM staff").fetchall()
            # Days the roster shows for other reasons (a work start that is someone's birthday
            # is no leak): such a birth date cannot be searched for.
            shown = {r[0] for r in con.execute(
                "SELECT work_start FROM staff UNION SELECT service_start FROM staff "
                "UNION SELECT status_date FROM staff UNION SELECT start_date FROM staff_agreement "
                "UNION SELECT end_date FROM staff_agreement")}
        ids = [r[0] for r in rows]
        phones = [r[1] for r in rows if r[1]]
        births = [f"{i[6:10]}-{i[10:12]}-{i[12:14]}" for i in ids]
        return ids, phones, [b for b in births if b not in shown]

    @staticmethod
    def xml_text(path):
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(name).decode("utf-8") for name in z.namelist()
                             if name.endswith(".xml") or name.endswith(".rels"))

    def test_no_personal_data(self):
        ids, phones, births = self.personal_data()
        self.assertGreater(len(ids), 20)
        self.assertGreater(len(phones), 10)
        text = self.xml_text(Data.desensitized)
        # No 18-character identity number at all, nor any of the roster's phones or birth dates.
        self.assertEqual(re.findall(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])", text), [])
        for values, what in ((ids, "identity number"), (phones, "phone"), (births, "birth date")):
            found = [v for v in values if v in text]
            self.assertEqual(found, [], what)
        # The same search finds them in the plain workbook.
        plain = self.xml_text(Data.xlsx)
        for values in (ids, phones, births):
            self.assertTrue(all(v in plain for v in values))


class Summary(unittest.TestCase):
    def test_staff_section(self):
        pdf = os.path.join(Data.tmp.name, "summary.pdf")
        r = run("export", "summary", Data.db, "-o", pdf, "--year", YEAR)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              check=True, text=True).stdout
        self.assertIn("社工岗", text)
        self.assertIn("Staff by post and level", text)
        self.assertIn("Pay cost of the year", text)
        self.assertRegex(text, r"Level changes on 1 January 2026 +\d+ up, \d+ down")
        # No full identity number in the printed list of level changes.
        self.assertEqual(re.findall(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])", text), [])
        pdf_zh = os.path.join(Data.tmp.name, "summary-zh.pdf")
        r = run("export", "summary", Data.db, "-o", pdf_zh, "--year", YEAR, lang="zh_CN.UTF-8")
        self.assertEqual(r.returncode, 0, r.stderr)
        text = subprocess.run(["pdftotext", "-layout", pdf_zh, "-"], capture_output=True,
                              check=True, text=True).stdout
        self.assertRegex(text, "[一二三四五六七八九十]、社工岗")
        self.assertIn("全年薪酬支出", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
