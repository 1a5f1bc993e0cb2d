#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command-line contract: help, version, usage errors, check's JSON shape on the sample, and two
communities of the sample recomputed by hand from the database's own rows."""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

PLANNER = os.environ["COMMUNITY_PLANNER"]
RULES = ["area", "rural_building", "service_share", "no_office", "coverage", "relocation",
         "registered"]


def run(*args, lang="C.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=600)


class Contract(unittest.TestCase):
    def test_help_and_version(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for word in ("init", "import", "check", "export workbook", "export chart", "export summary"):
            self.assertIn(word, r.stdout)
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^community-planner \d+\.\d+\.\d+\n$")

    def test_usage_errors_exit_2_with_one_line(self):
        for args in (["check"], ["check", "a.db", "--bogus"], ["frobnicate"],
                     ["check", "a.db", "--year", "20x5"], ["import", "villages", "a.db", "b.csv"],
                     ["init", "a.db", "--scale", "0"]):
            with self.subTest(args=args):
                r = run(*args)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
                self.assertIn("--help", r.stderr)

    def test_data_errors_exit_1(self):
        with tempfile.TemporaryDirectory() as tmp:
            missing = os.path.join(tmp, "missing.db")
            r = run("check", missing)
            self.assertEqual(r.returncode, 1)
            self.assertIn(missing, r.stderr)
            self.assertFalse(os.path.exists(missing))
            text = os.path.join(tmp, "notes.db")
            with open(text, "w", encoding="utf-8") as f:
                f.write("这不是数据库\n")
            r = run("check", text)
            self.assertEqual(r.returncode, 1)
            self.assertIn("not a planner database", r.stderr)

    def test_init_refuses_to_overwrite(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "a.db")
            self.assertEqual(run("init", db).returncode, 0)
            r = run("init", db)
            self.assertEqual(r.returncode, 1)
            self.assertIn("already exists", r.stderr)

    def test_chinese_messages(self):
        r = run("check", "/nonexistent/a.db", lang="zh_CN.UTF-8")
        self.assertEqual(r.returncode, 1)
        self.assertIn("数据库", r.stderr)
        r = run("--help", lang="zh_CN.UTF-8")
        self.assertIn("用法", r.stdout)


def expected_by_hand(db, code, year):
    """The plan's rules, written out once more here in plain Python from the raw rows."""
    con = sqlite3.connect(db)
    cid, kind, relocation = con.execute(
        "SELECT id, kind, relocation_site FROM community WHERE code = ?", (code,)).fetchone()
    row = con.execute("SELECT households FROM community_year WHERE community_id = ? AND year <= ? "
                      "ORDER BY year DESC LIMIT 1", (cid, year)).fetchone()
    households = row[0] if row else 0
    facilities = con.execute(
        "SELECT total_area_m2, service_area_m2, independent_offices, government_invested, "
        "property_registered FROM facility WHERE community_id = ? AND kind = 'comprehensive' "
        "AND status = 'in_use' AND year <= ?", (cid, year)).fetchall()
    con.close()
    required = round(30 * households / 100, 1)
    actual = round(sum(f[0] for f in facilities), 1)
    v = []
    if actual < required - 1e-6:
        v.append("area")
    if kind == "rural" and any(f[0] < 200 for f in facilities):
        v.append("rural_building")
    if any(f[1] < 0.8 * f[0] - 1e-9 for f in facilities):
        v.append("service_share")
    if sum(f[2] for f in facilities) > 0:
        v.append("no_office")
    if not facilities:
        v.append("coverage")
    if relocation and v:
        v.append("relocation")
    if any(f[3] and not f[4] for f in facilities):
        v.append("registered")
    return households, required, actual, round(max(0.0, required - actual), 1), v


class SampleCheck(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "sample.db")
        r = run("init", cls.db, "--sample")
        assert r.returncode == 0, r.stderr
        r = run("check", cls.db, "--year", "2025", "--json")
        assert r.returncode == 0, r.stderr
        cls.report = json.loads(r.stdout)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_shape(self):
        rep = self.report
        # The facility keys first, as before; each later domain adds its own key after them.
        self.assertEqual(list(rep), ["year", "standards", "communities", "summary", "staff"])
        self.assertEqual(rep["year"], 2025)
        self.assertEqual(rep["standards"], {"area_per_100_households_m2": 30,
                                            "rural_building_min_m2": 200, "service_share_min": 0.8})
        keys = ["code", "name", "township", "kind", "households", "required_area_m2",
                "actual_area_m2", "shortfall_m2", "violations"]
        for c in rep["communities"]:
            self.assertEqual(list(c), keys)
            self.assertIn(c["kind"], ("urban", "rural"))
            self.assertTrue(set(c["violations"]) <= set(RULES))
        self.assertEqual(list(rep["summary"]), ["communities", "compliant", "coverage_rate",
                                                "total_shortfall_m2"])

    def test_every_violation_appears(self):
        seen = {v for c in self.report["communities"] for v in c["violations"]}
        self.assertEqual(seen, set(RULES))

    def test_summary_adds_up(self):
        rep = self.report
        comms = rep["communities"]
        self.assertEqual(rep["summary"]["communities"], len(comms))
        self.assertEqual(rep["summary"]["compliant"], sum(1 for c in comms if not c["violations"]))
        covered = sum(1 for c in comms if "coverage" not in c["violations"])
        self.assertAlmostEqual(rep["summary"]["coverage_rate"], covered / len(comms), places=4)
        self.assertAlmostEqual(rep["summary"]["total_shortfall_m2"],
                               sum(c["shortfall_m2"] for c in comms), places=1)

    def hand_check(self, community):
        households, required, actual, shortfall, violations = expected_by_hand(
            self.db, community["code"], 2025)
        self.assertEqual(community["households"], households)
        self.assertAlmostEqual(community["required_area_m2"], required, places=1)
        self.assertAlmostEqual(community["actual_area_m2"], actual, places=1)
        self.assertAlmostEqual(community["shortfall_m2"], shortfall, places=1)
        self.assertEqual(sorted(community["violations"]), sorted(violations))

    def test_hand_check_a_community_short_of_area(self):
        short = [c for c in self.report["communities"] if "area" in c["violations"]]
        self.hand_check(short[0])

    def test_hand_check_a_village_at_a_relocation_site(self):
        villages = [c for c in self.report["communities"] if "relocation" in c["violations"]]
        self.hand_check(villages[0])

    def by_code(self, code):
        return next(c for c in self.report["communities"] if c["code"] == code)

    def test_two_communities_worked_out_on_paper(self):
        # 和利社区: 1518 households × 30 m² / 100 = 455.4 m² required; its in-use comprehensive
        # facilities add up to 309.7 m², so it is 455.4 − 309.7 = 145.7 m² short.
        c = self.by_code("220281003001")
        self.assertEqual((c["households"], c["required_area_m2"], c["actual_area_m2"],
                          c["shortfall_m2"], c["violations"]), (1518, 455.4, 309.7, 145.7, ["area"]))
        # 金顺村, a relocation-site village: 291 households need 87.3 m²; its one building of
        # 171.1 m² covers that but is under the 200 m² a village building needs, so the site is not
        # fully compliant either.
        c = self.by_code("220281100201")
        self.assertEqual((c["households"], c["required_area_m2"], c["actual_area_m2"],
                          c["shortfall_m2"], c["violations"]),
                         (291, 87.3, 171.1, 0.0, ["rural_building", "relocation"]))

    def test_every_community_by_hand(self):
        for c in self.report["communities"]:
            self.hand_check(c)

    def test_text_table_in_both_languages(self):
        r = run("check", self.db, "--year", "2025")
        self.assertEqual(r.returncode, 0)
        self.assertIn("Shortfall", r.stdout)
        r = run("check", self.db, "--year", "2025", lang="zh_CN.UTF-8")
        self.assertEqual(r.returncode, 0)
        self.assertIn("缺口", r.stdout)
        self.assertIn("达标", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
