/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-dataset.h"
#include "cp-window-private.h"

G_DEFINE_FINAL_TYPE (CpWindow, cp_window, GTK_TYPE_APPLICATION_WINDOW)

/* Auxiliary functions */

static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema
      = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static void
restore_size (CpWindow *self)
{
  if (self->settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1200, 760);
      return;
    }
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (CpWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
show_store_state (CpWindow *self)
{
  const char *reason = self->store != NULL ? cp_store_read_only_reason (self->store) : NULL;
  g_autofree char *base = self->store != NULL ? g_path_get_basename (cp_store_get_path (self->store))
                                              : NULL;
  /* Translators: the window title; %s is the database file's name */
  g_autofree char *title = base != NULL ? g_strdup_printf (_("%s — Community Service Planner"), base)
                                        : g_strdup (_("Community Service Planner"));

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_info_bar_set_revealed (self->sample_bar,
                             self->store != NULL && cp_store_is_sample (self->store));
  if (reason != NULL)
    {
      /* Translators: %s says why the file is read-only */
      g_autofree char *text = g_strdup_printf (_("%s Editing is turned off."), reason);
      gtk_label_set_text (self->read_only_label, text);
    }
  gtk_info_bar_set_revealed (self->read_only_bar, reason != NULL);
}

static void
remember_file (CpWindow *self, const char *path)
{
  g_autofree char *default_path = cp_dataset_default_path ();

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-file",
                           path == NULL || g_str_equal (path, default_path) ? "" : path);
}

static void
set_store (CpWindow *self, CpStore *store)
{
  cp_facility_page_set_store (self->facility_page, NULL);
  g_clear_pointer (&self->store, cp_store_free);
  self->store = store;
  cp_facility_page_set_store (self->facility_page, store);
  show_store_state (self);
  cp_window_update_actions (self);
}

static gboolean
update_progress (gpointer user_data)
{
  CpWindow *self = user_data;
  int permille = g_atomic_int_get (&self->job_permille);

  if (permille < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

/* Callbacks */

static void
on_year_changed (CpWindow *self)
{
  cp_facility_page_set_year (self->facility_page, cp_window_get_year (self));
}

static void
on_progress_cancel (CpWindow *self)
{
  g_cancellable_cancel (self->job_cancellable);
}

/* GObject overrides */

static gboolean
cp_window_close_request (GtkWindow *window)
{
  CpWindow *self = CP_WINDOW (window);

  save_size (self);
  g_cancellable_cancel (self->job_cancellable);
  return GTK_WINDOW_CLASS (cp_window_parent_class)->close_request (window);
}

static void
cp_window_dispose (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  if (self->facility_page != NULL)
    cp_facility_page_set_store (self->facility_page, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_WINDOW);
  g_clear_pointer (&self->store, cp_store_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->job_cancellable);
  G_OBJECT_CLASS (cp_window_parent_class)->dispose (object);
}

static void
cp_window_class_init (CpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = cp_window_close_request;

  g_type_ensure (CP_TYPE_FACILITY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/cp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpWindow, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sample_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, facility_page);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_cancel);
  cp_window_install_actions (widget_class);
}

static void
cp_window_init (CpWindow *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = settings_if_installed ();
  restore_size (self);
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  on_year_changed (self);
  cp_window_update_actions (self);
}

/* Public API */

CpWindow *
cp_window_new (GtkApplication *application)
{
  return g_object_new (CP_TYPE_WINDOW, "application", application, NULL);
}

gboolean
cp_window_open (CpWindow *self, const char *path)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), FALSE);

  g_autofree char *default_path = cp_dataset_default_path ();
  g_autoptr (GError) error = NULL;
  CpStore *store = path != NULL ? cp_store_open (path, CP_STORE_OPEN_DEFAULT, &error)
                                : cp_dataset_open_or_create (default_path, NULL, &error);

  if (store == NULL)
    {
      g_autofree char *primary = g_strdup_printf (_("Cannot open “%s”"),
                                                  path != NULL ? path : default_path);
      cp_window_show_error (self, primary, error);
      return FALSE;
    }
  set_store (self, store);
  remember_file (self, cp_store_get_path (store));
  return TRUE;
}

int
cp_window_get_year (CpWindow *self)
{
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
cp_window_reload (CpWindow *self)
{
  show_store_state (self);
  cp_facility_page_reload (self->facility_page);
}

void
cp_window_update_actions (CpWindow *self)
{
  gboolean idle = self->job_cancellable == NULL;
  gboolean open = self->store != NULL;
  gboolean writable = open && !cp_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", idle && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-workbook", idle && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", idle && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", idle && open);
}

void
cp_window_start_job (CpWindow *self,
                     const char *label,
                     GTaskThreadFunc func,
                     gpointer task_data,
                     GDestroyNotify task_data_free,
                     GAsyncReadyCallback done)
{
  g_return_if_fail (self->job_cancellable == NULL);

  self->job_cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->job_permille, -1);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->progress_timeout = g_timeout_add (100, update_progress, self);
  cp_window_update_actions (self);

  g_autoptr (GTask) task = g_task_new (self, self->job_cancellable, done, NULL);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, func);
}

void
cp_window_end_job (CpWindow *self)
{
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  g_clear_object (&self->job_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  cp_window_update_actions (self);
}

void
cp_window_job_progress (double fraction, gpointer user_data)
{
  CpWindow *self = user_data;

  g_atomic_int_set (&self->job_permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static guint
count_lines (const char *text)
{
  guint lines = 1;

  for (const char *p = text; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}

static void
show_message (CpWindow *self, GtkMessageType type, const char *primary, const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary);
  GtkWidget *area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));

  /* An import can list many problems, one a line: scroll them, and let them be copied. */
  if (secondary != NULL && count_lines (secondary) > 6)
    {
      GtkWidget *label = gtk_label_new (secondary);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 560);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_box_append (GTK_BOX (area), scrolled);
    }
  else if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cp_window_show_error (CpWindow *self, const char *primary, const GError *error)
{
  show_message (self, GTK_MESSAGE_ERROR, primary, error != NULL ? error->message : NULL);
}

void
cp_window_show_info (CpWindow *self, const char *primary, const char *secondary)
{
  show_message (self, GTK_MESSAGE_INFO, primary, secondary);
}
