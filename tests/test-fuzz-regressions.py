#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every input the fuzzer found a crash with (tests/fuzz/regressions: first byte the kind, the rest
the file, as tests/fuzz/fuzz-import.c reads it) imported by the real binary as each of the three
kinds: it ends with exit 0 or 1 (never a signal), and a refused file leaves the database as it
was."""

import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest

PLANNER = os.environ.get('COMMUNITY_PLANNER', 'community-planner')
REGRESSIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fuzz', 'regressions')
KINDS = ('townships', 'communities', 'facilities')


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class FuzzRegressions(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='cp-fuzz-regressions-')
        self.db = os.path.join(self.dir, 'planner.db')
        env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8')
        subprocess.run([PLANNER, 'init', self.db, '--sample'], check=True, env=env,
                       capture_output=True)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_no_crash(self):
        inputs = sorted(os.listdir(REGRESSIONS))
        self.assertGreater(len(inputs), 0)
        for name in inputs:
            with open(os.path.join(REGRESSIONS, name), 'rb') as f:
                data = f.read()
            csv = os.path.join(self.dir, 'input.csv')
            with open(csv, 'wb') as f:
                f.write(data[1:])
            for kind in KINDS:
                with self.subTest(input=name, kind=kind):
                    before = digest(self.db)
                    result = subprocess.run([PLANNER, 'import', kind, self.db, csv],
                                            capture_output=True, text=True, timeout=60,
                                            env=dict(os.environ, LANG='C.UTF-8',
                                                     LC_ALL='C.UTF-8'))
                    self.assertIn(result.returncode, (0, 1), result.stderr)
                    if result.returncode == 1:
                        self.assertEqual(digest(self.db), before)
                        self.assertRegex(result.stderr, r'input\.csv:\d+:')


if __name__ == '__main__':
    unittest.main()
