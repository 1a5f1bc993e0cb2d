/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's Print runs the summary's paginating painter through GtkPrintOperation: exported
 * to PDF here (the print dialog cannot be driven under Xvfb), it must give the same pages and
 * text as `export summary`. */
#include "config.h"

#include <glib/gstdio.h>

#include "cp-facility-summary.h"
#include "cp-print.h"
#include "cp-sample.h"

static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, NULL, NULL));
  return g_steal_pointer (&out);
}

static void
test_print_matches_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cp-print-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "sample.db", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (db, CP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (cp_sample_write (store, 1, NULL, &error));
  g_assert_true (cp_summary_export_pdf (store, 2025, exported, NULL, &error));
  CpSummary *summary = cp_summary_new (store, 2025, NULL, &error);
  g_assert_no_error (error);

  g_autoptr (GtkPrintOperation) operation
      = cp_print_operation_new (cp_summary_get_document (summary), summary,
                                (GDestroyNotify) cp_summary_free);
  gtk_print_operation_set_export_filename (operation, printed);
  GtkPrintOperationResult result
      = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_autofree char *printed_text = pdf_text (printed);
  g_autofree char *exported_text = pdf_text (exported);
  g_assert_nonnull (strstr (printed_text, "Compliance (2025)"));
  /* The facility part takes 3 pages; the staff part of the sample adds some more. */
  const char *first = strstr (printed_text, "Page 1 of ");
  g_assert_nonnull (first);
  guint64 n_pages = g_ascii_strtoull (first + strlen ("Page 1 of "), NULL, 10);
  g_assert_cmpuint (n_pages, >, 3);
  g_autofree char *last = g_strdup_printf ("Page %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT,
                                           n_pages, n_pages);
  g_assert_nonnull (strstr (printed_text, last));
  g_assert_cmpstr (printed_text, ==, exported_text);

  g_clear_pointer (&store, cp_store_free);
  const char *names[] = { "sample.db", "sample.db-wal", "sample.db-shm", "printed.pdf",
                          "exported.pdf" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/print/matches-export", test_print_matches_export);
  return g_test_run ();
}
