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


def run(*args, lang='C.UTF-8'):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    return subprocess.run([PLANNER, *args], capture_output=True, text=True, env=env, timeout=60)


def peak_rss_kb(*args):
    """Runs the planner and returns (exit status, stderr, peak resident memory in KB)."""
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8')
    with subprocess.Popen([PLANNER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=env) as child:
        stderr = child.stderr.read().decode()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        return child.returncode, stderr, usage.ru_maxrss


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

    def dump(self):
        with sqlite3.connect(self.db) as db:
            return '\n'.join(db.iterdump())

    def import_bad(self, kind, path, expected, lang='C.UTF-8'):
        """Imports @path, which must fail; @expected: (row, column, start of message) a line."""
        before = digest(self.db)
        before_dump = self.dump()
        result = run('import', kind, self.db, path, lang=lang)
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
        self.assertEqual(self.dump(), before_dump)

    def import_refused(self, path, english, chinese):
        """Imports @path, which must be refused as a whole: one line "@path: message"."""
        before = self.dump()
        for lang, start in (('C.UTF-8', english), ('zh_CN.UTF-8', chinese)):
            result = run('import', 'townships', self.db, path, lang=lang)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(result.stdout, '')
            self.assertTrue(result.stderr.endswith('\n'))
            self.assertNotIn('\n', result.stderr[:-1], 'not one line')
            self.assertTrue(result.stderr.startswith(f'{path}: {start}'), result.stderr)
        self.assertEqual(self.dump(), before)

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

    # The files behind issue 6: each refused with its place, one line a problem, in English and
    # in Chinese, the database unchanged.

    def test_mixed_encoding(self):
        path = os.path.join(DATA, 'err-mixed-encoding.csv')
        self.import_bad('townships', path, [(3, '名称', 'not UTF-8 (byte 0xB2 at position 1 of '
                                             'the cell): this row was saved in another encoding')])
        self.import_bad('townships', path, [(3, '名称', '不是 UTF-8 编码（该单元格第 1 个字符处为字节 '
                                             '0xB2）')], lang='zh_CN.UTF-8')
        self.assertEqual(self.query('SELECT count(*) FROM township'), [(0,)])

    def test_control_characters(self):
        self.load_communities()
        path = os.path.join(DATA, 'err-control-chars.csv')
        self.import_bad('facilities', path, [
            (2, 'name', 'name “服务<U+000C>中心” contains an invisible control character (U+000C) '
                        'at position 3; remove it'),
            (3, 'name', 'name “中心<U+FFFE>” contains U+FFFE at position 3, which is not a '
                        'character'),
            (4, 'name', 'name “<U+FDD0>中心” contains U+FDD0 at position 1'),
            (5, 'name', 'name “中心<U+FFFF>” contains U+FFFF at position 3'),
            (6, 'name', 'name “A<U+009B>B” contains an invisible control character (U+009B)'),
            (7, 'name', 'name “<U+202E>心中” contains an invisible formatting character'),
            (8, 'name', 'name “两行⏎名称” contains a line break at position 3'),
            (9, 'name', '“中<0xED><0xA0><0x80>” contains a lone surrogate (U+D800)')])
        self.import_bad('facilities', path, [
            (2, 'name', '名称“服务<U+000C>中心”第 3 个字符是看不见的控制字符（U+000C）；请删除'),
            (3, 'name', '名称“中心<U+FFFE>”第 3 个字符 U+FFFE 不是有效字符'),
            (4, 'name', '名称“<U+FDD0>中心”第 1 个字符 U+FDD0 不是有效字符'),
            (5, 'name', '名称“中心<U+FFFF>”第 3 个字符 U+FFFF 不是有效字符'),
            (6, 'name', '名称“A<U+009B>B”第 2 个字符是看不见的控制字符'),
            (7, 'name', '名称“<U+202E>心中”第 1 个字符是看不见的格式字符'),
            (8, 'name', '名称“两行⏎名称”第 3 个字符处有换行'),
            (9, 'name', '“中<0xED><0xA0><0x80>”第 2 个字符是单独的代理码位')], lang='zh_CN.UTF-8')

    def test_numbers(self):
        self.load_communities()
        path = os.path.join(DATA, 'err-numbers.csv')
        self.import_bad('communities', path, [
            (2, 'households', 'households “0x10” is not a number; write a whole number such as '
                              '1200'),
            (3, 'households', 'households “1e2” is written with an exponent'),
            (4, 'population', 'population “nan” is a word for “no value” or “infinite”'),
            (5, 'population', 'population “inf” is a word for “no value” or “infinite”'),
            (6, 'households', 'households “1 200” is not a number')])
        self.import_bad('communities', path, [
            (2, 'households', '户数“0x10”不是数字；请填写整数，例如 1200'),
            (3, 'households', '户数“1e2”用了科学计数法（e）'),
            (4, 'population', '人口“nan”是表示“无值”或“无穷大”的英文单词'),
            (5, 'population', '人口“inf”是表示“无值”或“无穷大”的英文单词'),
            (6, 'households', '户数“1 200”不是数字')], lang='zh_CN.UTF-8')

    def test_areas(self):
        self.load_communities()
        path = os.path.join(DATA, 'err-areas.csv')
        self.import_bad('facilities', path, [
            (2, 'total_area_m2', 'total area “1e3” is written with an exponent (e); write the '
                                 'number out in full, such as 1000 for 1e3'),
            (3, 'total_area_m2', 'total area “0x10” is not a number'),
            (4, 'total_area_m2', 'total area “1,200” could mean 1200 or 1.200'),
            (5, 'total_area_m2', 'total area “Infinity” is a word for “no value” or “infinite”'),
            (6, 'total_area_m2', 'total area “250.5.1” is not a number')])
        self.import_bad('facilities', path, [
            (2, 'total_area_m2', '总面积“1e3”用了科学计数法（e）；请写出完整数字，例如 1e3 写作 1000'),
            (3, 'total_area_m2', '总面积“0x10”不是数字'),
            (4, 'total_area_m2', '总面积“1,200”既可能是 1200，也可能是 1.200'),
            (5, 'total_area_m2', '总面积“Infinity”是表示“无值”或“无穷大”的英文单词'),
            (6, 'total_area_m2', '总面积“250.5.1”不是数字')], lang='zh_CN.UTF-8')

    def test_newline_in_header_and_cell(self):
        path = os.path.join(DATA, 'err-newline-in-header.csv')
        self.import_bad('townships', path, [
            (1, '颜色⏎备选', 'unknown column “颜色⏎备选”'),
            (2, 'kind', 'kind “sub⏎district” contains a line break at position 4')])
        self.import_bad('townships', path, [
            (1, '颜色⏎备选', '未知的列“颜色⏎备选”'),
            (2, 'kind', '类型“sub⏎district”第 4 个字符处有换行')], lang='zh_CN.UTF-8')

    def test_too_many_cells(self):
        path = os.path.join(DATA, 'err-too-many-cells.csv')
        self.import_bad('townships', path, [
            (2, 'GS', 'the row has 303 cells, more than the 200 an import reads')])
        self.import_bad('townships', path, [
            (2, 'GS', '这一行有 303 个单元格，超过导入可读取的 200 个')], lang='zh_CN.UTF-8')

    def test_long_cell_quoted_briefly(self):
        path = self.write('long.csv', 'code,name,kind\n220281002,' + 'x' * 10_000_000 + ',town\n')
        self.import_bad('townships', path, [
            (2, 'name', 'name “' + 'x' * 40 + '…” is longer than 100 characters')])
        self.import_bad('townships', path, [
            (2, 'name', '名称“' + 'x' * 40 + '…”')], lang='zh_CN.UTF-8')

    def test_delimiters_only_memory(self):
        # 50 MB of commas took 2.1 GB before the records were streamed and capped at 200 cells.
        path = os.path.join(self.dir, 'commas.csv')
        with open(path, 'wb') as f:
            f.write(b'code,name,kind\n' + b',' * 50_000_000)
        status, stderr, peak_kb = peak_rss_kb('import', 'townships', self.db, path)
        self.assertEqual(status, 1, stderr)
        self.assertEqual(stderr, f'{path}:2:GS: the row has 50000001 cells, more than the 200 an '
                                 'import reads; delete the cells from column GS on (often empty '
                                 'cells or a run of delimiters)\n')
        self.assertLess(peak_kb, 400_000)

    def test_hostile_names_stay_text(self):
        self.load_communities()
        self.import_ok('facilities', os.path.join(DATA, 'hostile-names.csv'), 6)
        self.assertEqual(sorted(name for (name,) in self.query('SELECT name FROM facility')),
                         sorted(['=SUM(1+1)', '+8613800000000', '-5号楼', '@admin', '\t=1+1',
                                 '=HYPERLINK("http://example.com","点击")']))

    def test_number_forms(self):
        self.load_communities()
        self.import_ok('facilities', os.path.join(DATA, 'facilities-number-forms.csv'), 4)
        self.assertEqual(self.query(
            'SELECT name, total_area_m2, service_area_m2, office_area_m2, independent_offices '
            'FROM facility ORDER BY total_area_m2'),
            [('全角中心', 250.0, 200.0, 0.0, 2), ('逗号中心', 250.5, 200.0, 10.5, 0),
             ('正号中心', 300.0, 300.0, 0.0, 0), ('千位中心', 1200.5, 1000.0, 0.0, 1000)])

    def test_fifo_refused(self):
        path = os.path.join(self.dir, 'fifo.csv')
        os.mkfifo(path)
        self.import_refused(path, 'this is a pipe (FIFO), not a CSV file',
                            '这是一个管道（FIFO），不是 CSV 文件')

    def test_device_refused(self):
        self.import_refused('/dev/zero', 'this is a device, not a CSV file',
                            '这是一个设备，不是 CSV 文件')

    def test_folder_refused(self):
        self.import_refused(self.dir, 'this is a folder, not a CSV file',
                            '这是一个文件夹，不是 CSV 文件')

    def test_database_itself_refused(self):
        link = os.path.join(self.dir, 'db-link.csv')
        os.symlink(self.db, link)
        for path in (self.db, link):
            self.import_refused(path, 'this is the database the import writes to',
                                '这是导入要写入的数据库')

    def test_symlink_loop(self):
        loop = os.path.join(self.dir, 'loop.csv')
        os.symlink(loop, loop)
        self.import_refused(loop, 'the path goes round a loop of symbolic links',
                            '该路径的符号链接形成了循环')

    def test_too_large_refused(self):
        path = os.path.join(self.dir, 'huge.csv')
        with open(path, 'wb') as f:
            f.write(b'code,name,kind\n')
            f.truncate(600_000_000)
        self.import_refused(path, 'the file is 600.0\u00a0MB, more than the 500.0\u00a0MB an '
                                  'import reads', '文件大小为 600.0\u00a0MB，超过导入可读取的 500.0')

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
