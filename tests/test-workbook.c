/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workbook writer: a complete file or none, sheets continued past the row limit. The cell
 * values are read back by an independent reader in test-workbook.py. */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cp-test-utils.h"
#include "cp-facility-workbook-private.h"

/* Open file descriptors of this process, or 0 where /proc does not tell. */
static guint
count_open_files (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

typedef struct
{
  CpTestStore ts;
  CpStore *store;  /* ts.store */
  const char *dir; /* ts.dir */
  char *out_path;
  gint64 ids[5]; /* the communities, in code order */
} Fixture;

static gint64
township (CpStore *store, const char *code, const char *name)
{
  return cp_test_add_township (store, code, name, CP_TOWNSHIP_TOWN);
}

static gint64
community (CpStore *store, gint64 township_id, const char *code, CpCommunityKind kind,
           gint64 households)
{
  return cp_test_add_community (store, township_id, code, kind, households);
}

static void
facility (CpStore *store, gint64 community_id, double total, double service)
{
  CpFacility f = cp_test_facility (community_id, "综合服务中心", total);

  f.service_area_m2 = service;
  cp_test_insert_facility (store, &f);
}

/* Two townships, five communities. */
static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  cp_test_store_set_up (&fx->ts, "workbook");
  fx->store = fx->ts.store;
  fx->dir = fx->ts.dir;
  fx->out_path = g_build_filename (fx->dir, "out.xlsx", NULL);

  gint64 t1 = township (fx->store, "001", "民主街道");
  gint64 t2 = township (fx->store, "100", "新站镇");
  fx->ids[0] = community (fx->store, t1, "001001", CP_COMMUNITY_URBAN, 1000);
  facility (fx->store, fx->ids[0], 300, 280);
  fx->ids[1] = community (fx->store, t1, "001002", CP_COMMUNITY_URBAN, 500);
  facility (fx->store, fx->ids[1], 100, 90);
  fx->ids[2] = community (fx->store, t2, "100001", CP_COMMUNITY_RURAL, 200);
  fx->ids[3] = community (fx->store, t2, "100002", CP_COMMUNITY_RURAL, 400);
  facility (fx->store, fx->ids[3], 250, 250);
  fx->ids[4] = community (fx->store, t2, "100003", CP_COMMUNITY_RURAL, 300);
  facility (fx->store, fx->ids[4], 150, 150);
}

/* Fails on what the writer should not have left in the folder (a temporary file, hidden or
 * not): only the database's own files and out.xlsx may be there. Then removes the folder. */
static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_pointer (&fx->ts.store, cp_store_free);
  g_auto (GStrv) names = cp_test_dir_list (fx->dir);
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_str_has_prefix (names[i], "workbook.db") && g_strcmp0 (names[i], "out.xlsx") != 0)
      g_error ("the workbook writer left “%s” in %s", names[i], fx->dir);
  cp_test_store_tear_down (&fx->ts);
  g_free (fx->out_path);
}

/* Names in @dir other than the database's own files. */
static guint
count_other_files (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "workbook.db"))
      n++;
  return n;
}

/* Whether the zip at @path holds a member named @member: a zip names each member in plain
 * text in its local header and again in the central directory. */
static gboolean
zip_has_member (const char *path, const char *member)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, member, strlen (member)) != NULL;
}

static guint
count_sheets (const char *path)
{
  guint n = 0;

  for (;;)
    {
      g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", n + 1);
      if (!zip_has_member (path, member))
        return n;
      n++;
    }
}

