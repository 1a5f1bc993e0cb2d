/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cp-facility-summary.h"
#include "cp-test-utils.h"

#define YEAR 2025

typedef CpTestStore Fixture;

static gint64
add_township (CpStore *store, const char *code, const char *name)
{
  return cp_test_add_township (store, code, name, CP_TOWNSHIP_TOWN);
}

/* A community with one in-use comprehensive facility of @area m² (none when 0). */
static void
add_community (CpStore *store, gint64 township_id, const char *code, const char *name,
               gint64 households, double area)
{
  CpCommunity community = cp_test_community (township_id, code);

  community.name = (char *) name;
  community.households = households;
  community.population = households * 3;
  cp_test_insert_community (store, &community, 0);
  if (area <= 0)
    return;
  CpFacility facility = cp_test_facility (community.id, "综合服务中心", area);
  facility.service_area_m2 = area * 0.9;
  cp_test_insert_facility (store, &facility);
}

static void
fixture_set_up (Fixture *f, gconstpointer user_data)
{
  cp_test_store_set_up (f, "summary");
}

static void
fixture_tear_down (Fixture *f, gconstpointer user_data)
{
  cp_test_store_tear_down (f);
}

/* 甲街道: 200 households, 90 m² (required 60, passes); 乙镇: 500 households, 100 m² (required
 * 150, 50 m² short). */
static void
add_two_townships (Fixture *f)
{
  add_community (f->store, add_township (f->store, "001", "甲街道"), "001001", "东风社区", 200,
                 90.0);
  add_community (f->store, add_township (f->store, "002", "乙镇"), "002001", "西岭村", 500,
                 100.0);
}

/* One township of 250 communities without a facility: community i has 100 + i households, so
 * it is 30 + 0.3 i m² short; the largest is the last, 104.7 m². */
