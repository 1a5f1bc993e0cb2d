/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's Print runs the summary's paginating painter through GtkPrintOperation: exported
 * to PDF here (the print dialog cannot be driven under Xvfb), it must give the same pages and
 * text as `export summary`. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

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

typedef gboolean (*WindowMatch) (GtkWindow *window, gpointer data);

/* The first toplevel window for which @match gives TRUE, or NULL. */
static GtkWindow *
find_window (WindowMatch match, gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (match (window, data))
        return window;
    }
  return NULL;
}

/* The same, waiting for it (at most half a minute). */
static GtkWindow *
wait_for_window (WindowMatch match, gpointer data)
{
  for (guint round = 0; round < 3000; round++)
    {
      GtkWindow *window = find_window (match, data);
      if (window != NULL)
        return window;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return NULL;
}

static gboolean
is_message (GtkWindow *window, gpointer data)
{
  g_autofree char *text = NULL;

  if (!GTK_IS_MESSAGE_DIALOG (window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
    return FALSE;
  g_object_get (window, "text", &text, NULL);
  return text != NULL;
}

static gboolean
is_print_dialog_on_file (GtkWindow *window, gpointer data)
{
  if (!GTK_IS_PRINT_UNIX_DIALOG (window))
    return FALSE;
  GtkPrintUnixDialog *dialog = GTK_PRINT_UNIX_DIALOG (window);
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (dialog);
  return printer != NULL && g_strcmp0 (gtk_printer_get_name (printer), data) == 0;
}

static void
on_done (GtkPrintOperation *operation, GtkPrintOperationResult result, int *done)
{
  *done = result;
}

static char *fixture_db;

static CpSummary *
fixture_summary (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_store_open (fixture_db, CP_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  CpSummary *summary = cp_summary_new (store, 2025, NULL, &error);
  g_assert_no_error (error);
  return summary;
}

/* Where the preview's program is not installed (evince is not, here), the preview says so and
 * offers the print dialog again with GTK's printer Print to File chosen, instead of GTK's bare
 * "Error launching preview". */
static void
test_preview_without_viewer (void)
{
  GtkWidget *parent = gtk_window_new ();
  g_autoptr (GError) error = NULL;
  int first_done = -1;
  g_autofree char *text = NULL, *secondary = NULL;

  g_object_set (gtk_settings_get_default (), "gtk-print-preview-command",
                "cp-no-such-viewer --preview %f", NULL);
  gtk_window_present (GTK_WINDOW (parent));
  g_autofree char *program = cp_print_preview_program (GTK_WINDOW (parent));
  g_assert_cmpstr (program, ==, "cp-no-such-viewer");

  CpSummary *summary = fixture_summary ();
  GtkPrintOperation *operation = cp_print_operation_new (cp_summary_get_document (summary),
                                                         summary,
                                                         (GDestroyNotify) cp_summary_free);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_done), &first_done);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PREVIEW, GTK_WINDOW (parent),
                           &error);
  g_assert_no_error (error);

  GtkWindow *message = wait_for_window (is_message, NULL);
  g_assert_nonnull (message);
  g_object_get (message, "text", &text, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (text, ==, "No program to show the print preview");
  g_assert_nonnull (strstr (secondary, "“cp-no-such-viewer”, which is not installed"));
  /* The preview itself ends, cancelled: nothing printed. */
  for (guint round = 0; round < 3000 && first_done == -1; round++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (first_done, ==, GTK_PRINT_OPERATION_RESULT_CANCEL);
  g_object_unref (operation);

  /* Print to File opens the print dialog on GTK's file printer. */
  gtk_dialog_response (GTK_DIALOG (message), CP_PRINT_RESPONSE_TO_FILE);
  GtkWindow *dialog = wait_for_window (is_print_dialog_on_file, (gpointer) "Print to File");
  g_assert_nonnull (dialog);
  GtkPrintSettings *settings
      = gtk_print_unix_dialog_get_settings (GTK_PRINT_UNIX_DIALOG (dialog));
  g_assert_cmpstr (gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT), ==,
                   "pdf");
  g_object_unref (settings);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_window_destroy (GTK_WINDOW (parent));
}

/* Where the program is installed, the preview is GTK's own: it runs the program on a PDF of the
 * same pages as `export summary` (here the program moves that PDF where the test reads it). */
static void
test_preview_with_viewer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cp-preview-XXXXXX", NULL);
  g_autofree char *shown = g_build_filename (dir, "preview.pdf", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.pdf", NULL);
  g_autofree char *quoted = g_shell_quote (shown);
  g_autofree char *command = g_strdup_printf ("mv %%f %s", quoted);
  GtkWidget *parent = gtk_window_new ();
  g_autoptr (GError) error = NULL;

  g_object_set (gtk_settings_get_default (), "gtk-print-preview-command", command, NULL);
  gtk_window_present (GTK_WINDOW (parent));
  CpSummary *summary = fixture_summary ();
  GtkPrintOperation *operation = cp_print_operation_new (cp_summary_get_document (summary),
                                                         summary,
                                                         (GDestroyNotify) cp_summary_free);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PREVIEW, GTK_WINDOW (parent),
                           &error);
  g_assert_no_error (error);
  for (guint round = 0; round < 3000 && !g_file_test (shown, G_FILE_TEST_EXISTS); round++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (g_file_test (shown, G_FILE_TEST_EXISTS));
  g_assert_null (find_window (is_message, NULL));

  g_autoptr (CpStore) store = cp_store_open (fixture_db, CP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (cp_summary_export_pdf (store, 2025, exported, NULL, &error));
  g_autofree char *shown_text = pdf_text (shown);
  g_autofree char *exported_text = pdf_text (exported);
  g_assert_cmpstr (shown_text, ==, exported_text);

  g_object_unref (operation);
  gtk_window_destroy (GTK_WINDOW (parent));
  g_remove (shown);
  g_remove (exported);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/print/matches-export", test_print_matches_export);
  g_test_add_func ("/print/preview-without-viewer", test_preview_without_viewer);
  g_test_add_func ("/print/preview-with-viewer", test_preview_with_viewer);

  g_autofree char *dir = g_dir_make_tmp ("cp-print-fixture-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  fixture_db = g_build_filename (dir, "sample.db", NULL);
  CpStore *store = cp_store_open (fixture_db, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cp_sample_write (store, 1, NULL, &error));
  cp_store_free (store);

  int status = g_test_run ();
  const char *names[] = { "sample.db", "sample.db-wal", "sample.db-shm" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
  g_free (fixture_db);
  return status;
}
