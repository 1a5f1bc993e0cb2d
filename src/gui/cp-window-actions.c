/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's win.* actions: open, new, import, export, print and find. Export, print, import
 * and find belong to the visible page (CpPage); long work runs as a CpJob on a connection of its
 * own, so the window stays responsive. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cp-import.h"
#include "cp-sample.h"
#include "cp-window-private.h"

/* The buttons of the new-database question. */
typedef enum
{
  NEW_RESPONSE_EMPTY = 1,
  NEW_RESPONSE_WITH_SAMPLE = 2,
} NewResponse;

/* @option: whether the chooser's check box (choose_file()'s @option_label) was ticked;
 * @filtered: whether its scope (@scope_label) was left at the filtered list. */
typedef void (*ChosenFunc) (CpWindow *self, const char *path, const char *key, gboolean option,
                            gboolean filtered);

/* What a file chooser was opened for. */
typedef struct
{
  ChosenFunc chosen;
  char *key; /* the export's id or the import kind's key; NULL for the others */
  gboolean has_option; /* the chooser has the check box "option" */
  gboolean has_scope;  /* the chooser has the choice "scope": "filtered" or "all" */
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->key);
  g_free (choice);
}

/* Auxiliary functions */

static void
on_chooser_response (GtkNativeDialog *native, int response, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (gtk_native_dialog_get_transient_for (native));
  Choice *choice = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      const char *option = choice->has_option
                               ? gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "option")
                               : NULL;
      const char *scope = choice->has_scope
                              ? gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "scope")
                              : NULL;
      if (path != NULL)
        choice->chosen (self, path, choice->key, g_strcmp0 (option, "true") == 0,
                        g_strcmp0 (scope, "filtered") == 0);
    }
  choice_free (choice);
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

/* Asks for a file; @chosen gets its path and @key. @pattern filters by name when set;
 * @option_label (or NULL) adds a check box to the chooser, @scope_label (or NULL) a choice
 * between it (the filtered list, chosen first) and everything. */
static void
choose_file (CpWindow *self,
             GtkFileChooserAction action,
             const char *title,
             const char *accept,
             const char *suggested_name,
             const char *filter_name,
             const char *pattern,
             ChosenFunc chosen,
             const char *key,
             const char *option_label,
             const char *scope_label)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));
  Choice *choice = g_new0 (Choice, 1);

  choice->chosen = chosen;
  choice->key = g_strdup (key);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (pattern != NULL)
    add_filter (native, filter_name, pattern);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  choice->has_option = option_label != NULL;
  if (option_label != NULL)
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "option", option_label, NULL, NULL);
  choice->has_scope = scope_label != NULL;
  if (scope_label != NULL)
    {
      const char *options[] = { "filtered", "all", NULL };
      const char *labels[] = { scope_label, _("All communities and villages"), NULL };
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "scope", _("Export:"), options,
                                   labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "scope", "filtered");
    }
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static const char *
db_path (CpWindow *self)
{
  return self->store != NULL ? cp_store_get_path (self->store) : NULL;
}

/* Shows @error under @failure unless the person cancelled; TRUE when there was none. */
static gboolean
job_succeeded (CpWindow *self, const GError *error, const char *failure)
{
  if (error == NULL)
    return TRUE;
  if (!cp_job_error_is_cancel (error))
    _cp_window_show_error (self, failure, error);
  return FALSE;
}

/* Open */

static void
open_chosen (CpWindow *self, const char *path, const char *key, gboolean option,
             gboolean filtered)
{
  cp_window_open (self, path);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_file (CP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open a Database"), _("_Open"),
               NULL, _("Planner databases"), "*.db", open_chosen, NULL, NULL, NULL);
}

/* New */

typedef struct
{
  char *path;
  gboolean sample;
} NewDatabase;

static void
new_database_free (NewDatabase *new_db)
{
  g_free (new_db->path);
  g_free (new_db);
}

