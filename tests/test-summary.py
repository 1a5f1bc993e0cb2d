# SPDX-License-Identifier: GPL-3.0-or-later
"""The printed summary and the chart through the command line, read back with poppler.

Runs `community-planner` (path in $COMMUNITY_PLANNER) on the 蛟河 sample:
  export summary FILE -o OUT.pdf --year Y   → pdftotext has the title, the page numbers and the
                                              figures; pdffonts lists Noto Sans CJK SC embedded
  export chart FILE facilities -o OUT.*     → PNG, SVG and PDF by extension; a bad one is refused
The pages are also rendered as PNG under the build folder, to be looked at.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

PLANNER = os.environ.get("COMMUNITY_PLANNER", "community-planner")
BUILD_DIR = os.environ.get("G_TEST_BUILDDIR", tempfile.gettempdir())
YEAR = "2025"
CITY = "蛟河市"


def run(args, lang="C.UTF-8", check=True):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    result = subprocess.run([PLANNER] + args, env=env, capture_output=True, text=True,
                            timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
    return result


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


class SummaryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="cp-summary-py-")
        cls.db = os.path.join(cls.dir, "planner.db")
        run(["init", cls.db, "--sample"])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def export_summary(self, name, lang):
        out = os.path.join(self.dir, name)
        run(["export", "summary", self.db, "-o", out, "--year", YEAR], lang=lang)
        with open(out, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        return out

    def test_english(self):
        out = self.export_summary("summary-en.pdf", "C.UTF-8")
        text = pdftotext(out)
        pages = pdf_pages(out)
        flat = re.sub(r"\s+", " ", text)
        self.assertIn(f"{CITY} Urban and Rural Community Service Facilities Compliance ({YEAR})",
                      flat)
        self.assertIn(f"Page 1 of {pages}", flat)
        self.assertIn(f"Page {pages} of {pages}", flat)
        for words in ("Key figures", "Results by township", "Prepared by:", "Reviewed by:",
                      "Date:", "Sample data"):
            self.assertIn(words, flat)
        # The 17 townships of 蛟河市 are in the table.
        for township in ("民主", "奶子山", "黄松甸", "前进乡"):
            self.assertIn(township, text)
        self.render(out, "summary-en")

    def test_chinese(self):
        out = self.export_summary("summary-zh.pdf", "zh_CN.UTF-8")
        flat = re.sub(r"\s+", "", pdftotext(out))
        pages = pdf_pages(out)
        self.assertIn(f"{CITY}城乡社区综合服务设施达标情况（{YEAR}年）", flat)
        self.assertIn(f"第1页共{pages}页", flat)
        for words in ("制表人", "审核人", "日期"):
            self.assertIn(words, flat)
        self.render(out, "summary-zh")

    def test_fonts_embedded(self):
        out = self.export_summary("summary-fonts.pdf", "C.UTF-8")
        fonts = subprocess.run(["pdffonts", out], capture_output=True, text=True,
                               check=True).stdout
        rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
        cjk = [row for row in rows if "NotoSansCJKsc" in row[0]]
        self.assertTrue(cjk, fonts)
        # Columns from the right: object id (2), uni, sub, emb.
        for row in cjk:
            self.assertEqual(row[-5], "yes", fonts)

    def test_chart_formats(self):
        magic = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}
        for ext, head in magic.items():
            out = os.path.join(self.dir, f"chart.{ext}")
            run(["export", "chart", self.db, "facilities", "-o", out, "--year", YEAR])
            with open(out, "rb") as f:
                self.assertEqual(f.read(len(head)), head, ext)
        shutil.copy(os.path.join(self.dir, "chart.png"), os.path.join(BUILD_DIR, "chart.png"))

    def test_chart_refused(self):
        out = os.path.join(self.dir, "chart.jpg")
        result = run(["export", "chart", self.db, "facilities", "-o", out], check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(".png", result.stderr)
        self.assertFalse(os.path.exists(out))

        out = os.path.join(self.dir, "pie.png")
        result = run(["export", "chart", self.db, "pie", "-o", out], check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("facilities", result.stderr)
        self.assertFalse(os.path.exists(out))

    def render(self, pdf, stem):
        """Pages as PNG beside the test build, for a person to look at."""
        folder = os.path.join(BUILD_DIR, "summary-pages")
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, os.path.join(folder, stem)],
                       check=True)


class HandWorked(unittest.TestCase):
    """The summary of the small fixture (tests/data/schema-1.db, made at schema 1 from the
    fixture-*.csv files) holds the numbers worked out by hand in test-workbook.py. In 2025:
    4 communities; covered 3 of 4 (新丰村 has no facility); rural covered 1 of 2; compliant 1
    (民主社区); below the area standard 光明社区 (450.0 required, 400.0 actual, 50.0 short) and
    新丰村 (45.0, 0.0, 45.0), 95.0 m² in all. In 2026 光明社区's 二部 (60 m²) counts: 460.0, not
    short, so only 新丰村 is, 45.0 m²."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="cp-summary-hand-")
        cls.db = os.path.join(cls.dir, "schema-1.db")
        data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
        shutil.copyfile(os.path.join(data, "schema-1.db"), cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def lines(self, year):
        """The summary's text lines with runs of spaces made one."""
        out = os.path.join(self.dir, f"summary-{year}.pdf")
        run(["export", "summary", self.db, "-o", out, "--year", year])
        return [re.sub(r"\s+", " ", line).strip() for line in pdftotext(out).splitlines()]

    def test_2025(self):
        lines = self.lines("2025")
        for expected in ("Communities and villages 4",
                         "Facility coverage 75.0% (3 of 4)",
                         "Rural coverage (target 80%) 50.0% (1 of 2)",
                         "Compliant with every rule 25.0% (1 of 4)",
                         "Below the area standard 2 communities",
                         "Total area shortfall 95.0 m²",
                         # Township, communities, compliant, coverage, households, required,
                         # actual, shortfall.
                         "民主街道 2 1 100.0% 2500 750.0 850.5 50.0",
                         "新站镇 2 0 50.0% 570 171.0 180.0 45.0",
                         "Total 4 1 75.0% 3070 921.0 1030.5 95.0",
                         # No., code, township, community, households, required, actual, short.
                         "1 220281001002 民主街道 光明社区 1500 450.0 400.0 50.0",
                         "2 220281100202 新站镇 新丰村 150 45.0 0.0 45.0",
                         "2 communities fall short in all.",
                         # After the planned work: 光明社区's 二部 opens in 2026, the last change.
                         # Township, shortfall now, after, communities still falling short
                         # (光明社区 on its other rules; 新站村 below 200 m², 新丰村 45.0 m²).
                         "5. After the planned work (2026)",
                         "民主街道 50.0 0.0 1",
                         "新站镇 45.0 45.0 2",
                         "Total 95.0 45.0 3"):
            with self.subTest(line=expected):
                self.assertIn(expected, lines)

    def test_2026(self):
        lines = self.lines("2026")
        for expected in ("Below the area standard 1 community",
                         "Total area shortfall 45.0 m²",
                         "民主街道 2 1 100.0% 2500 750.0 910.5 0.0",
                         "Total 4 1 75.0% 3070 921.0 1090.5 45.0",
                         "1 220281100202 新站镇 新丰村 150 45.0 0.0 45.0",
                         "1 community falls short in all."):
            with self.subTest(line=expected):
                self.assertIn(expected, lines)
        self.assertFalse([line for line in lines if "光明社区" in line])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
