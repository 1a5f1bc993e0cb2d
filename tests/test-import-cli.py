#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`community-planner import` end to end: the real binary, real files, the database read back
with Python's own sqlite3. Exit 0 on a good file, 1 with one `FILE:ROW:COLUMN: message` line a
problem on a bad one (database bytes unchanged), 2 on a usage error."""

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

PLANNER = os.environ.get('COMMUNITY_PLANNER', 'community-planner')
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')
PROGRAM_PREFIX = 'community-planner: '

TOWNSHIPS = 'code,name,kind\n220281001,民主街道,subdistrict\n220281100,新站镇,town\n'
COMMUNITIES = ('乡镇街道,代码,名称,类型,户数,人口,易地搬迁安置点\r\n'
               '民主街道,220281001001,民主社区,社区,1200,3000,否\r\n'
               '220281100,220281100201,新站村,村,300,800,是\r\n')


def run(*args):
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8')
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=60)


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class ImportCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='cp-import-cli-')
        self.db = os.path.join(self.dir, 'planner.db')
        result = run('init', self.db)
        self.assertEqual(result.returncode, 0, result.stderr)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text, encoding='utf-8'):
        path = os.path.join(self.dir, name)
        with open(path, 'wb') as f:
            f.write(text.encode(encoding))
        return path

    def query(self, sql, *params):
        with sqlite3.connect(self.db) as db:
            return db.execute(sql, params).fetchall()

    def import_ok(self, kind, path, rows):
        result = run('import', kind, self.db, path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        self.assertEqual(result.stdout.strip(), f'Imported {rows} rows.')

    def import_bad(self, kind, path, expected):
        """Imports @path, which must fail; @expected: (row, column, start of message) a line."""
        before = digest(self.db)
        result = run('import', kind, self.db, path)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertEqual(result.stdout, '')
        lines = result.stderr.rstrip('\n').split('\n')
        # The CLI may put its name before the first line; the problems themselves follow.
        if lines[0].startswith(PROGRAM_PREFIX):
            lines[0] = lines[0][len(PROGRAM_PREFIX):]
        pattern = re.compile(re.escape(path) + r':(\d+):([^:]+): (.+)$')
        got = []
        for line in lines:
            match = pattern.match(line)
            self.assertIsNotNone(match, f'not FILE:ROW:COLUMN: message: {line!r}')
            got.append(match.groups())
        self.assertEqual(len(got), len(expected), result.stderr)
        for (row, column, message), (want_row, want_column, want_start) in zip(got, expected):
            self.assertEqual((int(row), column), (want_row, want_column))
            self.assertTrue(message.startswith(want_start), message)
        self.assertEqual(digest(self.db), before, 'a failed import changed the database')

    def load_communities(self):
        self.import_ok('townships', self.write('t.csv', TOWNSHIPS), 2)
        self.import_ok('communities', self.write('c.csv', COMMUNITIES), 2)

    def test_all_three_kinds(self):
        self.load_communities()
        self.import_ok('facilities', os.path.join(DATA, 'facilities.csv'), 3)
        self.assertEqual(self.query('SELECT count(*) FROM township'), [(2,)])
        self.assertEqual(self.query(
            'SELECT c.code, t.code, c.kind, c.relocation_site, y.year, y.households '
            'FROM community c JOIN township t ON t.id = c.township_id '
            'JOIN community_year y ON y.community_id = c.id ORDER BY c.code'),
            [('220281001001', '220281001', 'urban', 0, 0, 1200),
             ('220281100201', '220281100', 'rural', 1, 0, 300)])
        self.assertEqual(self.query(
            'SELECT f.name, f.kind, f.total_area_m2, f.service_area_m2, f.provision, f.status, '
            'f.year, f.government_invested FROM facility f ORDER BY f.total_area_m2'),
            [('新站村卫生室', 'rehabilitation', 80.0, 60.0, 'lease', 'planned', 2026, 0),
             ('新站村"幸福"大院, 东院', 'comprehensive', 220.0, 180.0, 'relocation', 'in_use',
              2021, 1),
             ('民主社区党群服务中心', 'comprehensive', 450.5, 380.0, 'new', 'in_use', 2019, 1)])

    def test_gb18030_file(self):
        path = self.write('gb.csv', TOWNSHIPS.replace('code,name,kind', '代码,名称,类型'),
                          encoding='gb18030')
        with open(path, 'rb') as f:
            self.assertRaises(UnicodeDecodeError, f.read().decode, 'utf-8')
        self.import_ok('townships', path, 2)
        self.assertEqual(self.query('SELECT name FROM township WHERE code = ?', '220281100'),
                         [('新站镇',)])

    def test_reimport_updates(self):
        self.load_communities()
        changed = COMMUNITIES.replace('1200,3000', '1350,3100')
        self.import_ok('communities', self.write('c2.csv', changed), 2)
        self.assertEqual(self.query('SELECT count(*) FROM community'), [(2,)])
        self.assertEqual(self.query(
            'SELECT households, population FROM community_year y JOIN community c '
            'ON c.id = y.community_id WHERE c.code = ?', '220281001001'), [(1350, 3100)])

    def test_unknown_township(self):
        self.load_communities()
        self.import_bad('communities', os.path.join(DATA, 'err-unknown-township.csv'),
                        [(3, '乡镇街道', 'unknown township “红旗镇”')])
        self.assertEqual(self.query('SELECT count(*) FROM community'), [(2,)])

    def test_facility_problems(self):
        self.load_communities()
        self.import_bad('facilities', os.path.join(DATA, 'err-bad-year.csv'),
                        [(3, 'year', 'year “20x5” is not a year from 1949 to 2100')])
        self.import_bad('facilities', os.path.join(DATA, 'err-service-larger.csv'),
                        [(2, 'service_area_m2', 'service area 300.0 m² is larger than the '
                          'total area 200.0 m²')])
        self.import_bad('facilities', os.path.join(DATA, 'err-nonnumeric-area.csv'),
                        [(2, '总面积（㎡）', 'total area “四百” is not a number')])
        self.assertEqual(self.query('SELECT count(*) FROM facility'), [(0,)])

    def test_every_problem_listed(self):
        self.load_communities()
        path = self.write('bad.csv',
                          'township,code,name,kind,households,population\n'
                          '民主街道,220281001002,光明社区,urban,10,20\n'
                          '红旗镇,220281001003,红旗社区,urban,-1,20\n'
                          '民主街道,220281001002,光明社区,rural,10,20\n')
        self.import_bad('communities', path,
                        [(3, 'township', 'unknown township “红旗镇”'),
                         (3, 'households', 'households “-1” is negative'),
                         (4, 'code', 'duplicate code “220281001002” also on row 2')])
        self.assertEqual(self.query('SELECT count(*) FROM community'), [(2,)])

    def test_file_level_problems(self):
        self.load_communities()
        self.import_bad('townships', os.path.join(DATA, 'err-empty.csv'),
                        [(1, 'code', 'the file is empty')])
        self.import_bad('townships', os.path.join(DATA, 'err-binary.csv'),
                        [(1, 'code', 'not a CSV text file')])
        self.import_bad('communities', os.path.join(DATA, 'err-missing-column.csv'),
                        [(1, '户数', 'missing column “households” (户数)')])

    def test_missing_csv_is_a_data_error(self):
        result = run('import', 'townships', self.db, os.path.join(self.dir, 'absent.csv'))
        self.assertEqual(result.returncode, 1)
        self.assertIn('absent.csv', result.stderr)

    def test_usage_errors(self):
        path = os.path.join(DATA, 'townships.csv')
        self.assertEqual(run('import', 'villages', self.db, path).returncode, 2)
        self.assertEqual(run('import', 'townships', self.db).returncode, 2)
        self.assertEqual(self.query('SELECT count(*) FROM township'), [(0,)])


if __name__ == '__main__':
    unittest.main(verbosity=2)