static void
test_export (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (cp_workbook_export (fx->store, 2025, fx->out_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fx->out_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 2, "PK", 2);
  /* The summary and one community sheet; the summary's chart. */
  g_assert_cmpuint (count_sheets (fx->out_path), ==, 2);
  g_assert_true (zip_has_member (fx->out_path, "xl/charts/chart1.xml"));
  /* Nothing else is left beside it. */
  g_assert_cmpuint (count_other_files (fx->dir), ==, 1);
}

static void
test_export_constant_memory (Fixture *fx, gconstpointer data)
{
  CpWorkbookOptions options;

  cp_workbook_options_init_default (&options);
  options.constant_memory_above = 0;
  g_assert_true (cp_workbook_export_full (fx->store, 2025, fx->out_path, &options, NULL, NULL,
                                          NULL, NULL));
  g_assert_cmpuint (count_sheets (fx->out_path), ==, 2);
  g_assert_true (zip_has_member (fx->out_path, "xl/charts/chart1.xml"));
  /* constant_memory writes strings inline, not to the shared string table. */
  g_assert_false (zip_has_member (fx->out_path, "xl/sharedStrings.xml"));
  g_assert_cmpuint (count_other_files (fx->dir), ==, 1);
}

static guint
sheets_with_limit (Fixture *fx, guint32 max_rows, gboolean constant_memory)
{
  CpWorkbookOptions options;
  g_autoptr (GError) error = NULL;

  cp_workbook_options_init_default (&options);
  options.max_rows_per_sheet = max_rows;
  options.constant_memory_above = constant_memory ? 0 : G_MAXUINT;
  g_assert_true (cp_workbook_export_full (fx->store, 2025, fx->out_path, &options, NULL, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
  return count_sheets (fx->out_path);
}

static void
test_row_limit (Fixture *fx, gconstpointer data)
{
  /* Five communities; each sheet has its header row. Header + 5 rows fit in 6: the summary and
   * one sheet, and no empty sheet after it. */
  g_assert_cmpuint (sheets_with_limit (fx, 6, FALSE), ==, 2);
  /* Header + 4, header + 1. */
  g_assert_cmpuint (sheets_with_limit (fx, 5, FALSE), ==, 3);
  /* Header + 2, + 2, + 1. */
  g_assert_cmpuint (sheets_with_limit (fx, 3, TRUE), ==, 4);
  /* One community a sheet. */
  g_assert_cmpuint (sheets_with_limit (fx, 2, TRUE), ==, 6);
  g_assert_cmpuint (count_other_files (fx->dir), ==, 1);
}

static void
test_cancelled_before (Fixture *fx, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (cp_workbook_export (fx->store, 2025, fx->out_path, NULL, NULL, cancellable,
                                      &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
  g_assert_false (g_file_test (fx->out_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_other_files (fx->dir), ==, 0);
}

static void
cancel_on_progress (double fraction, gpointer user_data)
{
  if (fraction > 0.0 && fraction < 1.0)
    g_cancellable_cancel (user_data);
}

/* 10,000 more communities, so that the writer reports progress (every 4,096 rows) while it
 * writes the community sheet. */
static void
add_many_communities (CpStore *store)
{
  gint64 t = township (store, "200", "前进乡");

  g_assert_true (cp_store_begin (store, NULL));
  for (guint i = 0; i < 10000; i++)
    {
      char code[16];
      g_snprintf (code, sizeof code, "200%05u", i);
      community (store, t, code, CP_COMMUNITY_RURAL, 100 + i % 50);
    }
  g_assert_true (cp_store_commit (store, NULL));
}

static void
test_cancelled_while_writing (Fixture *fx, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  gboolean constant_memory = GPOINTER_TO_INT (data);
  CpWorkbookOptions options;

  add_many_communities (fx->store);
  /* An earlier export stays as it was. */
  g_assert_true (g_file_set_contents (fx->out_path, "earlier", -1, NULL));
  cp_workbook_options_init_default (&options);
  options.constant_memory_above = constant_memory ? 0 : G_MAXUINT;
  guint open_files = count_open_files ();
  g_assert_false (cp_workbook_export_full (fx->store, 2025, fx->out_path, &options,
                                           cancel_on_progress, cancellable, cancellable, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  /* The abandoned workbook's temporary files (constant_memory keeps one a sheet) are closed. */
  g_assert_cmpuint (count_open_files (), ==, open_files);

  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (fx->out_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  g_assert_cmpuint (count_other_files (fx->dir), ==, 1);
}

typedef struct
{
  guint calls;
  double last;
  gboolean increasing;
} Progress;

static void
record_progress (double fraction, gpointer user_data)
{
  Progress *p = user_data;

  if (p->calls > 0 && fraction < p->last)
    p->increasing = FALSE;
  p->calls++;
  p->last = fraction;
}

static void
test_progress (Fixture *fx, gconstpointer data)
{
  Progress p = { .increasing = TRUE };

  add_many_communities (fx->store);
  g_assert_true (cp_workbook_export (fx->store, 2025, fx->out_path, record_progress, &p, NULL,
                                     NULL));
  /* 0, after 4,096 and 8,192 of 10,005 rows, after the rows, 1. */
  g_assert_cmpuint (p.calls, ==, 5);
  g_assert_true (p.increasing);
  g_assert_cmpfloat (p.last, ==, 1.0);
}

/* The text of @member of the zip at @path (unzip -p), or NULL when unzip is missing. */
static char *
read_member (const char *path, const char *member)
{
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  const char *argv[] = { unzip, "-p", path, member, NULL };
  char *out = NULL;
  int status = 0;

  if (unzip == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The communities of the list's filter only (issue 9, point 7): 100001 and 100003 of 新站镇.
 * 设施达标 has their two rows, 汇总 one township (民主街道 has none of them) and the total over
 * them: 2 communities, 200 + 300 households, 150 m² actual. */
static void
test_filtered (Fixture *fx, gconstpointer data)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  CpWorkbookOptions options;

  g_array_append_val (ids, fx->ids[2]);
  g_array_append_val (ids, fx->ids[4]);
  g_assert_cmpint (fx->ids[2], <, fx->ids[4]);
  cp_workbook_options_init_default (&options);
  options.community_ids = ids;
  options.max_rows_per_sheet = 2; /* one community a sheet: the sheets count the rows */
  options.constant_memory_above = 0; /* strings inline, in the sheets' own XML */
  g_assert_true (cp_workbook_export_full (fx->store, 2025, fx->out_path, &options, NULL, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
  /* 汇总 and two one-row sheets (five without the filter: test_row_limit). */
  g_assert_cmpuint (count_sheets (fx->out_path), ==, 3);

  g_autofree char *summary = read_member (fx->out_path, "xl/worksheets/sheet1.xml");
  if (summary == NULL)
    {
      g_test_skip ("unzip is not installed: the summary's cells are not read");
      return;
    }
  g_assert_nonnull (strstr (summary, "(as filtered)"));
  g_assert_nonnull (strstr (summary, "As filtered: the 2 communities and villages"));
  g_assert_null (strstr (summary, "民主街道"));
  g_assert_nonnull (strstr (summary, "新站镇"));
  /* Row 4 新站镇, row 5 the total, the last row: C communities, H households, J actual m². */
  const char *total = strstr (summary, "<row r=\"5\"");
  g_assert_nonnull (total);
  g_assert_true (g_regex_match_simple ("r=\"C5\"[^>]*><v>2</v>", total, 0, 0));
  g_assert_true (g_regex_match_simple ("r=\"H5\"[^>]*><v>500</v>", total, 0, 0));
  g_assert_true (g_regex_match_simple ("r=\"J5\"[^>]*><v>150</v>", total, 0, 0));
  g_assert_null (strstr (total, "<row r=\"6\""));
  g_assert_cmpuint (count_other_files (fx->dir), ==, 1);
}

static void
test_missing_folder (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "no-such-folder", "out.xlsx", NULL);

  g_assert_false (cp_workbook_export (fx->store, 2025, path, NULL, NULL, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_cmpuint (count_other_files (fx->dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data)                                                                      \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/workbook/export", test_export, NULL);
  ADD ("/workbook/export-constant-memory", test_export_constant_memory, NULL);
  ADD ("/workbook/row-limit", test_row_limit, NULL);
  ADD ("/workbook/cancelled-before", test_cancelled_before, NULL);
  ADD ("/workbook/cancelled-while-writing", test_cancelled_while_writing, GINT_TO_POINTER (FALSE));
  ADD ("/workbook/cancelled-while-writing-constant-memory", test_cancelled_while_writing,
       GINT_TO_POINTER (TRUE));
  ADD ("/workbook/progress", test_progress, NULL);
  ADD ("/workbook/missing-folder", test_missing_folder, NULL);
  ADD ("/workbook/filtered", test_filtered, NULL);
#undef ADD

  return g_test_run ();
}