static const char *const sqlite_suffixes[] = { "", "-wal", "-shm", "-journal" };

static gboolean
new_work (CpJob *job, CpStore *unused, gpointer data, GCancellable *cancellable, GError **error)
{
  NewDatabase *new_db = data;

  /* The chooser has asked whether to replace an existing file; a journal left beside it
   * belongs to the old file and must not be read into the new one. */
  for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
    {
      g_autofree char *path = g_strconcat (new_db->path, sqlite_suffixes[i], NULL);
      g_remove (path);
    }
  g_autoptr (CpStore) store = cp_store_open (new_db->path, CP_STORE_OPEN_CREATE, error);
  gboolean ok = store != NULL
                && (!new_db->sample || cp_sample_write (store, 1, cancellable, error));
  if (!ok && store != NULL)
    {
      g_clear_pointer (&store, cp_store_free);
      g_remove (new_db->path);
    }
  return ok;
}

static void
new_done (CpJob *job, const GError *error, gpointer user_data)
{
  CpWindow *self = user_data;
  NewDatabase *new_db = cp_job_get_data (job);

  if (job_succeeded (self, error, _("Cannot create the database")))
    cp_window_open (self, new_db->path);
}

static void
on_new_response (GtkDialog *dialog, int response, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const char *path = user_data;

  if (response == NEW_RESPONSE_EMPTY || response == NEW_RESPONSE_WITH_SAMPLE)
    {
      NewDatabase *new_db = g_new0 (NewDatabase, 1);
      new_db->path = g_strdup (path);
      new_db->sample = response == NEW_RESPONSE_WITH_SAMPLE;
      _cp_window_run_job (self,
                          cp_job_new (_("Creating the database…"), NULL, CP_STORE_OPEN_DEFAULT,
                                      new_work, new_db, (GDestroyNotify) new_database_free),
                          new_done, self);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
new_chosen (CpWindow *self, const char *path, const char *key, gboolean option,
            gboolean filtered)
{
  if (self->store != NULL && cp_store_owns_file (self->store, path))
    {
      _cp_window_show_info (self, _("Cannot replace the open database"),
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
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Empty"),
                          NEW_RESPONSE_EMPTY, _("With _Sample Data"), NEW_RESPONSE_WITH_SAMPLE,
                          NULL);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_new_response), g_strdup (path),
                         (GClosureNotify) G_CALLBACK (g_free), 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_file (CP_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("New Database"),
               _("_Create"), _("planner.db"), NULL, NULL, new_chosen, NULL, NULL, NULL);
}

/* Import */

typedef struct
{
  char *path;
  const CpImportKind *kind;
  guint rows; /* written by the job */
} Import;

static void
import_free (Import *import)
{
  g_free (import->path);
  g_free (import);
}

static gboolean
import_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable,
             GError **error)
{
  Import *import = data;

  return cp_import_file_full (store, import->kind, import->path, cp_job_progress, job,
                              &import->rows, cancellable, error);
}

static void
import_done (CpJob *job, const GError *error, gpointer user_data)
{
  CpWindow *self = user_data;
  Import *import = cp_job_get_data (job);

  if (!job_succeeded (self, error, _("Nothing was imported")))
    return;
  g_autofree char *text = g_strdup_printf (ngettext ("%u row imported.", "%u rows imported.",
                                                     import->rows),
                                           import->rows);
  _cp_window_reload (self);
  _cp_window_show_info (self, text, NULL);
}

static void
import_chosen (CpWindow *self, const char *path, const char *key, gboolean option,
               gboolean filtered)
{
  Import *import = g_new0 (Import, 1);
  const CpImportKind *kind = cp_import_kind_lookup (key);

  g_return_if_fail (kind != NULL);
  import->path = g_strdup (path);
  import->kind = kind;
  _cp_window_run_job (self,
                      cp_job_new (_("Importing…"), db_path (self), CP_STORE_OPEN_DEFAULT,
                                  import_work, import, (GDestroyNotify) import_free),
                      import_done, self);
}

/* The kind question's drop-down and the kinds it lists (of the import registry). */
typedef struct
{
  GtkDropDown *kinds;
  GPtrArray *listed; /* const CpImportKind *, in the drop-down's order */
} KindQuestion;

static void
kind_question_free (gpointer data, GClosure *closure)
{
  KindQuestion *question = data;

  g_ptr_array_unref (question->listed);
  g_free (question);
}

static void
on_import_kind_response (GtkDialog *dialog, int response, gpointer user_data)
{
  CpWindow *self = CP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  KindQuestion *question = user_data;
  guint selected = gtk_drop_down_get_selected (question->kinds);

  if (response == GTK_RESPONSE_OK && selected < question->listed->len)
    {
      const CpImportKind *kind = g_ptr_array_index (question->listed, selected);
      choose_file (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import from CSV"), _("_Import"), NULL,
                   _("CSV files"), "*.csv", import_chosen, kind->key, NULL, NULL);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The kinds of the visible page's domains, in the registry's order. */
static GPtrArray *
page_import_kinds (CpPage *page)
{
  GPtrArray *listed = g_ptr_array_new ();

  for (const char *const *domain = cp_page_get_import_domains (page); *domain != NULL; domain++)
    {
      g_autoptr (GPtrArray) kinds = cp_import_kinds_list (*domain);
      g_ptr_array_extend (listed, kinds, NULL, NULL);
    }
  return listed;
}

static void
import_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CpPage *page = _cp_window_get_visible_page (CP_WINDOW (widget));
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  if (page == NULL)
    return;
  KindQuestion *question = g_new0 (KindQuestion, 1);
  question->listed = page_import_kinds (page);
  for (guint i = 0; i < question->listed->len; i++)
    {
      const CpImportKind *kind = g_ptr_array_index (question->listed, i);
      gtk_string_list_append (names, _(kind->display));
    }
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (widget), GTK_DIALOG_MODAL,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              _("What does the file hold?"));
  question->kinds = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (question->kinds),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of records"), -1);
  gtk_message_dialog_format_secondary_text (
      GTK_MESSAGE_DIALOG (dialog), "%s",
      _("A CSV file with a header row. Rows with a code that exists already update it. If any "
        "row is wrong nothing is imported, and every problem is listed."));
  gtk_box_append (GTK_BOX (gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog))),
                  GTK_WIDGET (question->kinds));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Choose File…"), GTK_RESPONSE_OK, NULL);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_kind_response), question,
                         kind_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

