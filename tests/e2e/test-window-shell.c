/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window shell delegates to its pages through CpPage: a stub page gets the year and the
 * database, Find goes to it, and the Export menu lists its exports. GTK needs a display. */
#include "config.h"

#include <glib/gstdio.h>

#include "cp-gui-resources.h"
#include "cp-page.h"
#include "cp-window.h"

#define STUB_TYPE_PAGE (stub_page_get_type ())
G_DECLARE_FINAL_TYPE (StubPage, stub_page, STUB, PAGE, GtkBox)

struct _StubPage
{
  GtkBox parent_instance;

  CpStore *store;
  int year;
  guint searches;
};

static void stub_page_page_init (CpPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StubPage, stub_page, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_PAGE, stub_page_page_init))

static const char *
stub_get_name (CpPage *page)
{
  return "stub";
}

static const char *
stub_get_title (CpPage *page)
{
  return "Stub";
}

static void
stub_set_store (CpPage *page, CpStore *store)
{
  STUB_PAGE (page)->store = store;
}

static void
stub_set_year (CpPage *page, int year)
{
  STUB_PAGE (page)->year = year;
}

static void
stub_reload (CpPage *page)
{
}

static void
stub_focus_search (CpPage *page)
{
  STUB_PAGE (page)->searches++;
}

static const CpPageExport *
stub_list_exports (CpPage *page, guint *n_exports)
{
  static const CpPageExport exports[] = {
    { "one", "_One…", "Export One", NULL, NULL, NULL },
    { "two", "_Two…", "Export Two", NULL, NULL, NULL },
  };

  *n_exports = G_N_ELEMENTS (exports);
  return exports;
}

static void
stub_page_page_init (CpPageInterface *iface)
{
  iface->get_name = stub_get_name;
  iface->get_title = stub_get_title;
  iface->set_store = stub_set_store;
  iface->set_year = stub_set_year;
  iface->reload = stub_reload;
  iface->focus_search = stub_focus_search;
  iface->list_exports = stub_list_exports;
}

static void
stub_page_class_init (StubPageClass *klass)
{
}

static void
stub_page_init (StubPage *self)
{
}

/* The header bar's menu button labelled @label. */
static GtkMenuButton *
find_menu_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_MENU_BUTTON (widget)
      && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
menu_label (GMenuModel *section, int index)
{
  char *label = NULL;

  g_menu_model_get_item_attribute (section, index, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  return label;
}

static void
test_delegates (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cp-shell-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "shell.db", NULL);
  g_autoptr (CpStore) created = cp_store_open (path, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&created, cp_store_free);

  CpWindow *window = cp_window_new (NULL);
  StubPage *page = g_object_new (STUB_TYPE_PAGE, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  cp_window_add_page (window, CP_PAGE (page));
  g_assert_cmpint (page->year, ==, g_date_time_get_year (now));
  g_assert_null (page->store);
  g_assert_true (cp_window_open (window, path));
  g_assert_nonnull (page->store);
  g_assert_cmpstr (cp_store_get_path (page->store), ==, path);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_cmpuint (page->searches, ==, 1);

  GtkMenuButton *export = find_menu_button (gtk_window_get_titlebar (GTK_WINDOW (window)),
                                            "_Export");
  g_assert_nonnull (export);
  GMenuModel *menu = gtk_menu_button_get_menu_model (export);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  g_autofree char *first = menu_label (section, 0);
  g_autofree char *second = menu_label (section, 1);
  g_assert_cmpstr (first, ==, "_One…");
  g_assert_cmpstr (second, ==, "_Two…");

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  /* Referenced so that the linker keeps the window's templates. */
  (void) cp_gui_get_resource ();
  g_test_add_func ("/window-shell/delegates", test_delegates);
  return g_test_run ();
}
