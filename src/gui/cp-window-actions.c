/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's win.* actions: open, new, import, export and print. Long work runs as a job
 * (cp_window_start_job) on a connection of its own, so the window stays responsive. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cp-chart.h"
#include "cp-import.h"
#include "cp-sample.h"
#include "cp-summary.h"
#include "cp-print.h"
#include "cp-window-private.h"
#include "cp-workbook.h"

typedef struct
{
  CpWindow *window; /* borrowed: the task holds a reference */
  char *db_path;
  char *out_path;
  int year;
  CpImportKind kind;
  gboolean sample;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->out_path);
  g_free (job);
}

static Job *
job_new (CpWindow *self, const char *out_path)
{
  Job *job = g_new0 (Job, 1);

  job->window = self;
  job->db_path = g_strdup (self->store != NULL ? cp_store_get_path (self->store) : NULL);
  job->out_path = g_strdup (out_path);
  job->year = cp_window_get_year (self);
  return job;
}

/* Auxiliary functions */

typedef void (*ChosenFunc) (CpWindow *self, const char *path);

static void
on_chooser_response (GtkNativeDialog *native, int response, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (gtk_native_dialog_get_transient_for (native));
  ChosenFunc chosen = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        chosen (self, path);
    }
  g_object_unref (native);
}

static void
add_filter (GtkFileChooserNative *native, const char *name, const char *pattern)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
}

/* Asks for a file; @chosen gets its path. @pattern filters by name when set. */
static void
choose_file (CpWindow *self,
             GtkFileChooserAction action,
             const char *title,
             const char *accept,
             const char *suggested_name,
             const char *filter_name,
             const char *pattern,
             ChosenFunc chosen)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (pattern != NULL)
    add_filter (native, filter_name, pattern);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static CpStore *
open_job_store (Job *job, CpStoreOpenFlags flags, GError **error)
{
  return cp_store_open (job->db_path, flags, error);
}

static gboolean
finish_job (CpWindow *self, GAsyncResult *result, const char *failure)
{
  g_autoptr (GError) error = NULL;

  cp_window_end_job (self);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    return TRUE;
  if (!g_error_matches (error, CP_ERROR, CP_ERROR_CANCELLED)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cp_window_show_error (self, failure, error);
  return FALSE;
}

static void
return_result (GTask *task, gboolean ok, GError *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Open */

static void
open_chosen (CpWindow *self, const char *path)
{
  cp_window_open (self, path);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_file (CP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open a Database"), _("_Open"),
               NULL, _("Planner databases"), "*.db", open_chosen);
}

/* New */

static const char *const sqlite_suffixes[] = { "", "-wal", "-shm", "-journal" };

static void
new_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  /* The chooser has asked whether to replace an existing file; a journal left beside it
   * belongs to the old file and must not be read into the new one. */
  for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
    {
      g_autofree char *path = g_strconcat (job->out_path, sqlite_suffixes[i], NULL);
      g_remove (path);
    }
  g_autoptr (CpStore) store = cp_store_open (job->out_path, CP_STORE_OPEN_CREATE, &error);
  gboolean ok = store != NULL && (!job->sample || cp_sample_write (store, 1, cancellable, &error));
  if (!ok && store != NULL)
    {
      g_clear_pointer (&store, cp_store_free);
      g_remove (job->out_path);
    }
  return_result (task, ok, error);
}

static void
new_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (finish_job (self, result, _("Cannot create the database")))
    cp_window_open (self, job->out_path);
}

static void
on_new_response (GtkDialog *dialog, int response, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (response == 1 || response == 2)
    {
      Job *job = job_new (self, path);
      job->sample = response == 2;
      cp_window_start_job (self, _("Creating the database…"), new_thread, job,
                           (GDestroyNotify) job_free, new_done);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
new_chosen (CpWindow *self, const char *path)
{
  if (self->store != NULL && cp_store_owns_file (self->store, path))
    {
      cp_window_show_info (self, _("Cannot replace the open database"),
                           _("This file is the database open in the window. Choose another name "
                             "for the new database."));
      return;
    }
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              _("Fill the new database with sample data?"));
  gtk_message_dialog_format_secondary_text (
      GTK_MESSAGE_DIALOG (dialog), "%s",
      _("The sample holds the townships of the city with invented communities and facilities, "
        "marked as sample data. An empty database is for your own records."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Empty"), 1, _("With _Sample Data"), 2, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_file (CP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("New Database"),
               _("_Create"), _("planner.db"), NULL, NULL, new_chosen);
}

/* Import */

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  guint rows = 0;
  g_autoptr (CpStore) store = open_job_store (job, CP_STORE_OPEN_DEFAULT, &error);
  gboolean ok = store != NULL
                && cp_import_file_full (store, job->kind, job->out_path, cp_window_job_progress,
                                        job->window, &rows, cancellable, &error);

  g_object_set_data (G_OBJECT (task), "rows", GUINT_TO_POINTER (rows));
  return_result (task, ok, error);
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (source);
  guint rows = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "rows"));

  if (!finish_job (self, result, _("Nothing was imported")))
    return;
  g_autofree char *text = g_strdup_printf (ngettext ("%u row imported.", "%u rows imported.",
                                                     rows),
                                           rows);
  cp_window_reload (self);
  cp_window_show_info (self, text, NULL);
}

static void
import_chosen (CpWindow *self, const char *path)
{
  Job *job = job_new (self, path);

  job->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "import-kind"));
  cp_window_start_job (self, _("Importing…"), import_thread, job, (GDestroyNotify) job_free,
                       import_done);
}

