/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Errors reach the person: when the database refuses a delete, or the undo of one, the facility
 * page says so in a message dialog (it used to write a log line only). The refusal is a trigger
 * added by another connection, as another program could. GTK needs a display. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cp-facility-page.h"
#include "cp-gui-resources.h"
#include "cp-sample.h"
#include "cp-window.h"

typedef struct
{
  char *dir;
  char *path;
  CpWindow *window;
  GtkWidget *page;
} Fixture;

static void
run_sql (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The first descendant of @widget of @type (and with @label, when set). */
static GtkWidget *
find_widget (GtkWidget *widget, GType type, const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the message dialog shown, or NULL; the dialog is closed. */
static char *
take_message (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* not ours */
  char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (text == NULL && GTK_IS_MESSAGE_DIALOG (window))
        {
          g_object_get (window, "text", &text, NULL);
          gtk_window_destroy (GTK_WINDOW (window));
        }
    }
  return text;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("cp-errors-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "sample.db", NULL);
  g_autoptr (CpStore) store = cp_store_open (f->path, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cp_sample_write (store, 1, NULL, &error));
  g_clear_pointer (&store, cp_store_free);

  f->window = cp_window_new (NULL);
  f->page = GTK_WIDGET (cp_facility_page_new ());
  cp_window_add_page (f->window, CP_PAGE (f->page));
  g_assert_true (cp_window_open (f->window, f->path));

  /* The first community, and its first facility. */
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (f->page, GTK_TYPE_COLUMN_VIEW, NULL));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)), 0);
  GtkListBox *facilities = GTK_LIST_BOX (find_widget (f->page, GTK_TYPE_LIST_BOX, NULL));
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (facilities, 0);
  g_assert_nonnull (first);
  gtk_list_box_select_row (facilities, first);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (f->path, (const char *[]){ "", "-wal", "-shm" }[i],
                                           NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_delete_refused (Fixture *f, gconstpointer data)
{
  run_sql (f, "CREATE TRIGGER refuse BEFORE DELETE ON facility "
              "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  g_signal_emit_by_name (find_widget (f->page, GTK_TYPE_BUTTON, "_Delete"), "clicked");

  g_autofree char *text = take_message ();
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Cannot delete “"));
}

static void
test_undo_refused (Fixture *f, gconstpointer data)
{
  g_signal_emit_by_name (find_widget (f->page, GTK_TYPE_BUTTON, "_Delete"), "clicked");
  g_autofree char *none = take_message ();
  g_assert_null (none);

  run_sql (f, "CREATE TRIGGER refuse BEFORE INSERT ON facility "
              "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  g_signal_emit_by_name (find_widget (f->page, GTK_TYPE_BUTTON, "_Undo"), "clicked");

  g_autofree char *text = take_message ();
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Cannot restore “"));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  /* Referenced so that the linker keeps the templates. */
  (void) cp_gui_get_resource ();
  g_test_add ("/facility-errors/delete", Fixture, NULL, fixture_set_up, test_delete_refused,
              fixture_tear_down);
  g_test_add ("/facility-errors/undo", Fixture, NULL, fixture_set_up, test_undo_refused,
              fixture_tear_down);
  return g_test_run ();
}
