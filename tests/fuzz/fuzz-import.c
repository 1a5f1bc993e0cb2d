/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target over the CSV importer (issue 6, point 3); see tests/fuzz/README.md.
 *
 * Each input: its first byte chooses the kind (townships, communities, facilities), the rest is
 * the bytes of a CSV file. They are decoded and parsed directly (cp_csv_decode(),
 * cp_csv_guess_delimiter(), cp_csv_parse() and the streaming reader), then written to a
 * temporary file and imported with cp_import_file() into a store that holds the sample data.
 * After an import that wrote rows, the store is put back to the sample through SQLite's backup
 * API, so that every input starts from the same database and a crash input reproduces alone.
 * Checked beyond the sanitizers: an import that fails sets an error with a message; one that
 * succeeds leaves `PRAGMA quick_check` ok. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp-csv.h"
#include "cp-import.h"
#include "cp-sample.h"
#include "cp-store-private.h"

static CpStore *store;
static sqlite3 *sample; /* an in-memory copy of the store as the sample left it */
static char *csv_path;
static char *work_dir;

static void
copy_database (sqlite3 *to, sqlite3 *from)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");

  if (backup == NULL || sqlite3_backup_step (backup, -1) != SQLITE_DONE)
    {
      fprintf (stderr, "fuzz-import: cannot copy the sample database: %s\n", sqlite3_errmsg (to));
      abort ();
    }
  sqlite3_backup_finish (backup);
}

/* When the fuzzer exits: the store closed, its folder removed (a crash leaves it behind). */
static void
tear_down (void)
{
  g_clear_pointer (&store, cp_store_free);
  sqlite3_close (sample);
  sample = NULL;
  const char *names[] = { "fuzz.db", "fuzz.db-wal", "fuzz.db-shm", "input.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (work_dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (work_dir);
  g_clear_pointer (&work_dir, g_free);
  g_clear_pointer (&csv_path, g_free);
}

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "cp-fuzz-XXXXXX", NULL);
  char *dir = g_mkdtemp (template);

  work_dir = g_strdup (dir);

  if (dir == NULL)
    {
      fprintf (stderr, "fuzz-import: cannot make a folder in %s\n", base);
      abort ();
    }
  g_autofree char *db_path = g_build_filename (dir, "fuzz.db", NULL);
  csv_path = g_build_filename (dir, "input.csv", NULL);
  store = cp_store_open (db_path, CP_STORE_OPEN_CREATE, &error);
  if (store == NULL || !cp_sample_write (store, 1, NULL, &error))
    {
      fprintf (stderr, "fuzz-import: cannot make the sample database: %s\n", error->message);
      abort ();
    }
  if (sqlite3_open (":memory:", &sample) != SQLITE_OK)
    abort ();
  copy_database (sample, _cp_store_get_db (store));
  atexit (tear_down);
}

static void
parse_directly (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  CpCsvEncoding encoding;
  g_autofree char *text = cp_csv_decode ((const char *) data, size, &encoding, &error);

  if (text == NULL)
    {
      g_assert (error != NULL && error->message[0] != '\0');
      return;
    }
  char delimiter = cp_csv_guess_delimiter (text);
  int unclosed = -2;
  g_autoptr (GPtrArray) records = cp_csv_parse (text, delimiter, &unclosed);
  g_assert (records != NULL && unclosed >= -1);
  for (guint i = 0; i < records->len; i++)
    {
      const char *const *record = g_ptr_array_index (records, i);
      g_assert (g_strv_length ((char **) record) <= CP_CSV_MAX_CELLS);
      cp_csv_record_is_blank (record);
    }

  g_autoptr (CpCsvReader) reader = cp_csv_reader_new (text, delimiter);
  guint n = 0;
  while (cp_csv_reader_next (reader) != NULL)
    {
      g_assert (cp_csv_reader_get_index (reader) == n);
      n++;
    }
  g_assert (n == records->len);
}

static void
import (const CpImportKind *kind, const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  guint rows = 0;
  FILE *out = fopen (csv_path, "wb");

  if (out == NULL || (size > 0 && fwrite (data, 1, size, out) != size) || fclose (out) != 0)
    {
      fprintf (stderr, "fuzz-import: cannot write %s\n", csv_path);
      abort ();
    }
  if (!cp_import_file (store, kind, csv_path, &rows, NULL, &error))
    {
      g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
      return;
    }
  if (rows == 0)
    return;

  sqlite3 *db = _cp_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  g_assert (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  copy_database (db, sample);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (store == NULL)
    set_up ();
  if (size == 0)
    return 0;
  parse_directly (data + 1, size - 1);
  static const char *const kinds[] = { "townships", "communities", "facilities" };
  import (cp_import_kind_lookup (kinds[data[0] % G_N_ELEMENTS (kinds)]), data + 1, size - 1);
  return 0;
}
