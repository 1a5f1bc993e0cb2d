# SPDX-License-Identifier: GPL-3.0-or-later
"""Every output of the command line on the sample, compared exactly with recorded goldens.

The goldens under tests/data/golden/ were made by the program as it was before the source tree was
reorganised (commit 4c60752), with this very script:

  COMMUNITY_PLANNER=/path/to/old/community-planner \\
  COMMUNITY_PLANNER_LOCALEDIR=/path/to/old/_build/po \\
    /usr/bin/python3 tests/test-golden.py --record tests/data/golden

For the sample database (`init FILE --sample`, which holds at least one community breaking each of
the seven rules) and the years 2025 and 2026 it keeps:
  check-YEAR.json          `check --json` standard output, and its exit status in status.json
  check-YEAR.LANG.txt      `check` text in C.UTF-8 and zh_CN.UTF-8
  workbook-YEAR.json       `export workbook --month 12`: every sheet, every cell value (openpyxl)
  summary-YEAR.txt         `export summary`: pdftotext -layout of the PDF, its date as YYYY-MM-DD
  chart-YEAR.png           `export chart … facilities`: compared by decoded pixels (zlib of IDAT)
  chart-YEAR.svg           the same chart as SVG, compared as text
Without --record the outputs are regenerated with $COMMUNITY_PLANNER and must be equal.

The same comparison by hand on a larger sample: CP_GOLDEN_SCALE=100 makes the database with
`init FILE --sample --scale 100`, and CP_GOLDEN_DIR names the folder of its goldens (recorded with
the old program and --record, outside the tree: they are tens of megabytes).
"""

import datetime
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

PLANNER = os.environ.get("COMMUNITY_PLANNER", "community-planner")
GOLDEN_DIR = os.environ.get("CP_GOLDEN_DIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "data", "golden")
SCALE = os.environ.get("CP_GOLDEN_SCALE")
YEARS = ("2025", "2026")
LANGS = ("C.UTF-8", "zh_CN.UTF-8")
# The staff checks of 2026 look at "today" within the year (retirements, agreements): the
# goldens are made on this day, whatever the calendar says.
TODAY = "2026-11-27"


def run(args, lang="C.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE="", COMMUNITY_PLANNER_TODAY=TODAY)
    result = subprocess.run([PLANNER] + args, env=env, capture_output=True, timeout=300)
    return result.returncode, result.stdout, result.stderr


def run_ok(args, lang="C.UTF-8"):
    status, out, err = run(args, lang)
    if status != 0:
        raise AssertionError(f"{args} exited {status}: {err.decode(errors='replace')}")
    return out


def cell_value(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


def workbook_values(path):
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=False)
    sheets = []
    for sheet in book.worksheets:
        rows = [[cell_value(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        sheets.append({"title": sheet.title, "rows": rows})
    return json.dumps(sheets, ensure_ascii=False, indent=0) + "\n"


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          check=True).stdout


def png_pixels(data):
    """Header and decompressed image data of a PNG: equal means the same pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, header, idat = 8, None, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return header, zlib.decompress(idat)


def generate(work):
    """Every output for the sample, as {name: bytes}, plus the exit statuses."""
    db = os.path.join(work, "sample.db")
    run_ok(["init", db, "--sample"] + (["--scale", SCALE] if SCALE else []))
    outputs, statuses = {}, {}
    for year in YEARS:
        status, out, _ = run(["check", db, "--json", "--year", year])
        statuses[f"check-{year}.json"] = status
        outputs[f"check-{year}.json"] = out
        for lang in LANGS:
            name = f"check-{year}.{lang.split('.')[0]}.txt"
            status, out, _ = run(["check", db, "--year", year], lang)
            statuses[name] = status
            outputs[name] = out
        xlsx = os.path.join(work, f"w{year}.xlsx")
        # The pay sheet's month named: by default it is the current month in the current year.
        run_ok(["export", "workbook", db, "-o", xlsx, "--year", year, "--month", "12"])
        outputs[f"workbook-{year}.json"] = workbook_values(xlsx).encode()
        pdf = os.path.join(work, f"s{year}.pdf")
        run_ok(["export", "summary", db, "-o", pdf, "--year", year])
        # The date the summary was made is the only thing that changes from day to day.
        outputs[f"summary-{year}.txt"] = re.sub(rb"\b\d{4}-\d{2}-\d{2}\b", b"YYYY-MM-DD",
                                                pdftotext(pdf))
        for ext in ("png", "svg"):
            chart = os.path.join(work, f"chart-{year}.{ext}")
            run_ok(["export", "chart", db, "facilities", "-o", chart, "--year", year])
            with open(chart, "rb") as f:
                outputs[f"chart-{year}.{ext}"] = f.read()
    outputs["status.json"] = (json.dumps(statuses, indent=1, sort_keys=True) + "\n").encode()
    return outputs


def record(directory):
    work = tempfile.mkdtemp(prefix="cp-golden-")
    try:
        outputs = generate(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    os.makedirs(directory, exist_ok=True)
    for name, data in sorted(outputs.items()):
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


class GoldenTest(unittest.TestCase):
    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="cp-golden-")
        cls.outputs = generate(cls.work)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def golden(self, name):
        with open(os.path.join(GOLDEN_DIR, name), "rb") as f:
            return f.read()

    def assert_text_equal(self, name):
        expected = self.golden(name).decode()
        actual = self.outputs[name].decode()
        if expected != actual:
            # Keep the new output beside the build for a diff by hand.
            kept = os.path.join(os.environ.get("G_TEST_BUILDDIR", self.work), "golden-" + name)
            with open(kept, "w", encoding="utf-8") as f:
                f.write(actual)
            self.assertEqual(expected.splitlines(), actual.splitlines(),
                             f"{name} differs from tests/data/golden/{name}; new output in {kept}")
            self.assertEqual(expected, actual, f"{name}: line ends or final newline differ")

    def test_goldens_are_all_here(self):
        names = set(os.listdir(GOLDEN_DIR))
        self.assertEqual(sorted(names), sorted(self.outputs))

    def test_exit_statuses(self):
        self.assert_text_equal("status.json")

    def test_check_json(self):
        for year in YEARS:
            with self.subTest(year=year):
                self.assert_text_equal(f"check-{year}.json")

    def test_check_text(self):
        for year in YEARS:
            for lang in LANGS:
                with self.subTest(year=year, lang=lang):
                    self.assert_text_equal(f"check-{year}.{lang.split('.')[0]}.txt")

    def test_workbook_cells(self):
        for year in YEARS:
            with self.subTest(year=year):
                self.assert_text_equal(f"workbook-{year}.json")

    def test_summary_text(self):
        for year in YEARS:
            with self.subTest(year=year):
                self.assert_text_equal(f"summary-{year}.txt")

    def test_chart_png_pixels(self):
        for year in YEARS:
            with self.subTest(year=year):
                name = f"chart-{year}.png"
                expected = png_pixels(self.golden(name))
                actual = png_pixels(self.outputs[name])
                self.assertEqual(expected[0], actual[0], f"{name}: size or colour type differ")
                self.assertTrue(expected[1] == actual[1], f"{name}: the pixels differ")

    def test_chart_svg(self):
        for year in YEARS:
            with self.subTest(year=year):
                self.assert_text_equal(f"chart-{year}.svg")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--record":
        record(sys.argv[2])
        sys.exit(0)
    unittest.main(verbosity=2)
