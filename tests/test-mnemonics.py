#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No access key is used twice in one window or dialog: for every template in ui/, the letters
after "_" in its translatable labels are different, in English and in the zh_CN translation
(read from the build's own catalogue), so that Alt+letter always reaches one field."""

import gettext
import glob
import os
import re
import unittest
import xml.etree.ElementTree as ET

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCALEDIR = os.environ.get('COMMUNITY_PLANNER_LOCALEDIR')
MNEMONIC = re.compile(r'_([^_])')


def labels(path):
    """The translatable label texts of a template that carry an access key."""
    found = []
    for prop in ET.parse(path).iter('property'):
        if prop.get('translatable') == 'yes' and prop.get('name') == 'label' and prop.text:
            if MNEMONIC.search(prop.text):
                found.append(prop.text)
    return found


def key(text):
    return MNEMONIC.search(text).group(1).lower()


class Mnemonics(unittest.TestCase):
    def setUp(self):
        self.templates = sorted(glob.glob(os.path.join(TOP, 'ui', '**', '*.ui'), recursive=True))
        self.assertGreater(len(self.templates), 0)
        self.zh = gettext.translation('community-planner', LOCALEDIR, languages=['zh_CN'])

    def check_unique(self, path, texts):
        seen = {}
        for text in texts:
            letter = key(text)
            self.assertNotIn(letter, seen,
                             f'{os.path.relpath(path, TOP)}: “{text}” and “{seen.get(letter)}” '
                             f'share the access key {letter!r}')
            seen[letter] = text

    def test_english(self):
        for path in self.templates:
            with self.subTest(template=os.path.relpath(path, TOP)):
                self.check_unique(path, labels(path))

    def test_chinese(self):
        for path in self.templates:
            with self.subTest(template=os.path.relpath(path, TOP)):
                translated = [self.zh.gettext(t) for t in labels(path)]
                self.assertTrue(all(MNEMONIC.search(t) for t in translated), translated)
                self.check_unique(path, translated)


if __name__ == '__main__':
    unittest.main()
