/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-application.h"
#include "cp-facility-page.h"
#include "cp-gui-resources.h"
#include "cp-staff-page.h"
#include "cp-window.h"

struct _CpApplication
{
  GtkApplication parent_instance;

  char *db_path;
};

G_DEFINE_FINAL_TYPE (CpApplication, cp_application, GTK_TYPE_APPLICATION)

/* Auxiliary functions */

/* --db first, then the file opened last (when it still exists), else the default database. */
static char *
initial_path (CpApplication *self)
{
  if (self->db_path != NULL)
    return g_strdup (self->db_path);

  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema
      = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  if (schema == NULL)
    return NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-file");
  return *last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS) ? g_steal_pointer (&last) : NULL;
}

/* Callbacks */

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing lets the windows remember their size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *developers[] = { "Civil Affairs Bureau of Jiaohe", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (window, "program-name", _("Community Service Planner"),
                         "logo-icon-name", APP_ID, "version", PACKAGE_VERSION, "comments",
                         _("Plans the service facilities of the urban and rural communities "
                           "after the city's 14th Five-Year plan for community services, and "
                           "keeps the roster and the 三岗十八级 pay of the community workers."),
                         "license-type", GTK_LICENSE_GPL_3_0, "authors", developers,
                         "translator-credits", _("translator-credits"), NULL);
}

static void
shortcuts_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "shortcuts", .activate = shortcuts_activated },
};

/* GApplication overrides */

static void
cp_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Primary>q", NULL };

  G_APPLICATION_CLASS (cp_application_parent_class)->startup (application);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  /* The icon is in the resources (icons/ under the base path) when it is not installed. */
  gtk_window_set_default_icon_name (APP_ID);

  /* GtkApplication (unlike libadwaita's) does not load style.css by itself. */
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/cn/gov/jiaohe/CommunityPlanner/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
cp_application_activate (GApplication *application)
{
  CpApplication *self = CP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      g_autofree char *path = initial_path (self);
      window = GTK_WINDOW (cp_window_new (GTK_APPLICATION (application)));
      gtk_window_set_icon_name (window, APP_ID);
      /* The pages, one a domain, in the order of the switcher. */
      cp_window_add_page (CP_WINDOW (window), cp_facility_page_new ());
      cp_window_add_page (CP_WINDOW (window), cp_staff_page_new ());
      gtk_window_present (window);
      cp_window_open (CP_WINDOW (window), path);
      return;
    }
  gtk_window_present (window);
}

/* GObject overrides */

static void
cp_application_finalize (GObject *object)
{
  CpApplication *self = CP_APPLICATION (object);

  g_free (self->db_path);
  G_OBJECT_CLASS (cp_application_parent_class)->finalize (object);
}

static void
cp_application_class_init (CpApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_application_finalize;
  G_APPLICATION_CLASS (klass)->startup = cp_application_startup;
  G_APPLICATION_CLASS (klass)->activate = cp_application_activate;
}

static void
cp_application_init (CpApplication *self)
{
  /* Referenced so that the linker keeps the resources (registered by their constructor) of the
   * static library. */
  (void) cp_gui_get_resource ();
}

/* Public API */

CpApplication *
cp_application_new (const char *db_path)
{
  CpApplication *self = g_object_new (CP_TYPE_APPLICATION, "application-id", APP_ID,
                                      "resource-base-path", "/cn/gov/jiaohe/CommunityPlanner",
                                      "flags", G_APPLICATION_DEFAULT_FLAGS, NULL);
  self->db_path = g_strdup (db_path);
  return self;
}