static void
add_many_short (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  gint64 township = add_township (f->store, "003", "丙乡");

  g_assert_true (cp_store_begin (f->store, &error));
  for (int i = 0; i < 250; i++)
    {
      g_autofree char *code = g_strdup_printf ("003%03d", i);
      g_autofree char *name = g_strdup_printf ("第%d社区", i + 1);
      add_community (f->store, township, code, name, 100 + i, 0);
    }
  g_assert_true (cp_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static int
paginate_a4 (CpSummary *summary)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (surface);
  int pages = cp_document_paginate (cp_summary_get_document (summary), cr, CP_DOCUMENT_A4_WIDTH,
                                    CP_DOCUMENT_A4_HEIGHT);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pages;
}

static void
test_small (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  add_two_townships (f);
  g_autoptr (CpSummary) summary = cp_summary_new (f->store, YEAR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_summary_get_title (summary), ==,
                   "蛟河市 Urban and Rural Community Service Facilities Compliance (2025)");
  g_assert_cmpuint (cp_summary_get_n_short (summary), ==, 1);
  g_assert_cmpuint (cp_summary_get_n_listed (summary), ==, 1);
  /* Exactly two A4 pages: the key figures and the chart on page 1, the township table and the
   * one-row shortfall list on page 2. */
  g_assert_cmpint (paginate_a4 (summary), ==, 2);

  /* Painting a page draws something on it. */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cairo_t *cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cp_document_paint_page (cp_summary_get_document (summary), cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  const guint32 *pixels = (const guint32 *) cairo_image_surface_get_data (surface);
  gsize dark = 0;
  for (gsize i = 0; i < 595 * 842; i++)
    dark += (pixels[i] & 0xff) < 0x80 ? 1 : 0;
  g_assert_cmpuint (dark, >, 1000);
  cairo_surface_destroy (surface);
}

static void
test_many_pages (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  add_two_townships (f);
  add_many_short (f);
  g_autoptr (CpSummary) summary = cp_summary_new (f->store, YEAR, NULL, &error);
  g_assert_no_error (error);
  /* 250 in 丙乡 and 西岭村; the list keeps the largest 200. */
  g_assert_cmpuint (cp_summary_get_n_short (summary), ==, 251);
  g_assert_cmpuint (cp_summary_get_n_listed (summary), ==, CP_SUMMARY_SHORTFALL_LIMIT);
  double shortfall;
  g_assert_cmpstr (cp_summary_get_listed (summary, 0, &shortfall), ==, "003249");
  g_assert_cmpfloat_with_epsilon (shortfall, 104.7, 1e-9);
  g_assert_cmpstr (cp_summary_get_listed (summary, 1, &shortfall), ==, "003248");
  g_assert_cmpfloat_with_epsilon (shortfall, 104.4, 1e-9);
  /* 183 of 丙乡 are more than 50 m² short (i = 67 … 249), then 西岭村 with 50.0, then i = 66
   * down to 51: the 200th is 003051, 45.3 m² short. */
  g_assert_cmpstr (cp_summary_get_listed (summary, 183, &shortfall), ==, "002001");
  g_assert_cmpfloat_with_epsilon (shortfall, 50.0, 1e-9);
  g_assert_cmpstr (cp_summary_get_listed (summary, 199, &shortfall), ==, "003051");
  g_assert_cmpfloat_with_epsilon (shortfall, 45.3, 1e-9);
  /* Page 1 the key figures and the chart, page 2 the township table and the list's first rows,
   * pages 3 to 7 the rest of its 200 rows of about 17 pt, page 8 the townships after the planned
   * work. */
  int pages = paginate_a4 (summary);
  g_assert_cmpint (pages, ==, 8);
  /* A narrower page needs at least as many pages. */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_assert_cmpint (cp_document_paginate (cp_summary_get_document (summary), cr, 420.0, 595.0), >,
                   pages);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* PDF files hold NUL bytes: search them as bytes, not as a string. */
static gboolean
contains_bytes (const char *data, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);
  /* The font is embedded as a subset of Noto Sans CJK SC. */
  g_assert_true (contains_bytes (contents, length, "+NotoSansCJKsc-"));
}

static guint
count_files (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint files = 0;

  while (g_dir_read_name (dir) != NULL)
    files++;
  return files;
}

static void
test_export_pdf (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "summary.pdf", NULL);

  add_two_townships (f);
  add_many_short (f);
  guint before = count_files (f->dir);
  g_assert_true (cp_summary_export_pdf (f->store, YEAR, out, NULL, &error));
  g_assert_no_error (error);
  const char *keep = g_getenv ("CP_SUMMARY_DEBUG_PDF");
  if (keep != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;
      g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (keep, contents, length, NULL));
    }
  assert_pdf (out);
  g_assert_cmpuint (count_files (f->dir), ==, before + 1);
}

static void
test_export_cancelled (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = g_build_filename (f->dir, "summary.pdf", NULL);

  add_two_townships (f);
  guint before = count_files (f->dir);
  g_cancellable_cancel (cancellable);
  g_assert_false (cp_summary_export_pdf (f->store, YEAR, out, cancellable, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->dir), ==, before);
}

static void
test_export_bad_folder (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "missing", "summary.pdf", NULL);

  add_two_townships (f);
  g_assert_false (cp_summary_export_pdf (f->store, YEAR, out, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "summary.pdf"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/summary/small", Fixture, NULL, fixture_set_up, test_small, fixture_tear_down);
  g_test_add ("/summary/many-pages", Fixture, NULL, fixture_set_up, test_many_pages,
              fixture_tear_down);
  g_test_add ("/summary/export-pdf", Fixture, NULL, fixture_set_up, test_export_pdf,
              fixture_tear_down);
  g_test_add ("/summary/export-cancelled", Fixture, NULL, fixture_set_up, test_export_cancelled,
              fixture_tear_down);
  g_test_add ("/summary/export-bad-folder", Fixture, NULL, fixture_set_up,
              test_export_bad_folder, fixture_tear_down);
  return g_test_run ();
}