/* Where the export goes, for its message. */
typedef struct
{
  CpWindow *window;
  char *out_path;
} Export;

static void
export_done (CpJob *job, const GError *error, gpointer user_data)
{
  Export *export = user_data;

  if (job_succeeded (export->window, error, _("Nothing was exported")))
    {
      g_autofree char *text = g_strdup_printf (_("Saved as “%s”."), export->out_path);
      _cp_window_show_info (export->window, _("Exported"), text);
    }
  g_free (export->out_path);
  g_free (export);
}

static void
export_chosen (CpWindow *self, const char *path, const char *id, gboolean option,
               gboolean filtered)
{
  CpPage *page = _cp_window_get_visible_page (self);
  const CpPageExport *export = page != NULL ? cp_page_find_export (page, id) : NULL;

  if (export == NULL)
    return;
  g_autofree char *out_path = export->suffix == NULL || g_str_has_suffix (path, export->suffix)
                                  ? g_strdup (path)
                                  : g_strconcat (path, export->suffix, NULL);
  cp_page_set_export_option (page, id, option);
  cp_page_set_export_filtered (page, id, filtered);
  CpJob *job = cp_page_export (page, id, db_path (self), _cp_window_get_year (self), out_path);
  Export *done = g_new0 (Export, 1);
  done->window = self;
  done->out_path = g_steal_pointer (&out_path);
  _cp_window_run_job (self, job, export_done, done);
}