static void
on_import_kind_response (GtkDialog *dialog, int response, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  GtkDropDown *kinds = user_data;

  if (response == GTK_RESPONSE_OK)
    {
      g_object_set_data (G_OBJECT (self), "import-kind",
                         GINT_TO_POINTER (gtk_drop_down_get_selected (kinds)));
      choose_file (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import from CSV"), _("_Import"), NULL,
                   _("CSV files"), "*.csv", import_chosen);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
import_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (widget), GTK_DIALOG_MODAL,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              _("What does the file hold?"));

  for (guint i = 0; i < CP_N_IMPORT_KINDS; i++)
    gtk_string_list_append (names, cp_vocabulary_display (cp_import_kinds, CP_N_IMPORT_KINDS, i));
  GtkWidget *kinds = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kinds), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind of records"), -1);
  gtk_message_dialog_format_secondary_text (
      GTK_MESSAGE_DIALOG (dialog), "%s",
      _("A CSV file with a header row. Rows with a code that exists already update it. If any "
        "row is wrong nothing is imported, and every problem is listed."));
  gtk_box_append (GTK_BOX (gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog))),
                  kinds);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Choose File…"), GTK_RESPONSE_OK, NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_kind_response), kinds);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

static void
workbook_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr (CpStore) store = open_job_store (job, CP_STORE_OPEN_READ_ONLY, &error);
  gboolean ok = store != NULL
                && cp_workbook_export (store, job->year, job->out_path, cp_window_job_progress,
                                       job->window, cancellable, &error);

  return_result (task, ok, error);
}

static void
chart_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr (CpStore) store = open_job_store (job, CP_STORE_OPEN_READ_ONLY, &error);
  gboolean ok = store != NULL
                && cp_chart_export (store, "facilities", job->year, job->out_path, &error);

  return_result (task, ok, error);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!finish_job (self, result, _("Nothing was exported")))
    return;
  g_autofree char *text = g_strdup_printf (_("Saved as “%s”."), job->out_path);
  cp_window_show_info (self, _("Exported"), text);
}

static void
workbook_chosen (CpWindow *self, const char *path)
{
  g_autofree char *xlsx = g_str_has_suffix (path, ".xlsx") ? g_strdup (path)
                                                            : g_strconcat (path, ".xlsx", NULL);

  cp_window_start_job (self, _("Writing the workbook…"), workbook_thread, job_new (self, xlsx),
                       (GDestroyNotify) job_free, export_done);
}

static void
chart_chosen (CpWindow *self, const char *path)
{
  cp_window_start_job (self, _("Drawing the chart…"), chart_thread, job_new (self, path),
                       (GDestroyNotify) job_free, export_done);
}

static void
export_workbook_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Translators: the suggested file name of the workbook; %d is the year */
  g_autofree char *name = g_strdup_printf (_("facilities-%d.xlsx"),
                                           cp_window_get_year (CP_WINDOW (widget)));

  choose_file (CP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export the Workbook"),
               _("_Export"), name, _("Excel workbooks"), "*.xlsx", workbook_chosen);
}

static void
export_chart_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Translators: the suggested file name of the chart; %d is the year */
  g_autofree char *name = g_strdup_printf (_("facilities-chart-%d.png"),
                                           cp_window_get_year (CP_WINDOW (widget)));

  choose_file (CP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("Export the Chart as PNG, SVG or PDF"), _("_Export"), name, NULL, NULL,
               chart_chosen);
}

/* Print */

static void
on_print_done (GtkPrintOperation *operation, GtkPrintOperationResult result, CpWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      cp_window_show_error (self, _("Cannot print"), error);
    }
  g_object_unref (operation);
}

static void
run_print (CpWindow *self, CpSummary *summary)
{
  GtkPrintOperation *operation = cp_print_operation_new (summary);
  g_autoptr (GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), self);
  GtkPrintOperationResult result = gtk_print_operation_run (
      operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    cp_window_show_error (self, _("Cannot print"), error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_object_unref (operation);
}

static void
summary_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr (CpStore) store = open_job_store (job, CP_STORE_OPEN_READ_ONLY, &error);
  CpSummary *summary = store != NULL ? cp_summary_new (store, job->year, cancellable, &error)
                                     : NULL;

  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) cp_summary_free);
}

static void
summary_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (source);
  g_autoptr (GError) error = NULL;

  cp_window_end_job (self);
  CpSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (summary != NULL)
    run_print (self, summary);
  else if (!g_error_matches (error, CP_ERROR, CP_ERROR_CANCELLED)
           && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cp_window_show_error (self, _("Cannot gather the summary"), error);
}

static void
print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CpWindow *self = CP_WINDOW (widget);

  cp_window_start_job (self, _("Gathering the summary…"), summary_thread, job_new (self, NULL),
                       (GDestroyNotify) job_free, summary_done);
}

/* Find */

static void
find_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  cp_facility_page_focus_search (CP_WINDOW (widget)->facility_page);
}

void
cp_window_install_actions (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char *name;
    GtkWidgetActionActivateFunc activate;
    guint key;
  } actions[] = {
    { "win.open", open_activated, GDK_KEY_o },
    { "win.new", new_activated, GDK_KEY_n },
    { "win.import", import_activated, GDK_KEY_i },
    { "win.export-workbook", export_workbook_activated, GDK_KEY_e },
    { "win.export-chart", export_chart_activated, 0 },
    { "win.print", print_activated, GDK_KEY_p },
    { "win.find", find_activated, GDK_KEY_f },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);
      if (actions[i].key != 0)
        gtk_widget_class_add_binding_action (widget_class, actions[i].key, GDK_CONTROL_MASK,
                                             actions[i].name, NULL);
    }
}
