/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-dataset.h"
#include "cp-date.h"
#include "cp-message.h"
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

typedef void (*PageFunc) (CpPage *page, gpointer user_data);

static void
foreach_page (CpWindow *self, PageFunc func, gpointer user_data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CP_IS_PAGE (child))
      func (CP_PAGE (child), user_data);
}

static void
page_set_store (CpPage *page, gpointer store)
{
  cp_page_set_store (page, store);
}

static void
page_set_year (CpPage *page, gpointer year)
{
  cp_page_set_year (page, GPOINTER_TO_INT (year));
}

static void
page_reload (CpPage *page, gpointer user_data)
{
  cp_page_reload (page);
}

static void
set_store (CpWindow *self, CpStore *store)
{
  foreach_page (self, page_set_store, NULL);
  g_clear_pointer (&self->store, cp_store_free);
  self->store = store;
  foreach_page (self, page_set_store, store);
  show_store_state (self);
  _cp_window_update_actions (self);
}

static gboolean
update_progress (gpointer user_data)
{
  CpWindow *self = user_data;
  double fraction = self->job != NULL ? cp_job_get_fraction (self->job) : -1;

  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  return G_SOURCE_CONTINUE;
}

/* The window's part of a finished job; then the caller's. */
typedef struct
{
  CpWindow *window; /* a reference */
  CpJobDone done;
  gpointer user_data;
} JobEnd;

static void
on_job_done (CpJob *job, const GError *error, gpointer user_data)
{
  JobEnd *end = user_data;
  CpWindow *self = end->window;

  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->job);
  _cp_window_update_actions (self);
  end->done (job, error, end->user_data);
  g_object_unref (end->window);
  g_free (end);
  g_object_unref (job);
}

/* Callbacks */

static void
on_year_changed (CpWindow *self)
{
  foreach_page (self, page_set_year, GINT_TO_POINTER (_cp_window_get_year (self)));
}

static void
on_progress_cancel (CpWindow *self)
{
  if (self->job != NULL)
    cp_job_cancel (self->job);
}

static void
on_visible_page_changed (CpWindow *self)
{
  _cp_window_fill_export_menu (self);
  _cp_window_update_actions (self);
}

/* GObject overrides */

static gboolean
cp_window_close_request (GtkWindow *window)
{
  CpWindow *self = CP_WINDOW (window);

  save_size (self);
  if (self->job != NULL)
    cp_job_cancel (self->job);
  return GTK_WINDOW_CLASS (cp_window_parent_class)->close_request (window);
}

static void
cp_window_dispose (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  if (self->stack != NULL)
    foreach_page (self, page_set_store, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_WINDOW);
  g_clear_pointer (&self->store, cp_store_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->export_menu);
  G_OBJECT_CLASS (cp_window_parent_class)->dispose (object);
}

static void
cp_window_class_init (CpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = cp_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/cp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpWindow, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sample_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);
  _cp_window_install_actions (widget_class);
}

static void
cp_window_init (CpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = settings_if_installed ();
  restore_size (self);
  self->export_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->export_button, G_MENU_MODEL (self->export_menu));
  gtk_spin_button_set_value (self->year_spin, cp_date_today ().year);
  on_visible_page_changed (self);
}

/* Public API */

CpWindow *
cp_window_new (GtkApplication *application)
{
  return g_object_new (CP_TYPE_WINDOW, "application", application, NULL);
}

void
cp_window_add_page (CpWindow *self, CpPage *page)
{
  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (CP_IS_PAGE (page));

  gtk_stack_add_titled (self->stack, GTK_WIDGET (page), cp_page_get_name (page),
                        cp_page_get_title (page));
  cp_page_set_year (page, _cp_window_get_year (self));
  cp_page_set_store (page, self->store);
  on_visible_page_changed (self);
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
      _cp_window_show_error (self, primary, error);
      return FALSE;
    }
  set_store (self, store);
  remember_file (self, cp_store_get_path (store));
  return TRUE;
}

/* Private API */

int
_cp_window_get_year (CpWindow *self)
{
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

CpPage *
_cp_window_get_visible_page (CpWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);

  return child != NULL && CP_IS_PAGE (child) ? CP_PAGE (child) : NULL;
}

void
_cp_window_reload (CpWindow *self)
{
  show_store_state (self);
  foreach_page (self, page_reload, NULL);
}

void
_cp_window_update_actions (CpWindow *self)
{
  CpPage *page = _cp_window_get_visible_page (self);
  gboolean idle = self->job == NULL;
  gboolean open = self->store != NULL;
  gboolean writable = open && !cp_store_is_read_only (self->store);
  guint n_exports = 0;
  gboolean imports = page != NULL && cp_page_get_import_domains (page)[0] != NULL;

  if (page != NULL)
    cp_page_list_exports (page, &n_exports);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", idle && writable && imports);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", idle && open && n_exports > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-first",
                                 idle && open && n_exports > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print",
                                 idle && open && page != NULL && cp_page_can_print (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", page != NULL);
}

void
_cp_window_run_job (CpWindow *self, CpJob *job, CpJobDone done, gpointer user_data)
{
  g_return_if_fail (self->job == NULL);

  JobEnd *end = g_new0 (JobEnd, 1);
  end->window = g_object_ref (self);
  end->done = done;
  end->user_data = user_data;
  self->job = g_object_ref (job);
  gtk_label_set_text (self->progress_label, cp_job_get_label (job));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->progress_timeout = g_timeout_add (100, update_progress, self);
  _cp_window_update_actions (self);
  cp_job_start (job, on_job_done, end);
}

void
_cp_window_show_error (CpWindow *self, const char *primary, const GError *error)
{
  cp_message_show_error (GTK_WIDGET (self), primary, error);
}

void
_cp_window_show_info (CpWindow *self, const char *primary, const char *secondary)
{
  cp_message_show (GTK_WIDGET (self), GTK_MESSAGE_INFO, primary, secondary);
}
