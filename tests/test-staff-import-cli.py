#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`community-planner import staff|grades|parameters` end to end: the real binary on the files of
tests/data/staff/. A good file exits 0; a bad one exits 1 with one `FILE:ROW:COLUMN: message` line
(in English and in Chinese) and leaves the database as it was: the SHA-256 of its SQL dump
(Python's sqlite3 iterdump, the same text as `sqlite3 FILE .dump`) is the same before and after,
for every kind of problem."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

PLANNER = os.environ.get('COMMUNITY_PLANNER', 'community-planner')
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')
STAFF = os.path.join(DATA, 'staff')

# kind, file, row, column (as the header names it), a part of the English message, of the Chinese
BAD_FILES = [
    ('staff', 'err-staff-check-digit.csv', 3, '身份证号', 'expected X', '身份证号'),
    ('staff', 'err-staff-birth-date.csv', 3, '身份证号', '19950230', '19950230'),
    ('staff', 'err-staff-unknown-community.csv', 3, '社区', 'unknown community', '220281999999'),
    ('staff', 'err-staff-level-range.csv', 3, '等级', 'level 5 is outside', '5'),
    ('staff', 'err-staff-unknown-post.csv', 3, '岗位', 'unknown post', '主任'),
    ('staff', 'err-staff-unknown-education.csv', 3, '学历', 'unknown education', '大学'),
    ('staff', 'err-staff-unknown-qualification.csv', 3, '职业资格', 'unknown qualification',
     '心理咨询师'),
    ('staff', 'err-staff-duplicate.csv', 4, '身份证号', 'also on row 3', '3'),
    ('staff', 'err-staff-bad-date.csv', 3, '参加工作时间', 'is not a date', '2020-13-01'),
    ('staff', 'err-staff-future-date.csv', 3, '社区工作起始时间', 'lies in the future',
     '2099-01-01'),
    ('grades', 'err-grades-not-on-roster.csv', 3, '身份证号', 'is not on the roster',
     '220281********0813'),
    ('grades', 'err-grades-unknown-grade.csv', 2, '等次', 'unknown grade', '良好'),
    ('parameters', 'err-parameters-unknown-key.csv', 3, '参数', 'unknown parameter', 'base_wage'),
    ('parameters', 'err-parameters-range.csv', 3, '数值', 'outside the range', 'base_share'),
    ('parameters', 'err-parameters-together.csv', 4, '数值', 'do not fit together',
     'level_min.head'),
]


def run(*args, lang='C.UTF-8'):
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE='')
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=60)


def dump_digest(path):
    con = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    try:
        text = '\n'.join(con.iterdump())
    finally:
        con.close()
    return hashlib.sha256(text.encode()).hexdigest()


class StaffImportCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix='cp-staff-import-cli-')
        cls.db = os.path.join(cls.dir, 'planner.db')
        for args in (('init', cls.db),
                     ('import', 'townships', cls.db, os.path.join(DATA, 'fixture-townships.csv')),
                     ('import', 'communities', cls.db,
                      os.path.join(DATA, 'fixture-communities.csv'))):
            result = run(*args)
            assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_1_good_files(self):
        for kind, name, rows in (('staff', 'staff.csv', 5), ('staff', 'staff-keys-gb18030.csv', 2),
                                 ('grades', 'grades.csv', 4),
                                 ('parameters', 'parameters.csv', 6)):
            result = run('import', kind, self.db, os.path.join(STAFF, name))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stdout.strip(), f'Imported {rows} rows.')
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute('SELECT count(*) FROM staff').fetchone()[0], 7)
            self.assertEqual(con.execute('SELECT count(*) FROM staff_grade').fetchone()[0], 4)
            self.assertEqual(con.execute('SELECT count(*) FROM pay_parameter').fetchone()[0], 4)
        finally:
            con.close()

    def test_2_bad_files_change_nothing(self):
        self.assertEqual(run('import', 'staff', self.db,
                             os.path.join(STAFF, 'staff.csv')).returncode, 0)
        for kind, name, row, column, english, chinese in BAD_FILES:
            with self.subTest(file=name):
                path = os.path.join(STAFF, name)
                before = dump_digest(self.db)
                for lang, part in (('C.UTF-8', english), ('zh_CN.UTF-8', chinese)):
                    result = run('import', kind, self.db, path, lang=lang)
                    self.assertEqual(result.returncode, 1, result.stderr)
                    lines = result.stderr.strip().splitlines()
                    self.assertEqual(len(lines), 1, result.stderr)
                    self.assertTrue(lines[0].startswith(f'{path}:{row}:{column}: '), lines[0])
                    self.assertIn(part, lines[0])
                    self.assertEqual(dump_digest(self.db), before)


if __name__ == '__main__':
    unittest.main(verbosity=2)