static void
start_export (CpWindow *self, const char *id)
{
  CpPage *page = _cp_window_get_visible_page (self);
  const CpPageExport *export = page != NULL ? cp_page_find_export (page, id) : NULL;

  if (export == NULL)
    return;
  g_autofree char *name = cp_page_suggest_export_name (page, id, _cp_window_get_year (self));
  g_autofree char *scope = cp_page_describe_filter (page, id);
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, export->chooser_title, _("_Export"), name,
               export->filter_name, export->pattern, export_chosen, id, export->option_label,
               scope);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_export (CP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
export_first_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CpPage *page = _cp_window_get_visible_page (CP_WINDOW (widget));
  guint n = 0;
  const CpPageExport *exports = page != NULL ? cp_page_list_exports (page, &n) : NULL;

  if (n > 0)
    start_export (CP_WINDOW (widget), exports[0].id);
}

/* Print */

static void
on_print_done (GtkPrintOperation *operation, GtkPrintOperationResult result, CpWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      _cp_window_show_error (self, _("Cannot print"), error);
    }
  g_object_unref (operation);
}

static void
run_print (CpWindow *self, GtkPrintOperation *operation)
{
  g_autoptr (GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), self);
  GtkPrintOperationResult result = gtk_print_operation_run (
      operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    _cp_window_show_error (self, _("Cannot print"), error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_object_unref (operation);
}

/* @user_data: a reference to the page that gathers. */
static void
gather_done (CpJob *job, const GError *error, gpointer user_data)
{
  g_autoptr (CpPage) page = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

  if (!CP_IS_WINDOW (root)
      || !job_succeeded (CP_WINDOW (root), error, _("Cannot gather the summary")))
    return;
  GtkPrintOperation *operation = cp_page_print_operation (page, job);
  if (operation != NULL)
    run_print (CP_WINDOW (root), operation);
}

static void
print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  CpPage *page = _cp_window_get_visible_page (self);

  if (page == NULL || !cp_page_can_print (page))
    return;
  CpJob *job = cp_page_gather_print (page, db_path (self), _cp_window_get_year (self));
  _cp_window_run_job (self, job, gather_done, g_object_ref (page));
}

/* Find */

static void
find_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CpPage *page = _cp_window_get_visible_page (CP_WINDOW (widget));

  if (page != NULL)
    cp_page_focus_search (page);
}

void
_cp_window_fill_export_menu (CpWindow *self)
{
  CpPage *page = _cp_window_get_visible_page (self);
  guint n = 0;
  const CpPageExport *exports = page != NULL ? cp_page_list_exports (page, &n) : NULL;
  g_autoptr (GMenu) section = g_menu_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (exports[i].menu_label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.export",
                                               g_variant_new_string (exports[i].id));
      g_menu_append_item (section, item);
    }
  g_menu_remove_all (self->export_menu);
  g_menu_append_section (self->export_menu, NULL, G_MENU_MODEL (section));
}

void
_cp_window_install_actions (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char *name;
    const char *parameter_type;
    GtkWidgetActionActivateFunc activate;
    guint key;
  } actions[] = {
    { "win.open", NULL, open_activated, GDK_KEY_o },
    { "win.new", NULL, new_activated, GDK_KEY_n },
    { "win.import", NULL, import_activated, GDK_KEY_i },
    { "win.export", "s", export_activated, 0 },
    { "win.export-first", NULL, export_first_activated, GDK_KEY_e },
    { "win.print", NULL, print_activated, GDK_KEY_p },
    { "win.find", NULL, find_activated, GDK_KEY_f },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter_type,
                                       actions[i].activate);
      if (actions[i].key != 0)
        gtk_widget_class_add_binding_action (widget_class, actions[i].key, GDK_CONTROL_MASK,
                                             actions[i].name, NULL);
    }
}
