#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The staff commands of the command line: `pay --json` and `advance --json [--apply]` as
DESIGN.md writes their contract, the `staff` key of `check --json` beside the unchanged facility
keys, and the exit statuses (2 for usage, 1 for data). The database is the sample plus four people
imported by hand (tests write their own small CSV), whose pay is worked out on paper below."""
import json
import os
import re
import sqlite3
import subprocess
import tempfile
import unittest

PLANNER = os.environ["COMMUNITY_PLANNER"]
GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "golden")
POSTS = ["head", "member", "staff", "welfare"]
MASKED = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")
MONEY = re.compile(r'"(base|performance|allowance|gross|contribution_base|pension|medical|'
                   r'unemployment|housing_fund|work_injury|income_tax|net|employer_total)": '
                   r'(-?\d+(?:\.\d+)?)')
PROBLEMS = {"level_out_of_range", "agreement_missing", "agreement_expired", "retirement_reached",
            "grade_missing"}

# Four people in the sample's community 220281001001 (顺林社区), identity numbers with their check
# characters worked out by GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2):
#   刘测甲 220281197005120039  staff, level 5 since 2020, on duty, no agreement
#   刘测乙 220281198503010048  staff, left on 2025-03-15
#   刘测丙 220281199008150064  staff, started service on 2025-09-01 (not yet paid in June)
#   刘测丁 220281197811200017  staff, retired on 2025-08-31 (paid in June)
STAFF_CSV = """community,id_number,name,post,education,qualification,work_start,service_start,level,year,status,status_date,phone
220281001001,220281197005120039,刘测甲,staff,college,none,2010-07-01,2015-03-01,5,2020,在岗,,13800000001
220281001001,220281198503010048,刘测乙,staff,college,none,2008-07-01,2012-03-01,3,2020,离职,2025-03-15,
220281001001,220281199008150064,刘测丙,staff,college,none,2012-07-01,2025-09-01,1,2025,在岗,,
220281001001,220281197811200017,刘测丁,staff,college,none,2000-07-01,2005-03-01,4,2020,退休,2025-08-31,
"""
GRADES_CSV = """id_number,year,grade
220281197005120039,2025,competent
"""


def run(*args, lang="C.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    env.pop("LANGUAGE", None)
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=600)


def run_json(*args):
    r = run(*args)
    assert r.returncode == 0, f"{args}: {r.returncode} {r.stderr}"
    return r.stdout, json.loads(r.stdout)


def fen(yuan):
    """Yuan with two decimals as integer fen (exact: the text has at most two decimals)."""
    return round(yuan * 100)


def mask(id_number):
    return id_number[:6] + "*" * 8 + id_number[-4:]


def person(sheet, name):
    return next(p for p in sheet["staff"] if p["name"] == name)


def make_database(directory):
    db = os.path.join(directory, "staff.db")
    r = run("init", db, "--sample")
    assert r.returncode == 0, r.stderr
    for kind, text in (("staff", STAFF_CSV), ("grades", GRADES_CSV)):
        path = os.path.join(directory, kind + ".csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        r = run("import", kind, db, path)
        assert r.returncode == 0, r.stderr
    return db


class StaffCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = make_database(cls.tmp.name)
        cls.pay_text, cls.pay = run_json("pay", cls.db, "--year", "2025", "--month", "6", "--json")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def query(self, sql, *args):
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as con:
            return con.execute(sql, args).fetchall()

    # pay

    def test_pay_shape(self):
        p = self.pay
        self.assertEqual(list(p), ["year", "month", "staff", "summary"])
        self.assertEqual((p["year"], p["month"]), (2025, 6))
        self.assertGreater(len(p["staff"]), 20)  # the sample's people, else the test is idle
        keys = ["id_masked", "name", "community", "post", "level", "probation", "base",
                "performance", "allowance", "gross", "contribution_base", "employee", "employer",
                "income_tax", "net", "leave_days", "retirement"]
        for s in p["staff"]:
            with self.subTest(name=s["name"]):
                self.assertEqual(list(s), keys)
                self.assertRegex(s["id_masked"], MASKED)
                self.assertIn(s["post"], POSTS)
                self.assertIs(type(s["level"]), int)
                self.assertIs(type(s["probation"]), bool)
                self.assertIs(type(s["leave_days"]), int)
                # 0/5/10/15 days, or a share of them in the year service starts.
                self.assertTrue(0 <= s["leave_days"] <= 15, s["leave_days"])
                self.assertRegex(s["retirement"], r"^\d{4}-(0[1-9]|1[0-2])$")
                self.assertEqual(list(s["employee"]),
                                 ["pension", "medical", "unemployment", "housing_fund"])
                self.assertEqual(list(s["employer"]), ["pension", "medical", "unemployment",
                                                       "work_injury", "housing_fund"])
                if s["post"] == "welfare":
                    self.assertEqual(s["level"], 0)
        self.assertEqual(list(p["summary"]), ["staff", "gross", "employer_total", "net"])
        # Money is printed with exactly two decimals.
        amounts = MONEY.findall(self.pay_text)
        self.assertGreater(len(amounts), 100)
        for key, text in amounts:
            self.assertRegex(text, r"^-?\d+\.\d\d$", key)

    def test_pay_totals_are_sums(self):
        p = self.pay
        for s in p["staff"]:
            with self.subTest(name=s["name"]):
                employee = sum(fen(v) for v in s["employee"].values())
                self.assertEqual(fen(s["gross"]),
                                 fen(s["base"]) + fen(s["performance"]) + fen(s["allowance"]))
                self.assertEqual(fen(s["net"]),
                                 fen(s["gross"]) - employee - fen(s["income_tax"]))
        summary = p["summary"]
        self.assertEqual(summary["staff"], len(p["staff"]))
        self.assertEqual(fen(summary["gross"]), sum(fen(s["gross"]) for s in p["staff"]))
        self.assertEqual(fen(summary["net"]), sum(fen(s["net"]) for s in p["staff"]))
        self.assertEqual(fen(summary["employer_total"]),
                         sum(fen(v) for s in p["staff"] for v in s["employer"].values()))

    def test_pay_worked_out_on_paper(self):
        # 刘测甲, staff at level 5 in 2025, no grade for 2024 (factor 1.0), defaults:
        # standard = 4,500 × 1.00 × (1.00 + 4 × 0.10) = 6,300.00
        # base = 6,300 × 0.70 = 4,410.00; performance = 6,300 × 0.30 × 1.0 = 1,890.00
        # contribution base 6,300 lies within [0.6 × 6,482, 3 × 6,482] = [3,889.20, 19,446]
        # employee: 8% 504.00, 2% 126.00, 0.5% 31.50, 12% 756.00 → 1,417.50
        # employer: 16% 1,008.00, 8% 504.00, 0.5% 31.50, 0.2% 12.60, 12% 756.00
        # tax: 6 × (6,300 − 5,000 − 1,417.50) < 0 → 0.00; net = 6,300 − 1,417.50 = 4,882.50
        # leave: 14 full work years on 2025-01-01 (since 2010-07-01) → 10 days
        # retirement: a man born 1970-05, 64 months after 1965-01 → 60 years + 64 ÷ 4 + 1 = 17
        # months → 2031-10
        s = person(self.pay, "刘测甲")
        self.assertEqual(s["id_masked"], "220281********0039")
        self.assertEqual((s["community"], s["post"], s["level"], s["probation"]),
                         ("220281001001", "staff", 5, False))
        self.assertEqual((s["base"], s["performance"], s["allowance"], s["gross"]),
                         (4410.00, 1890.00, 0.00, 6300.00))
        self.assertEqual(s["contribution_base"], 6300.00)
        self.assertEqual(s["employee"], {"pension": 504.00, "medical": 126.00,
                                         "unemployment": 31.50, "housing_fund": 756.00})
        self.assertEqual(s["employer"], {"pension": 1008.00, "medical": 504.00,
                                         "unemployment": 31.50, "work_injury": 12.60,
                                         "housing_fund": 756.00})
        self.assertEqual((s["income_tax"], s["net"]), (0.00, 4882.50))
        self.assertEqual((s["leave_days"], s["retirement"]), (10, "2031-10"))

    def test_pay_lists_only_people_on_duty(self):
        names = {s["name"] for s in self.pay["staff"]}
        self.assertIn("刘测甲", names)      # on duty
        self.assertNotIn("刘测乙", names)   # left in March
        self.assertNotIn("刘测丙", names)   # starts in September
        self.assertIn("刘测丁", names)      # retires at the end of August
        # Everyone of the roster who is on duty in June 2025, and nobody else.
        expected = self.query(
            "SELECT count(*) FROM staff WHERE service_start < '2025-07-01' "
            "AND (status = 'active' OR status_date >= '2025-07-01')")[0][0]
        self.assertEqual(len(self.pay["staff"]), expected)
        september = run_json("pay", self.db, "--year", "2025", "--month", "9", "--json")[1]
        names = {s["name"] for s in september["staff"]}
        self.assertIn("刘测丙", names)
        self.assertNotIn("刘测丁", names)

    def test_pay_order(self):
        rows = [(s["community"], POSTS.index(s["post"]), s["id_masked"]) for s in self.pay["staff"]]
        self.assertEqual([r[:2] for r in rows], sorted(r[:2] for r in rows))
        # Within a community and post, by identity number: the database's full numbers, masked.
        first = self.pay["staff"][0]
        numbers = [r[0] for r in self.query(
            "SELECT s.id_number FROM staff s JOIN community c ON c.id = s.community_id "
            "WHERE c.code = ? AND s.post = ? AND s.service_start < '2025-07-01' "
            "AND (s.status = 'active' OR s.status_date >= '2025-07-01') ORDER BY s.id_number",
            first["community"], first["post"])]
        listed = [r[2] for r in rows if r[:2] == (first["community"], POSTS.index(first["post"]))]
        self.assertGreater(len(listed), 0)
        self.assertEqual(listed, [mask(n) for n in numbers])

    def test_pay_text_in_both_languages(self):
        r = run("pay", self.db, "--year", "2025", "--month", "6")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Pay sheet of", r.stdout)
        self.assertIn("220281********0039", r.stdout)
        self.assertIn("6300.00", r.stdout)
        self.assertNotIn("220281197005120039", r.stdout)
        r = run("pay", self.db, "--year", "2025", "--month", "6", lang="zh_CN.UTF-8")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("工资表", r.stdout)
        self.assertIn("刘测甲", r.stdout)

    # advance

    def test_advance_and_apply(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = make_database(tmp)
            _, before = run_json("advance", db, "--year", "2025", "--json")
            self.assertEqual(list(before), ["year", "changes", "applied"])
            self.assertEqual((before["year"], before["applied"]), (2025, False))
            for c in before["changes"]:
                with self.subTest(name=c["name"]):
                    self.assertEqual(list(c), ["id_masked", "name", "community", "post", "from",
                                               "to", "reason"])
                    self.assertRegex(c["id_masked"], MASKED)
                    self.assertIn(c["post"], POSTS[:3])
                    step = 1 if c["reason"] == "grade_and_years" else -1
                    self.assertIn(c["reason"], ("grade_and_years", "incompetent"))
                    self.assertEqual(c["to"], c["from"] + step)
            # 刘测甲: level 5 since 2020 (6 full years at the end of 2025 ≥ 3), graded competent
            # in 2025 → 6 on 1 January 2026.
            mine = [c for c in before["changes"] if c["name"] == "刘测甲"]
            self.assertEqual(mine, [{"id_masked": "220281********0039", "name": "刘测甲",
                                     "community": "220281001001", "post": "staff", "from": 5,
                                     "to": 6, "reason": "grade_and_years"}])
            # Without --apply nothing is written: January 2026 still pays level 5.
            january = run_json("pay", db, "--year", "2026", "--month", "1", "--json")[1]
            self.assertEqual(person(january, "刘测甲")["level"], 5)

            _, applied = run_json("advance", db, "--year", "2025", "--json", "--apply")
            self.assertEqual(applied["changes"], before["changes"])
            self.assertIs(applied["applied"], True)
            # January 2026 pays everyone at the new level: standard 4,500 × 1.50 = 6,750.00.
            january = run_json("pay", db, "--year", "2026", "--month", "1", "--json")[1]
            self.assertEqual(person(january, "刘测甲")["level"], 6)
            self.assertEqual(person(january, "刘测甲")["gross"], 6750.00)
            paid = {(s["id_masked"], s["name"], s["community"]): s["level"]
                    for s in january["staff"]}
            for c in before["changes"]:
                key = (c["id_masked"], c["name"], c["community"])
                if key in paid:
                    self.assertEqual(paid[key], c["to"], c["name"])
            # The next year's advancement starts from the levels written.
            following = run_json("advance", db, "--year", "2026", "--json")[1]
            for c in following["changes"]:
                moved = [b for b in before["changes"]
                         if (b["id_masked"], b["name"]) == (c["id_masked"], c["name"])]
                if moved:
                    self.assertEqual(c["from"], moved[0]["to"], c["name"])

    # check

    def test_check_staff_key(self):
        text, rep = run_json("check", self.db, "--json", "--year", "2025")
        self.assertEqual(list(rep), ["year", "standards", "communities", "summary", "staff"])
        staff = rep["staff"]
        self.assertEqual(list(staff), ["problems", "summary"])
        self.assertEqual(list(staff["summary"]), ["staff", "by_post"])
        self.assertEqual(list(staff["summary"]["by_post"]), POSTS)
        self.assertEqual(sum(staff["summary"]["by_post"].values()), staff["summary"]["staff"])
        # On duty on the check day of 2025 (31 December): of the four imported here, 刘测甲 and
        # 刘测丙 count, 刘测乙 (left in March) and 刘测丁 (retired in August) do not.
        on_duty = self.query(
            "SELECT count(*) FROM staff WHERE service_start <= '2025-12-31' "
            "AND (status = 'active' OR status_date >= '2026-01-01')")[0][0]
        self.assertEqual(staff["summary"]["staff"], on_duty)
        for p in staff["problems"]:
            self.assertEqual(list(p), ["id_masked", "name", "community", "problem"])
            self.assertRegex(p["id_masked"], MASKED)
            self.assertIn(p["problem"], PROBLEMS)
        # 刘测甲 has no service agreement.
        self.assertIn({"id_masked": "220281********0039", "name": "刘测甲",
                       "community": "220281001001", "problem": "agreement_missing"},
                      staff["problems"])
        # The facility keys come first, byte for byte as the golden of the sample has them (the
        # people imported here change nothing of them).
        with open(os.path.join(GOLDEN, "check-2025.json"), encoding="utf-8") as f:
            golden = f.read()
        cut = ',\n "staff": '
        self.assertEqual(text[:text.index(cut)], golden[:golden.index(cut)])

    # exit statuses

    def test_usage_errors_exit_2(self):
        for args in (["pay"], ["pay", self.db, "extra"], ["pay", self.db, "--month", "13"],
                     ["pay", self.db, "--month", "0"], ["pay", self.db, "--month", "June"],
                     ["pay", self.db, "--year", "1800"], ["pay", self.db, "--bogus"],
                     ["advance"], ["advance", self.db, "--year", "x"],
                     ["advance", self.db, "--year", "2100"],
                     ["export", "workbook", self.db, "-o", "x.xlsx", "--month", "13"],
                     ["export", "summary", self.db, "-o", "x.pdf", "--desensitize"]):
            with self.subTest(args=args):
                r = run(*args)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertIn("--help", r.stderr)

    def test_data_errors_exit_1(self):
        missing = os.path.join(self.tmp.name, "missing.db")
        not_db = os.path.join(self.tmp.name, "not.db")
        with open(not_db, "w", encoding="utf-8") as f:
            f.write("not a database\n")
        for command in (["pay", "--year", "2025", "--month", "6"], ["advance", "--year", "2025"],
                        ["advance", "--year", "2025", "--apply"]):
            for path in (missing, not_db):
                with self.subTest(command=command, path=path):
                    r = run(command[0], path, *command[1:])
                    self.assertEqual(r.returncode, 1, r.stderr)
                    self.assertTrue(r.stderr.startswith("community-planner: "), r.stderr)
        self.assertFalse(os.path.exists(missing))


if __name__ == "__main__":
    unittest.main(verbosity=2)
