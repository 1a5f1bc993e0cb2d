#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check --projected and closing years on the command line (issue 9, points 3 and 4): a file of
four communities imported from CSV, the figures worked out by hand in the comments."""
import json
import os
import subprocess
import tempfile
import unittest

PLANNER = os.environ["COMMUNITY_PLANNER"]

TOWNSHIPS = "code,name,kind\n001,河南街道,subdistrict\n"
# 1,000 households need 1000 × 30 ÷ 100 = 300.0 m².
COMMUNITIES = """township,code,name,kind,households,population,relocation_site
河南街道,001001,甲社区,urban,1000,2000,no
河南街道,001002,乙社区,urban,1000,2000,no
河南街道,001003,丙社区,urban,1000,2000,no
河南街道,001004,丁社区,urban,1000,2000,no
"""
# 甲: 200 in use + 150 planned for 2027 → compliant from 2027.
# 乙: 100 in use + 120 building for 2027 → 300 − 220 = 80.0 m² short when all is done.
# 丙: 300 in use, closed from 2027 (停用年份) → compliant in 2026, 300.0 short from 2027.
# 丁: 320 in use → compliant from 2026.
FACILITIES = """community,name,kind,total_area_m2,service_area_m2,provision,status,year,停用年份
001001,中心,comprehensive,200,200,new,in_use,2018,
001001,新中心,comprehensive,150,150,new,规划,2027,
001002,小中心,comprehensive,100,100,new,in_use,2018,
001002,在建中心,comprehensive,120,120,new,在建,2027,
001003,旧中心,comprehensive,300,300,new,in_use,2015,2027
001004,大中心,comprehensive,320,320,new,in_use,2015,
"""


def run(*args):
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=300)


class Projected(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.dir.name, "p.db")
        r = run("init", cls.db)
        assert r.returncode == 0, r.stderr
        for kind, text in (("townships", TOWNSHIPS), ("communities", COMMUNITIES),
                           ("facilities", FACILITIES)):
            path = os.path.join(cls.dir.name, kind + ".csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            r = run("import", kind, cls.db, path)
            assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def check(self, *args):
        r = run("check", self.db, *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def communities(self, *args):
        return {c["code"]: c for c in json.loads(self.check("--json", *args))["communities"]}

    def test_projected_adds_two_keys_only(self):
        plain = json.loads(self.check("--year", "2026", "--json"))
        projected = json.loads(self.check("--year", "2026", "--json", "--projected"))
        self.assertNotIn("projected", plain)
        self.assertIs(projected.pop("projected"), True)
        self.assertEqual(list(projected), list(plain))
        for before, after in zip(plain["communities"], projected["communities"]):
            self.assertNotIn("compliant_from", before)
            self.assertEqual(list(after)[:-1], list(before))
            self.assertEqual(list(after)[-1], "compliant_from")
        from_year = {c["code"]: c["compliant_from"] for c in projected["communities"]}
        self.assertEqual(from_year, {"001001": 2027, "001002": None, "001003": None,
                                     "001004": 2026})

    def test_planned_work_counts_from_its_year(self):
        plain = self.communities("--year", "2027")
        self.assertEqual(plain["001001"]["actual_area_m2"], 200.0)
        self.assertEqual(plain["001001"]["shortfall_m2"], 100.0)
        projected = self.communities("--year", "2027", "--projected")
        self.assertEqual(projected["001001"]["actual_area_m2"], 350.0)
        self.assertEqual(projected["001001"]["violations"], [])
        self.assertEqual(projected["001002"]["actual_area_m2"], 220.0)
        self.assertEqual(projected["001002"]["shortfall_m2"], 80.0)
        # 2026: the 2027 facilities are not open yet, projected or not.
        self.assertEqual(self.communities("--year", "2026", "--projected")["001001"]
                         ["shortfall_m2"], 100.0)

    def test_closing_year(self):
        self.assertEqual(self.communities("--year", "2026")["001003"]["violations"], [])
        closed = self.communities("--year", "2027")["001003"]
        self.assertEqual(closed["actual_area_m2"], 0.0)
        self.assertEqual(closed["shortfall_m2"], 300.0)
        self.assertEqual(closed["violations"], ["area", "coverage"])

    def test_text_says_the_year_or_what_is_left(self):
        text = self.check("--year", "2026", "--projected")
        lines = {line.split()[0]: line for line in text.splitlines() if line.startswith("0010")}
        self.assertIn("compliant from 2027 with the planned work", lines["001001"])
        self.assertIn("after the planned work (2027) still 80.0 m² short", lines["001002"])
        self.assertIn("after the planned work (2027) still 300.0 m² short", lines["001003"])

    def test_closing_year_before_opening_refused(self):
        path = os.path.join(self.dir.name, "bad.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("community,name,kind,total_area_m2,service_area_m2,provision,status,year,"
                    "closed_year\n001004,错,comprehensive,10,10,new,in_use,2020,2019\n")
        r = run("import", "facilities", self.db, path)
        self.assertEqual(r.returncode, 1)
        self.assertIn(":2:closed_year: closing year 2019 is before the year 2020 it opened", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
