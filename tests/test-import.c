/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV importer: encodings, RFC 4180 records, Chinese and key headers, updates, and every
 * kind of bad file, each reported as FILE:ROW:COLUMN with the database left byte for byte. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cp-csv.h"
#include "cp-import.h"
#include "cp-facility-store.h"
#include "cp-region-store.h"
#include "cp-store-private.h"
#include "cp-text.h"

#define TOWNSHIPS cp_import_kind_lookup ("townships")
#define COMMUNITIES cp_import_kind_lookup ("communities")
#define FACILITIES cp_import_kind_lookup ("facilities")

typedef struct
{
  char *dir;
  char *db;
} Fixture;

/* The database every test starts from: two townships with one community each. */
static void
add_baseline (CpStore *store)
{
  CpTownship minzhu = { .code = (char *) "220281001", .name = (char *) "民主街道",
                        .kind = CP_TOWNSHIP_SUBDISTRICT };
  CpTownship xinzhan = { .code = (char *) "220281100", .name = (char *) "新站镇",
                         .kind = CP_TOWNSHIP_TOWN };

  g_assert_true (cp_region_store_upsert_township (store, &minzhu, NULL));
  g_assert_true (cp_region_store_upsert_township (store, &xinzhan, NULL));

  CpCommunity urban = { .township_id = minzhu.id, .code = (char *) "220281001001",
                        .name = (char *) "民主社区", .kind = CP_COMMUNITY_URBAN,
                        .households = 1200, .population = 3000 };
  CpCommunity rural = { .township_id = xinzhan.id, .code = (char *) "220281100201",
                        .name = (char *) "新站村", .kind = CP_COMMUNITY_RURAL,
                        .households = 300, .population = 800 };
  g_assert_true (cp_region_store_upsert_community (store, &urban, 0, NULL));
  g_assert_true (cp_region_store_upsert_community (store, &rural, 0, NULL));
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->dir = g_dir_make_tmp ("cp-import-XXXXXX", NULL);
  fx->db = g_build_filename (fx->dir, "test.db", NULL);

  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fx->db, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_baseline (store);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_chmod (path, 0644);
      g_remove (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

/* Auxiliary functions */

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

static char *
write_temp (Fixture *fx, const char *name, const char *contents)
{
  char *path = g_build_filename (fx->dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static CpStore *
open_store (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  CpStore *store = cp_store_open (fx->db, CP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return store;
}

static gint64
query_int64 (CpStore *store, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = cp_store_prepare (store, sql, NULL);
  g_assert_nonnull (stmt);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (CpStore *store, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = cp_store_prepare (store, sql, NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
count (CpStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return query_int64 (store, sql, NULL);
}

static guint
import_ok (Fixture *fx, const CpImportKind *kind, const char *file)
{
  g_autoptr (CpStore) store = open_store (fx);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_path (file);
  guint rows = 0;

  g_assert_true (cp_import_file (store, kind, path, &rows, NULL, &error));
  g_assert_no_error (error);
  return rows;
}

/* Imports @path, which must fail with CP_ERROR_IMPORT: one line a problem, line i starting with
 * "@path:" @expected[i]; the database file is unchanged. */
static void
expect_problems_at (Fixture *fx, const CpImportKind *kind, const char *path,
                    const char *const *expected)
{
  g_autofree char *before = file_digest (fx->db);
  g_autoptr (GError) error = NULL;
  guint rows = 99;

  {
    g_autoptr (CpStore) store = open_store (fx);
    g_assert_false (cp_import_file (store, kind, path, &rows, NULL, &error));
  }
  g_assert_error (error, CP_ERROR, CP_ERROR_IMPORT);
  g_assert_cmpuint (rows, ==, 0);

  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s:%s", path, expected[i]);
      if (!g_str_has_prefix (lines[i], prefix))
        g_error ("line %u is\n  %s\nexpected to start with\n  %s", i, lines[i], prefix);
    }

  g_autofree char *after = file_digest (fx->db);
  g_assert_cmpstr (before, ==, after);
}

static void
expect_problems (Fixture *fx, const CpImportKind *kind, const char *file, const char *const *expected)
{
  g_autofree char *path = data_path (file);
  expect_problems_at (fx, kind, path, expected);
}

/* CSV records and encodings */

static void
test_csv_records (void)
{
  int unclosed = 0;
  g_autoptr (GPtrArray) records
      = cp_csv_parse ("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\r\n\nlast", ',',
                      &unclosed);

  g_assert_cmpint (unclosed, ==, -1);
  g_assert_cmpuint (records->len, ==, 4);
  const char *const first[] = { "a", "b,1", "say \"hi\"", NULL };
  const char *const second[] = { "two\nlines", "", "x", NULL };
  const char *const third[] = { "", NULL };
  const char *const fourth[] = { "last", NULL };
  g_assert_cmpstrv (g_ptr_array_index (records, 0), first);
  g_assert_cmpstrv (g_ptr_array_index (records, 1), second);
  g_assert_cmpstrv (g_ptr_array_index (records, 2), third);
  g_assert_cmpstrv (g_ptr_array_index (records, 3), fourth);
  g_assert_true (cp_csv_record_is_blank (g_ptr_array_index (records, 2)));
  g_assert_false (cp_csv_record_is_blank (g_ptr_array_index (records, 3)));
}

static void
test_csv_trailing_newline_and_unclosed (void)
{
  int unclosed = 0;
  g_autoptr (GPtrArray) ok = cp_csv_parse ("a,b\nc,d\n", ',', &unclosed);
  g_assert_cmpuint (ok->len, ==, 2);
  g_assert_cmpint (unclosed, ==, -1);

  g_autoptr (GPtrArray) bad = cp_csv_parse ("a,b\nc,\"d\ne,f\n", ',', &unclosed);
  g_assert_cmpuint (bad->len, ==, 2);
  g_assert_cmpint (unclosed, ==, 1);
  const char *const second[] = { "c", "d\ne,f\n", NULL };
  g_assert_cmpstrv (g_ptr_array_index (bad, 1), second);
}

static void
test_csv_delimiter (void)
{
  g_assert_cmpint (cp_csv_guess_delimiter ("代码,名称\t,类型\n"), ==, ',');
  g_assert_cmpint (cp_csv_guess_delimiter ("代码\t名称\t类型\n1,2\n"), ==, '\t');
  g_assert_cmpint (cp_csv_guess_delimiter ("代码;名称;类型"), ==, ';');
  g_assert_cmpint (cp_csv_guess_delimiter ("\"a,b\"\tc"), ==, '\t');
  g_assert_cmpint (cp_csv_guess_delimiter ("code"), ==, ',');
}

static void
test_csv_decode (void)
{
  CpCsvEncoding encoding = -1;
  g_autoptr (GError) error = NULL;

  g_autofree char *plain = cp_csv_decode ("代码\n", 7, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "代码\n");
  g_assert_cmpint (encoding, ==, CP_CSV_UTF8);

  g_autofree char *bom = cp_csv_decode ("\xef\xbb\xbf代码", 9, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bom, ==, "代码");
  g_assert_cmpint (encoding, ==, CP_CSV_UTF8_BOM);

  /* 代码 in GB18030, as iconv writes it. */
  g_autofree char *gb = cp_csv_decode ("\xb4\xfa\xc2\xeb", 4, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gb, ==, "代码");
  g_assert_cmpint (encoding, ==, CP_CSV_GB18030);
}

static void
test_csv_decode_binary (void)
{
  static const struct
  {
    const char *data;
    gsize length;
    const char *start;
  } cases[] = {
    { "a,b\0c", 5, "not a CSV text file (binary data)" },
    { "PK\003\004rest", 8, "not a CSV text file (it is a workbook" },
    { "\xff\xfe" "a\0", 4, "not a CSV text file (it is UTF-16" },
    { "a,b\x01\x02", 5, "not a CSV text file (binary data)" },
    { "\x80\x80\xff", 3, "not a CSV text file (it is neither UTF-8 nor GB18030" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = cp_csv_decode (cases[i].data, cases[i].length, NULL, &error);
      g_assert_null (text);
      g_assert_error (error, CP_ERROR, CP_ERROR_IMPORT);
      g_assert_true (g_str_has_prefix (error->message, cases[i].start));
    }
}

/* A file mostly UTF-8 with one row saved in GB18030 stays UTF-8: its bytes come back as they
 * are, for the importer to report the row. */
static void
test_csv_decode_mixed (void)
{
  /* 代码\n测试\n: the second line in GB18030. */
  static const char mixed[] = "\xe4\xbb\xa3\xe7\xa0\x81\n\xb2\xe2\xca\xd4\n";
  CpCsvEncoding encoding = -1;
  g_autoptr (GError) error = NULL;

  g_autofree char *text = cp_csv_decode (mixed, sizeof mixed - 1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, CP_CSV_UTF8_PARTLY);
  g_assert_cmpmem (text, strlen (text), mixed, sizeof mixed - 1);

  /* With a BOM a broken line does not turn the file into GB18030 either. */
  static const char bom[] = "\xef\xbb\xbf" "a\n\xb2\xe2\n";
  g_autofree char *bom_text = cp_csv_decode (bom, sizeof bom - 1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, CP_CSV_UTF8_PARTLY);
  g_assert_cmpstr (bom_text, ==, "a\n\xb2\xe2\n");
}

/* 1,站\n2,新站镇\n in GB18030: the first line (31 2C D5 BE) happens to be valid UTF-8 (U+057E),
 * but a two-byte sequence proves nothing and the file is GB18030. */
static void
test_csv_decode_gb18030_accident (void)
{
  static const char gb[] = "1,\xd5\xbe\n2,\xd0\xc2\xd5\xbe\xd5\xf2\n";
  CpCsvEncoding encoding = -1;
  g_autoptr (GError) error = NULL;

  g_autofree char *text = cp_csv_decode (gb, sizeof gb - 1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, CP_CSV_GB18030);
  g_assert_cmpstr (text, ==, "1,站\n2,新站镇\n");
}

/* A record of 1001 cells keeps 200 of them and counts the rest. */
static void
test_csv_reader_cap (void)
{
  g_autoptr (GString) text = g_string_new ("a");
  for (guint i = 0; i < 1000; i++)
    g_string_append_c (text, ',');
  g_string_append (text, "z\nb\n");
  g_autoptr (CpCsvReader) reader = cp_csv_reader_new (text->str, ',');

  const char *const *record = cp_csv_reader_next (reader);
  g_assert_cmpuint (g_strv_length ((char **) record), ==, 200);
  g_assert_cmpstr (record[0], ==, "a");
  g_assert_cmpuint (cp_csv_reader_get_n_cells (reader), ==, 1001);
  g_assert_cmpuint (cp_csv_reader_get_index (reader), ==, 0);
  record = cp_csv_reader_next (reader);
  g_assert_cmpstr (record[0], ==, "b");
  g_assert_cmpuint (cp_csv_reader_get_n_cells (reader), ==, 1);
  g_assert_cmpuint (cp_csv_reader_get_index (reader), ==, 1);
  g_assert_null (cp_csv_reader_next (reader));
}

/* Text and numbers */

static void
test_text_check (void)
{
  static const struct
  {
    const char *text;
    CpTextProblem problem;
    gunichar c;
    glong position;
  } cases[] = {
    { "民主社区", CP_TEXT_OK, 0, 0 },
    { "\t=1+1", CP_TEXT_OK, 0, 0 },
    { "=SUM(A1)", CP_TEXT_OK, 0, 0 },
    { "服务\f中心", CP_TEXT_CONTROL, 0x0c, 3 },
    { "a\x1b", CP_TEXT_CONTROL, 0x1b, 2 },
    { "a\x7f", CP_TEXT_CONTROL, 0x7f, 2 },
    { "A\xc2\x9b", CP_TEXT_CONTROL, 0x9b, 2 },
    { "两行\n", CP_TEXT_LINE_BREAK, 0x0a, 3 },
    { "a\xe2\x80\xa8", CP_TEXT_LINE_BREAK, 0x2028, 2 },
    { "中心\xef\xbf\xbe", CP_TEXT_NONCHARACTER, 0xfffe, 3 },
    { "\xef\xbf\xbf", CP_TEXT_NONCHARACTER, 0xffff, 1 },
    { "\xef\xb7\x90", CP_TEXT_NONCHARACTER, 0xfdd0, 1 },
    { "x\xf0\x9f\xbf\xbe", CP_TEXT_NONCHARACTER, 0x1fffe, 2 },
    { "\xe2\x80\xae", CP_TEXT_INVISIBLE, 0x202e, 1 },
    { "a\xef\xbb\xbf", CP_TEXT_INVISIBLE, 0xfeff, 2 },
    { "\xe4\xb8\xad\xed\xa0\x80", CP_TEXT_SURROGATE, 0xd800, 2 },
    { "ab\xb2\xe2", CP_TEXT_NOT_UTF8, 0xb2, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gunichar c = 0;
      glong position = 0;
      g_assert_cmpint (cp_text_find_problem (cases[i].text, -1, &c, &position), ==,
                       cases[i].problem);
      g_assert_cmpuint (c, ==, cases[i].c);
      g_assert_cmpint (position, ==, cases[i].position);
    }

  g_autoptr (GError) error = NULL;
  g_assert_false (cp_text_check ("服务\f中心", -1, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "contains an invisible control character (U+000C) at position 3; remove it");
}

static void
test_text_quote (void)
{
  g_autofree char *breaks = cp_text_quote ("a\nb\tc\fd\xb2", -1);
  g_assert_cmpstr (breaks, ==, "a⏎b⇥c<U+000C>d<0xB2>");

  g_autofree char *long_text = g_strnfill (10 * 1000 * 1000, 'x');
  g_autofree char *quoted = cp_text_quote (long_text, -1);
  g_assert_cmpstr (quoted, ==, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…");

  g_autofree char *chinese = cp_text_quote ("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", -1);
  g_assert_cmpstr (chinese, ==, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…");
}

static void
test_parse_number (void)
{
  static const struct
  {
    const char *text;
    CpNumberFlags flags;
    double value;      /* when @error is NULL */
    const char *error; /* the start of the message */
  } cases[] = {
    { "250", CP_NUMBER_DECIMAL, 250, NULL },
    { " 250.5 ", CP_NUMBER_DECIMAL, 250.5, NULL },
    { "２５０．５", CP_NUMBER_DECIMAL, 250.5, NULL },
    { "250,5", CP_NUMBER_DECIMAL, 250.5, NULL },
    { "1,234.5", CP_NUMBER_DECIMAL, 1234.5, NULL },
    { "12,345,678", CP_NUMBER_DECIMAL, 12345678, NULL },
    { "+300", CP_NUMBER_DECIMAL, 300, NULL },
    { "-5", CP_NUMBER_DECIMAL, -5, NULL },
    { ".5", CP_NUMBER_DECIMAL, 0.5, NULL },
    /* Plain ASCII decimals, read without normalizing: the same values and refusals. */
    { "12.", CP_NUMBER_DECIMAL, 12, NULL },
    { "007.50", CP_NUMBER_AREA_UNIT, 7.5, NULL },
    { "0", CP_NUMBER_WHOLE, 0, NULL },
    { "1000.000", CP_NUMBER_WHOLE, 1000, NULL },
    { "1000.5", CP_NUMBER_WHOLE, 0, "is not a whole number" },
    { "1.5.", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "..5", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "250㎡", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "250 平方米", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "250平米", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "250m2", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "250m²", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "1,200", CP_NUMBER_WHOLE, 1200, NULL },
    { "1200.0", CP_NUMBER_WHOLE, 1200, NULL },
    { "１２００", CP_NUMBER_WHOLE, 1200, NULL },
    { "0x10", CP_NUMBER_WHOLE, 0, "is not a number; write a whole number such as 1200" },
    { "1e2", CP_NUMBER_WHOLE, 0, "is written with an exponent" },
    { "12.5", CP_NUMBER_WHOLE, 0, "is not a whole number; write a whole number such as 1200" },
    /* A word or an exponent is refused in words saying what it is. */
    { "1e3", CP_NUMBER_DECIMAL, 0, "is written with an exponent (e); write the number out" },
    { "2.5E+2", CP_NUMBER_AREA_UNIT, 0, "is written with an exponent" },
    { "１ｅ３", CP_NUMBER_DECIMAL, 0, "is written with an exponent" },
    { "e3", CP_NUMBER_DECIMAL, 0, "is not a number; write a plain number such as 250.5" },
    { "1e", CP_NUMBER_DECIMAL, 0, "is not a number; write a plain number such as 250.5" },
    { "nan", CP_NUMBER_DECIMAL, 0, "is a word for “no value” or “infinite”, not a number" },
    { "NaN", CP_NUMBER_AREA_UNIT, 0, "is a word for “no value” or “infinite”" },
    { "inf", CP_NUMBER_DECIMAL, 0, "is a word for “no value” or “infinite”" },
    { "-inf", CP_NUMBER_DECIMAL, 0, "is a word for “no value” or “infinite”" },
    { "Infinity", CP_NUMBER_DECIMAL, 0, "is a word for “no value” or “infinite”" },
    /* As a Chinese keyboard types them: full-width digits, point, comma and minus; the
     * ideographic full stop of Chinese punctuation mode; the minus sign; units. */
    { "２５０", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "－５", CP_NUMBER_DECIMAL, -5, NULL },
    { "−５", CP_NUMBER_DECIMAL, -5, NULL },
    { "２５０，５", CP_NUMBER_DECIMAL, 250.5, NULL },
    { "250。5", CP_NUMBER_AREA_UNIT, 250.5, NULL },
    { "２５０。５ 平方米", CP_NUMBER_AREA_UNIT, 250.5, NULL },
    { "250 m²", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "２５０㎡", CP_NUMBER_AREA_UNIT, 250, NULL },
    { "250,5 平方米", CP_NUMBER_AREA_UNIT, 250.5, NULL },
    /* The decimal comma: one comma, no point, and not exactly three digits after it. */
    { "1,25", CP_NUMBER_AREA_UNIT, 1.25, NULL },
    { "1250,5", CP_NUMBER_AREA_UNIT, 1250.5, NULL },
    { "1,2500", CP_NUMBER_AREA_UNIT, 1.25, NULL },
    { "1,250", CP_NUMBER_WHOLE, 1250, NULL },
    { "1,250", CP_NUMBER_AREA_UNIT, 0, "could mean 1250 or 1.250" },
    { "1,250.5", CP_NUMBER_AREA_UNIT, 1250.5, NULL },
    { "1250,500", CP_NUMBER_AREA_UNIT, 1250.5, NULL },
    { "250。5。1", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "-", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { ".", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "1 200", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "250.5.1", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "1,2,3", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "1.234,5", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "250㎡", CP_NUMBER_DECIMAL, 0, "is not a number" },
    { "㎡", CP_NUMBER_AREA_UNIT, 0, "is not a number" },
    { "1,200", CP_NUMBER_DECIMAL, 0,
      "could mean 1200 or 1.200; write 1200, or 1.200 with a decimal point" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      double value = -1;
      gboolean ok = cp_parse_number (cases[i].text, cases[i].flags, &value, &error);
      if (cases[i].error == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpfloat (value, ==, cases[i].value);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].error))
        g_error ("“%s”: %s", cases[i].text, error->message);
    }

  /* 400 digits are more than a double holds. */
  g_autofree char *huge = g_strnfill (400, '9');
  g_autoptr (GError) error = NULL;
  double value = -1;
  g_assert_false (cp_parse_number (huge, CP_NUMBER_DECIMAL, &value, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_cmpfloat (value, ==, -1);
}

/* Good imports */

static void
test_townships_keys (Fixture *fx, gconstpointer data)
{
  g_assert_cmpuint (import_ok (fx, TOWNSHIPS, "townships.csv"), ==, 3);

  g_autoptr (CpStore) store = open_store (fx);
  g_assert_cmpint (count (store, "township"), ==, 5);
  g_autofree char *kind
      = query_text (store, "SELECT kind FROM township WHERE name = ?1", "乌林朝鲜族乡");
  g_assert_cmpstr (kind, ==, "township");
  g_autofree char *code = query_text (store, "SELECT code FROM township WHERE name = ?1", "天岗镇");
  g_assert_cmpstr (code, ==, "220281101");
}

static void
test_townships_chinese_bom (Fixture *fx, gconstpointer data)
{
  g_assert_cmpuint (import_ok (fx, TOWNSHIPS, "townships-bom.csv"), ==, 2);

  g_autoptr (CpStore) store = open_store (fx);
  g_assert_cmpint (count (store, "township"), ==, 4);
  g_autofree char *kind
      = query_text (store, "SELECT kind FROM township WHERE code = ?1", "220281003");
  g_assert_cmpstr (kind, ==, "subdistrict");
  g_autofree char *name
      = query_text (store, "SELECT name FROM township WHERE code = ?1", "220281102");
  g_assert_cmpstr (name, ==, "白石山镇");
}

static void
test_townships_gb18030 (Fixture *fx, gconstpointer data)
{
  g_assert_cmpuint (import_ok (fx, TOWNSHIPS, "townships-gb18030.csv"), ==, 2);

  g_autoptr (CpStore) store = open_store (fx);
  g_autofree char *name
      = query_text (store, "SELECT name FROM township WHERE code = ?1", "220281201");
  g_assert_cmpstr (name, ==, "前进乡");
  g_autofree char *kind
      = query_text (store, "SELECT kind FROM township WHERE code = ?1", "220281201");
  g_assert_cmpstr (kind, ==, "township");
  g_autofree char *town
      = query_text (store, "SELECT name FROM township WHERE code = ?1", "220281103");
  g_assert_cmpstr (town, ==, "漂河镇");
}

static void
test_communities_chinese (Fixture *fx, gconstpointer data)
{
  g_assert_cmpuint (import_ok (fx, COMMUNITIES, "communities.csv"), ==, 2);

  g_autoptr (CpStore) store = open_store (fx);
  g_assert_cmpint (count (store, "community"), ==, 4);

  CpCommunity guangming = { 0 };
  g_assert_true (cp_region_store_get_community (
      store, cp_region_store_find_community (store, "220281001002", NULL), 2025, &guangming, NULL));
  g_assert_cmpint (guangming.township_id, ==,
                   cp_region_store_find_township (store, "220281001", NULL));
  g_assert_cmpstr (guangming.name, ==, "光明社区");
  g_assert_cmpint (guangming.kind, ==, CP_COMMUNITY_URBAN);
  g_assert_cmpint (guangming.households, ==, 1500);
  g_assert_cmpint (guangming.population, ==, 3600);
  g_assert_false (guangming.relocation_site);
  cp_community_clear (&guangming);

  /* 新丰村's figures hold from 2024 (its 年份), not before. */
  gint64 xinfeng_id = cp_region_store_find_community (store, "220281100202", NULL);
  CpCommunity xinfeng = { 0 };
  g_assert_true (cp_region_store_get_community (store, xinfeng_id, 2024, &xinfeng, NULL));
  g_assert_cmpint (xinfeng.township_id, ==, cp_region_store_find_township (store, "新站镇", NULL));
  g_assert_cmpint (xinfeng.kind, ==, CP_COMMUNITY_RURAL);
  g_assert_cmpint (xinfeng.households, ==, 420);
  g_assert_cmpint (xinfeng.population, ==, 1100);
  g_assert_true (xinfeng.relocation_site);
  cp_community_clear (&xinfeng);
  g_assert_true (cp_region_store_get_community (store, xinfeng_id, 2023, &xinfeng, NULL));
  g_assert_cmpint (xinfeng.households, ==, 0);
  cp_community_clear (&xinfeng);
}

static void
test_communities_update (Fixture *fx, gconstpointer data)
{
  for (int pass = 0; pass < 2; pass++)
    g_assert_cmpuint (import_ok (fx, COMMUNITIES, "communities-update.csv"), ==, 1);

  g_autoptr (CpStore) store = open_store (fx);
  g_assert_cmpint (count (store, "community"), ==, 2);
  CpCommunity minzhu = { 0 };
  g_assert_true (cp_region_store_get_community (
      store, cp_region_store_find_community (store, "220281001001", NULL), 2025, &minzhu, NULL));
  g_assert_cmpint (minzhu.households, ==, 1350);
  g_assert_cmpint (minzhu.population, ==, 3100);
  cp_community_clear (&minzhu);
}

static void
test_facilities_keys (Fixture *fx, gconstpointer data)
{
  g_assert_cmpuint (import_ok (fx, FACILITIES, "facilities.csv"), ==, 3);

  g_autoptr (CpStore) store = open_store (fx);
  g_autoptr (GArray) rural = cp_facility_store_list (
      store, cp_region_store_find_community (store, "220281100201", NULL), NULL);
  g_assert_cmpuint (rural->len, ==, 2);
  /* By name: 新站村"幸福"大院, 东院 (quoted, with doubled quotes and a comma) before 新站村卫生室. */
  CpFacility *yard = &g_array_index (rural, CpFacility, 0);
  g_assert_cmpstr (yard->name, ==, "新站村\"幸福\"大院, 东院");
  g_assert_cmpint (yard->kind, ==, CP_FACILITY_COMPREHENSIVE);
  g_assert_cmpfloat (yard->total_area_m2, ==, 220.0);
  g_assert_cmpfloat (yard->service_area_m2, ==, 180.0);
  g_assert_cmpfloat (yard->office_area_m2, ==, 0.0);
  g_assert_cmpint (yard->independent_offices, ==, 0);
  g_assert_cmpint (yard->provision, ==, CP_PROVISION_RELOCATION);
  g_assert_cmpint (yard->status, ==, CP_STATUS_IN_USE);
  g_assert_cmpint (yard->year, ==, 2021);
  g_assert_true (yard->government_invested);
  g_assert_false (yard->property_registered);
  g_assert_true (yard->accessible);
  g_assert_false (yard->age_friendly);
  g_assert_false (yard->child_friendly);
  CpFacility *clinic = &g_array_index (rural, CpFacility, 1);
  g_assert_cmpstr (clinic->name, ==, "新站村卫生室");
  g_assert_cmpint (clinic->kind, ==, CP_FACILITY_REHABILITATION);
  g_assert_cmpint (clinic->provision, ==, CP_PROVISION_LEASE);
  g_assert_cmpint (clinic->status, ==, CP_STATUS_PLANNED);

  g_autoptr (GArray) urban = cp_facility_store_list (
      store, cp_region_store_find_community (store, "220281001001", NULL), NULL);
  g_assert_cmpuint (urban->len, ==, 1);
  CpFacility *centre = &g_array_index (urban, CpFacility, 0);
  g_assert_cmpfloat (centre->total_area_m2, ==, 450.5);
  g_assert_cmpfloat (centre->service_area_m2, ==, 380.0);
  g_assert_cmpfloat (centre->office_area_m2, ==, 40.0);
  g_assert_true (centre->government_invested && centre->property_registered);
}

static void
test_facilities_reimport (Fixture *fx, gconstpointer data)
{
  g_assert_cmpuint (import_ok (fx, FACILITIES, "facilities.csv"), ==, 3);
  g_autofree char *changed = write_temp (
      fx, "changed.csv",
      "社区,名称,类型,总面积（㎡）,服务面积（㎡）,建设方式,状态,年份\n"
      "220281001001,民主社区党群服务中心,综合服务设施,５００,４２０平方米,新建,在用,2019年\n");
  g_autoptr (CpStore) store = open_store (fx);
  guint rows = 0;
  g_assert_true (cp_import_file (store, FACILITIES, changed, &rows, NULL, NULL));
  g_assert_cmpuint (rows, ==, 1);

  g_assert_cmpint (count (store, "facility"), ==, 3);
  g_autoptr (GArray) urban = cp_facility_store_list (
      store, cp_region_store_find_community (store, "220281001001", NULL), NULL);
  CpFacility *centre = &g_array_index (urban, CpFacility, 0);
  g_assert_cmpfloat (centre->total_area_m2, ==, 500.0);
  g_assert_cmpfloat (centre->service_area_m2, ==, 420.0);
  /* Columns the file leaves out take their defaults. */
  g_assert_cmpfloat (centre->office_area_m2, ==, 0.0);
  g_assert_false (centre->government_invested);
}

/* One bad file per kind of problem */

static void
test_error_unknown_township (Fixture *fx, gconstpointer data)
{
  const char *const expected[]
      = { "3:乡镇街道: unknown township “红旗镇”: use the code or name of a township", NULL };
  expect_problems (fx, COMMUNITIES, "err-unknown-township.csv", expected);
}

static void
test_error_duplicate_code (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = { "4:code: duplicate code “220281002” also on row 2", NULL };
  expect_problems (fx, TOWNSHIPS, "err-duplicate-code.csv", expected);
}

static void
test_error_nonnumeric_area (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = { "2:总面积（㎡）: total area “四百” is not a number; write a plain "
                                   "number such as 250.5",
                                   NULL };
  expect_problems (fx, FACILITIES, "err-nonnumeric-area.csv", expected);
}

static void
test_error_negative_area (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "2:total_area_m2: total area “-5” is negative; enter an area of 0.1 m² or more", NULL
  };
  expect_problems (fx, FACILITIES, "err-negative-area.csv", expected);
}

static void
test_error_service_larger (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "2:service_area_m2: service area 300.0 m² is larger than the total area 200.0 m²", NULL
  };
  expect_problems (fx, FACILITIES, "err-service-larger.csv", expected);
}

static void
test_error_unknown_kind (Fixture *fx, gconstpointer data)
{
  const char *const expected[]
      = { "2:类型: unknown kind “abc”: use one of comprehensive (综合服务设施), childcare", NULL };
  expect_problems (fx, FACILITIES, "err-unknown-kind.csv", expected);
}

static void
test_error_bad_year (Fixture *fx, gconstpointer data)
{
  /* Row 3 of the sheet although line 4 of the file: row 2's note spans two lines. */
  const char *const expected[]
      = { "3:year: year “20x5” is not a year from 1949 to 2100", NULL };
  expect_problems (fx, FACILITIES, "err-bad-year.csv", expected);
}

static void
test_error_missing_column (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = { "1:户数: missing column “households” (户数)", NULL };
  expect_problems (fx, COMMUNITIES, "err-missing-column.csv", expected);
}

static void
test_error_empty (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = { "1:code: the file is empty; its first row must name the "
                                   "columns, e.g. code,name,kind",
                                   NULL };
  expect_problems (fx, TOWNSHIPS, "err-empty.csv", expected);
}

static void
test_error_binary (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = { "1:township: not a CSV text file (binary data)", NULL };
  expect_problems (fx, COMMUNITIES, "err-binary.csv", expected);
}

static void
test_error_bad_yes_no (Fixture *fx, gconstpointer data)
{
  const char *const expected[]
      = { "2:relocation_site: relocation site “maybe” is not yes or no; enter 是 or 否", NULL };
  expect_problems (fx, COMMUNITIES, "err-bad-yes-no.csv", expected);
}

static void
test_error_unclosed_quote (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = { "3:name: a quoted cell is never closed", NULL };
  expect_problems (fx, TOWNSHIPS, "err-unclosed.csv", expected);
}

/* Every problem of every row is listed, in row order. */
static void
test_error_many (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "3:name: name is empty; enter the community's name",
    "3:households: households “-3” is negative; enter a whole number of households",
    "4:township: township is empty; enter the code or name of a township",
    "4:kind: unknown kind “城市”: use one of urban (社区), rural (村)",
    "4:households: households “12.5” is not a whole number",
    "4:population: population “x” is not a number",
    "4:year: year “1900” is not a year from 1949 to 2100",
    "4:code: duplicate code “220281001003” also on row 2",
    NULL,
  };
  expect_problems (fx, COMMUNITIES, "err-many.csv", expected);
}

static void
test_error_header (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = write_temp (fx, "header.csv",
                                      "序号,code,name,kind,colour,name\n"
                                      "1,220281002,长安街道,subdistrict,red,长安\n"
                                      "2,220281003,河南街道,subdistrict,,,surplus\n");
  const char *const expected[] = {
    "1:colour: unknown column “colour”: use one of code (代码), name (名称), kind (类型)",
    "1:name: column “name” appears twice",
    "3:G: “surplus” is in a column without a header",
    NULL,
  };
  expect_problems_at (fx, TOWNSHIPS, path, expected);
}

static void
test_error_header_only (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = write_temp (fx, "header-only.csv", "代码,名称,类型\r\n,,\r\n");
  const char *const expected[] = { "2:代码: the file has a header but no rows below it", NULL };
  expect_problems_at (fx, TOWNSHIPS, path, expected);
}

static void
test_error_scientific_code (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = write_temp (fx, "sci.csv",
                                      "community,name,kind,total_area_m2,service_area_m2,"
                                      "provision,status,year\n"
                                      "2.20281E+11,服务中心,comprehensive,300,250,new,in_use,2020\n");
  const char *const expected[]
      = { "2:community: community “2.20281E+11” was turned into a number in scientific notation",
          NULL };
  expect_problems_at (fx, FACILITIES, path, expected);
}

/* The files behind issue 6, one test each (tests/test-import-cli.py runs them through the
 * command line, also in Chinese). */

static void
test_error_mixed_encoding (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "3:名称: not UTF-8 (byte 0xB2 at position 1 of the cell): this row was saved in another "
    "encoding, such as GB18030",
    NULL
  };
  expect_problems (fx, TOWNSHIPS, "err-mixed-encoding.csv", expected);
}

static void
test_error_control_chars (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "2:name: name “服务<U+000C>中心” contains an invisible control character (U+000C) at "
    "position 3; remove it",
    "3:name: name “中心<U+FFFE>” contains U+FFFE at position 3, which is not a character",
    "4:name: name “<U+FDD0>中心” contains U+FDD0 at position 1, which is not a character",
    "5:name: name “中心<U+FFFF>” contains U+FFFF at position 3, which is not a character",
    "6:name: name “A<U+009B>B” contains an invisible control character (U+009B) at position 2",
    "7:name: name “<U+202E>心中” contains an invisible formatting character (U+202E) at "
    "position 1",
    "8:name: name “两行⏎名称” contains a line break at position 3; write it on one line",
    "9:name: “中<0xED><0xA0><0x80>” contains a lone surrogate (U+D800) at position 2",
    NULL
  };
  expect_problems (fx, FACILITIES, "err-control-chars.csv", expected);
}

static void
test_error_numbers (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "2:households: households “0x10” is not a number; write a whole number such as 1200",
    "3:households: households “1e2” is written with an exponent",
    "4:population: population “nan” is a word for “no value” or “infinite”",
    "5:population: population “inf” is a word for “no value” or “infinite”",
    "6:households: households “1 200” is not a number",
    NULL
  };
  expect_problems (fx, COMMUNITIES, "err-numbers.csv", expected);
}

static void
test_error_areas (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "2:total_area_m2: total area “1e3” is written with an exponent (e); write the number out in "
    "full, such as 1000 for 1e3",
    "3:total_area_m2: total area “0x10” is not a number",
    "4:total_area_m2: total area “1,200” could mean 1200 or 1.200",
    "5:total_area_m2: total area “Infinity” is a word for “no value” or “infinite”",
    "6:total_area_m2: total area “250.5.1” is not a number",
    NULL
  };
  expect_problems (fx, FACILITIES, "err-areas.csv", expected);
}

static void
test_error_newline_in_header (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "1:颜色⏎备选: unknown column “颜色⏎备选”: use one of",
    "2:kind: kind “sub⏎district” contains a line break at position 4",
    NULL
  };
  expect_problems (fx, TOWNSHIPS, "err-newline-in-header.csv", expected);
}

static void
test_error_too_many_cells (Fixture *fx, gconstpointer data)
{
  const char *const expected[] = {
    "2:GS: the row has 303 cells, more than the 200 an import reads; delete the cells from "
    "column GS on",
    NULL
  };
  expect_problems (fx, TOWNSHIPS, "err-too-many-cells.csv", expected);
}

/* A 10 MB name is quoted with 40 characters, not echoed whole. */
static void
test_error_long_cell (Fixture *fx, gconstpointer data)
{
  g_autofree char *name = g_strnfill (10 * 1000 * 1000, 'x');
  g_autofree char *csv = g_strdup_printf ("code,name,kind\n220281002,%s,town\n", name);
  g_autofree char *path = write_temp (fx, "long.csv", csv);
  const char *const expected[] = {
    "2:name: name “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is longer than 100 characters; "
    "enter the township's name, e.g. 民主街道",
    NULL
  };
  expect_problems_at (fx, TOWNSHIPS, path, expected);
}

/* A header and 2 MB of delimiters: one problem, the row's. */
static void
test_error_delimiters_only (Fixture *fx, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("code,name,kind\n");
  for (guint i = 0; i < 2 * 1000 * 1000; i++)
    g_string_append_c (csv, ',');
  g_autofree char *path = write_temp (fx, "commas.csv", csv->str);
  const char *const expected[] = {
    "2:GS: the row has 2000001 cells, more than the 200 an import reads", NULL
  };
  expect_problems_at (fx, TOWNSHIPS, path, expected);
}

/* A spreadsheet's sheet holds 1,048,576 rows: row 1,048,577 is one too many, reported at that
 * row (blank rows count, as a spreadsheet numbers them). */
static void
test_error_too_many_rows (Fixture *fx, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("code,name,kind\n");
  for (guint i = 0; i < 1048576; i++)
    g_string_append (csv, ",,\n");
  g_autofree char *path = write_temp (fx, "rows.csv", csv->str);
  const char *const expected[] = {
    "1048577:code: the file has more than 1048576 rows, the most a spreadsheet holds; split it "
    "into files of at most that many rows",
    NULL
  };
  expect_problems_at (fx, TOWNSHIPS, path, expected);
}

/* A community code the database cannot look up (its table is gone) is a database error that
 * stops the import, never reported as an unknown code. */
static void
test_lookup_failure_is_not_unknown (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = write_temp (fx, "f.csv",
                                      "community,name,kind,total_area_m2,service_area_m2,"
                                      "provision,status,year\n"
                                      "220281001001,中心,comprehensive,100,90,new,in_use,2020\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = open_store (fx);

  g_assert_cmpint (sqlite3_exec (_cp_store_get_db (store),
                                 "ALTER TABLE community RENAME TO community_gone", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_false (cp_import_file (store, FACILITIES, path, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, CP_ERROR, CP_ERROR_IMPORT));
  g_assert_null (strstr (error->message, "unknown"));
  g_assert_nonnull (strstr (error->message, "no such table: community"));
}

/* Imports @path, which must fail before reading a row: one line "@path: @message…". */
static void
expect_file_refused (Fixture *fx, const char *path, const char *message)
{
  g_autofree char *before = file_digest (fx->db);
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (CpStore) store = open_store (fx);
    g_assert_false (cp_import_file (store, TOWNSHIPS, path, NULL, NULL, &error));
  }
  g_assert_error (error, CP_ERROR, CP_ERROR_IMPORT);
  g_autofree char *start = g_strdup_printf ("%s: %s", path, message);
  if (!g_str_has_prefix (error->message, start))
    g_error ("%s\nexpected to start with\n%s", error->message, start);
  g_assert_null (strchr (error->message, '\n'));
  g_autofree char *after = file_digest (fx->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_regular (Fixture *fx, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (fx->dir, "fifo.csv", NULL);

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  expect_file_refused (fx, fifo, "this is a pipe (FIFO), not a CSV file");
  expect_file_refused (fx, "/dev/zero", "this is a device, not a CSV file");
  expect_file_refused (fx, fx->dir, "this is a folder, not a CSV file");
}

/* The database itself, also through a link, is refused by stat() alone. */
static void
test_database_itself (Fixture *fx, gconstpointer data)
{
  g_autofree char *link = g_build_filename (fx->dir, "link.csv", NULL);

  g_assert_cmpint (symlink (fx->db, link), ==, 0);
  expect_file_refused (fx, fx->db, "this is the database the import writes to");
  expect_file_refused (fx, link, "this is the database the import writes to");
}

/* A sparse file of 600 MB is refused by its size, before it is read. */
static void
test_too_large (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = write_temp (fx, "huge.csv", "code,name,kind\n");

  g_assert_cmpint (truncate (path, (goffset) 600 * 1000 * 1000), ==, 0);
  expect_file_refused (fx, path, "the file is 600.0\u00a0MB, more than the 500.0\u00a0MB an "
                       "import reads");
}

static void
test_number_forms (Fixture *fx, gconstpointer data)
{
  g_assert_cmpuint (import_ok (fx, FACILITIES, "facilities-number-forms.csv"), ==, 4);

  g_autoptr (CpStore) store = open_store (fx);
  g_assert_cmpint (query_int64 (store, "SELECT total_area_m2 * 10 FROM facility WHERE name = ?1",
                                "全角中心"),
                   ==, 2500);
  g_assert_cmpint (query_int64 (store, "SELECT independent_offices FROM facility WHERE name = ?1",
                                "全角中心"),
                   ==, 2);
  g_assert_cmpint (query_int64 (store, "SELECT total_area_m2 * 10 FROM facility WHERE name = ?1",
                                "逗号中心"),
                   ==, 2505);
  g_assert_cmpint (query_int64 (store, "SELECT office_area_m2 * 10 FROM facility WHERE name = ?1",
                                "逗号中心"),
                   ==, 105);
  g_assert_cmpint (query_int64 (store, "SELECT total_area_m2 * 10 FROM facility WHERE name = ?1",
                                "千位中心"),
                   ==, 12005);
  g_assert_cmpint (query_int64 (store, "SELECT independent_offices FROM facility WHERE name = ?1",
                                "千位中心"),
                   ==, 1000);
  g_assert_cmpint (query_int64 (store, "SELECT total_area_m2 FROM facility WHERE name = ?1",
                                "正号中心"),
                   ==, 300);
}

/* Names a spreadsheet would take for a formula are stored as they are, a leading tab included. */
static void
test_hostile_names (Fixture *fx, gconstpointer data)
{
  static const char *const names[] = {
    "=SUM(1+1)", "+8613800000000", "-5号楼", "@admin", "\t=1+1",
    "=HYPERLINK(\"http://example.com\",\"点击\")",
  };

  g_assert_cmpuint (import_ok (fx, FACILITIES, "hostile-names.csv"), ==, 6);
  g_autoptr (CpStore) store = open_store (fx);
  g_assert_cmpint (count (store, "facility"), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM facility WHERE name = ?1",
                                  names[i]),
                     ==, 1);
}

/* 250 bad rows: 200 lines, then one that counts the rest. */
static void
test_error_cap (Fixture *fx, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("code,name,kind\n");
  for (guint i = 0; i < 250; i++)
    g_string_append_printf (csv, "9%03u,乡%u,village\n", i, i);
  g_autofree char *path = write_temp (fx, "many.csv", csv->str);
  g_autoptr (CpStore) store = open_store (fx);
  g_autoptr (GError) error = NULL;

  g_assert_false (cp_import_file (store, TOWNSHIPS, path, NULL, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_IMPORT);
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 201);
  g_autofree char *last_row = g_strdup_printf ("%s:201:kind: unknown kind “village”", path);
  g_assert_true (g_str_has_prefix (lines[199], last_row));
  g_assert_cmpstr (lines[200], ==, "… and 50 more problems");
  g_assert_cmpint (count (store, "township"), ==, 2);
}

static void
test_missing_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (CpStore) store = open_store (fx);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = data_path ("no-such-file.csv");

  g_assert_false (cp_import_file (store, TOWNSHIPS, path, NULL, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_FOUND);
}

static void
test_read_only (Fixture *fx, gconstpointer data)
{
  g_autofree char *before = file_digest (fx->db);
  g_autofree char *path = data_path ("townships.csv");
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (CpStore) store = cp_store_open (fx->db, CP_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_false (cp_import_file (store, TOWNSHIPS, path, NULL, NULL, &error));
    g_assert_error (error, CP_ERROR, CP_ERROR_READ_ONLY);
    g_assert_cmpstr (error->message, ==, cp_store_read_only_reason (store));
  }
  g_autofree char *after = file_digest (fx->db);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GCancellable *cancellable;
  double last;
  guint calls;
} Progress;

static void
cancel_while_writing (double fraction, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  p->last = fraction;
  p->calls++;
  if (fraction > 0.6)
    g_cancellable_cancel (p->cancellable);
}

/* Rows are written as they are read: cancelled at record 512 of 601, after 512 rows were written
 * in the transaction; they are rolled back. */
static void
test_cancel (Fixture *fx, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("code,name,kind\n");
  for (guint i = 0; i < 600; i++)
    g_string_append_printf (csv, "9%03u,镇%u,town\n", i, i);
  g_autofree char *path = write_temp (fx, "600.csv", csv->str);
  g_autofree char *before = file_digest (fx->db);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { .cancellable = cancellable };
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (CpStore) store = open_store (fx);
    g_assert_false (cp_import_file_full (store, TOWNSHIPS, path, cancel_while_writing,
                                         &progress, NULL, cancellable, &error));
    g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
    g_assert_cmpint (count (store, "township"), ==, 2);
  }
  /* Records 256 (0.43 of the file) and 512 (0.85: cancelled). */
  g_assert_cmpuint (progress.calls, ==, 2);
  g_autofree char *after = file_digest (fx->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_progress_complete (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = data_path ("townships.csv");
  g_autoptr (CpStore) store = open_store (fx);
  Progress progress = { .cancellable = NULL };
  guint rows = 0;

  g_assert_true (cp_import_file_full (store, TOWNSHIPS, path, cancel_while_writing,
                                      &progress, &rows, NULL, NULL));
  g_assert_cmpuint (rows, ==, 3);
  g_assert_cmpfloat (progress.last, ==, 1.0);
}

/* @rows facilities 设施0 … alternating between the two communities, total area 100 + i; then
 * @extra (a row or ""). */
static char *
write_facilities (Fixture *fx, const char *name, guint rows, const char *extra)
{
  g_autoptr (GString) csv
      = g_string_new ("community,name,kind,total_area_m2,service_area_m2,provision,status,year\n");
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "%s,设施%u,childcare,%u,50,new,planned,2020\n",
                            i % 2 == 0 ? "220281001001" : "220281100201", i, 100 + i);
  g_string_append (csv, extra);
  return write_temp (fx, name, csv->str);
}

/* A facilities import turns the CHECK constraints off while it writes (its rows were validated)
 * and takes a larger page cache: after it, whatever its end, the connection refuses a kind
 * outside the list again and has SQLite's cache of 2,000 KiB. */
static void
assert_checks_on (CpStore *store)
{
  g_assert_cmpint (query_int64 (store, "PRAGMA cache_size", NULL), ==, -2000);
  g_assert_cmpint (sqlite3_exec (_cp_store_get_db (store),
                                 "INSERT INTO facility (community_id, name, kind, total_area_m2, "
                                 "service_area_m2, provision, status, year) SELECT id, 'x', "
                                 "'bogus', 10, 0, 'new', 'in_use', 2020 FROM community LIMIT 1",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_CHECK);
}

/* 600 facilities are written 256 rows a statement (256, 256, 88): every row, an existing one
 * updated (it keeps its id). The new rows take their ids in the order of the facility table's key,
 * community and then name (bytes), not the file's: the import sorts each chunk of CP_IMPORT_CHUNK
 * rows before writing it, so that its writes land near each other in the key's index. */
static void
test_facilities_batches (Fixture *fx, gconstpointer data)
{
  g_autofree char *first = write_temp (
      fx, "first.csv",
      "community,name,kind,total_area_m2,service_area_m2,provision,status,year\n"
      "220281001001,设施0,reading,999,50,new,planned,2020\n");
  g_autofree char *path = write_facilities (fx, "600.csv", 600, "");
  g_autoptr (CpStore) store = open_store (fx);
  guint rows = 0;

  g_assert_true (cp_import_file (store, FACILITIES, first, &rows, NULL, NULL));
  g_assert_cmpuint (rows, ==, 1);
  g_assert_true (cp_import_file (store, FACILITIES, path, &rows, NULL, NULL));
  g_assert_cmpuint (rows, ==, 600);
  g_assert_cmpint (count (store, "facility"), ==, 600);
  g_assert_cmpint (query_int64 (store, "SELECT max(id) FROM facility", NULL), ==, 600);
  const char *sql = "SELECT id * 10000 + total_area_m2 FROM facility WHERE name = ?1";
  g_assert_cmpint (query_int64 (store, sql, "设施0"), ==, 10100);
  /* No new row with a larger id has a smaller key. */
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM facility a JOIN facility b ON "
                                       "b.id > a.id WHERE a.id > 1 AND (b.community_id, "
                                       "b.name) < (a.community_id, a.name)",
                                NULL),
                   ==, 0);
  g_autofree char *kind = query_text (store, "SELECT kind FROM facility WHERE name = ?1", "设施0");
  g_assert_cmpstr (kind, ==, "childcare");
  g_assert_cmpint (query_int64 (store, "SELECT count(*) FROM community c JOIN facility f ON "
                                       "f.community_id = c.id WHERE c.code = ?1",
                                "220281100201"),
                   ==, 300);
  assert_checks_on (store);
}

/* A problem on the last row, after two full statements were written: nothing is kept. */
static void
test_facilities_batches_problem (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = write_facilities (
      fx, "601.csv", 600, "220281001001,设施600,nursery,100,50,new,planned,2020\n");
  g_autofree char *before = file_digest (fx->db);
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (CpStore) store = open_store (fx);
    g_assert_false (cp_import_file (store, FACILITIES, path, NULL, NULL, &error));
    g_assert_error (error, CP_ERROR, CP_ERROR_IMPORT);
    g_assert_cmpint (count (store, "facility"), ==, 0);
    assert_checks_on (store);
    g_assert_cmpint (count (store, "facility"), ==, 0);
  }
  g_autofree char *expected = g_strdup_printf ("%s:602:kind: unknown kind “nursery”", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_null (strchr (error->message, '\n'));
  g_autofree char *after = file_digest (fx->db);
  g_assert_cmpstr (before, ==, after);
}

/* Cancelled at record 512 of 600, before the rows (one chunk, CP_IMPORT_CHUNK) were written:
 * nothing is written (test_cancel rolls back rows written before a cancel). */
static void
test_facilities_batches_cancel (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = write_facilities (fx, "600.csv", 600, "");
  g_autofree char *before = file_digest (fx->db);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { .cancellable = cancellable };
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (CpStore) store = open_store (fx);
    g_assert_false (cp_import_file_full (store, FACILITIES, path, cancel_while_writing,
                                         &progress, NULL, cancellable, &error));
    g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
    g_assert_cmpint (count (store, "facility"), ==, 0);
    assert_checks_on (store);
  }
  g_assert_cmpuint (progress.calls, ==, 2);
  g_autofree char *after = file_digest (fx->db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/csv/records", test_csv_records);
  g_test_add_func ("/csv/trailing-newline-and-unclosed", test_csv_trailing_newline_and_unclosed);
  g_test_add_func ("/csv/delimiter", test_csv_delimiter);
  g_test_add_func ("/csv/decode", test_csv_decode);
  g_test_add_func ("/csv/decode-binary", test_csv_decode_binary);
  g_test_add_func ("/csv/decode-mixed", test_csv_decode_mixed);
  g_test_add_func ("/csv/decode-gb18030-accident", test_csv_decode_gb18030_accident);
  g_test_add_func ("/csv/reader-cap", test_csv_reader_cap);
  g_test_add_func ("/text/check", test_text_check);
  g_test_add_func ("/text/quote", test_text_quote);
  g_test_add_func ("/text/parse-number", test_parse_number);
  ADD ("/import/townships/keys", test_townships_keys);
  ADD ("/import/townships/chinese-bom", test_townships_chinese_bom);
  ADD ("/import/townships/gb18030", test_townships_gb18030);
  ADD ("/import/communities/chinese", test_communities_chinese);
  ADD ("/import/communities/update", test_communities_update);
  ADD ("/import/facilities/keys", test_facilities_keys);
  ADD ("/import/facilities/reimport", test_facilities_reimport);
  ADD ("/import/error/unknown-township", test_error_unknown_township);
  ADD ("/import/error/duplicate-code", test_error_duplicate_code);
  ADD ("/import/error/nonnumeric-area", test_error_nonnumeric_area);
  ADD ("/import/error/negative-area", test_error_negative_area);
  ADD ("/import/error/service-larger", test_error_service_larger);
  ADD ("/import/error/unknown-kind", test_error_unknown_kind);
  ADD ("/import/error/bad-year", test_error_bad_year);
  ADD ("/import/error/missing-column", test_error_missing_column);
  ADD ("/import/error/empty", test_error_empty);
  ADD ("/import/error/binary", test_error_binary);
  ADD ("/import/error/bad-yes-no", test_error_bad_yes_no);
  ADD ("/import/error/unclosed-quote", test_error_unclosed_quote);
  ADD ("/import/error/many", test_error_many);
  ADD ("/import/error/header", test_error_header);
  ADD ("/import/error/header-only", test_error_header_only);
  ADD ("/import/error/scientific-code", test_error_scientific_code);
  ADD ("/import/error/cap", test_error_cap);
  ADD ("/import/error/mixed-encoding", test_error_mixed_encoding);
  ADD ("/import/error/control-chars", test_error_control_chars);
  ADD ("/import/error/numbers", test_error_numbers);
  ADD ("/import/error/areas", test_error_areas);
  ADD ("/import/error/newline-in-header", test_error_newline_in_header);
  ADD ("/import/error/too-many-cells", test_error_too_many_cells);
  ADD ("/import/error/long-cell", test_error_long_cell);
  ADD ("/import/error/delimiters-only", test_error_delimiters_only);
  ADD ("/import/error/too-many-rows", test_error_too_many_rows);
  ADD ("/import/error/lookup-failure", test_lookup_failure_is_not_unknown);
  ADD ("/import/error/not-regular", test_not_regular);
  ADD ("/import/error/database-itself", test_database_itself);
  ADD ("/import/error/too-large", test_too_large);
  ADD ("/import/facilities/number-forms", test_number_forms);
  ADD ("/import/facilities/hostile-names", test_hostile_names);
  ADD ("/import/missing-file", test_missing_file);
  ADD ("/import/read-only", test_read_only);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/progress", test_progress_complete);
  ADD ("/import/facilities/batches", test_facilities_batches);
  ADD ("/import/facilities/batches-problem", test_facilities_batches_problem);
  ADD ("/import/facilities/batches-cancel", test_facilities_batches_cancel);

  return g_test_run ();
}
