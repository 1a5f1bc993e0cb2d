/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Details of the window (issue 9, point 13). The application's icon: after startup every window
 * takes the icon named after the application id, and the icon theme finds it (and its symbolic
 * variant) in the resources, installed or not. One unit spelling: the window writes "㎡" where
 * the messages it shows from core say "平方米". GTK needs a display. */
#include "config.h"

#include "cp-application.h"
#include "cp-message.h"

static void
test_icon_after_startup (void)
{
  g_autoptr (CpApplication) app = cp_application_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, "cn.gov.jiaohe.CommunityPlanner");

  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_assert_true (gtk_icon_theme_has_icon (theme, "cn.gov.jiaohe.CommunityPlanner"));
  g_assert_true (gtk_icon_theme_has_icon (theme, "cn.gov.jiaohe.CommunityPlanner-symbolic"));

  /* Drawn from the SVG in the resources, at any size. */
  g_autoptr (GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (
      theme, "cn.gov.jiaohe.CommunityPlanner", NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  g_autoptr (GFile) file = gtk_icon_paintable_get_file (icon);
  g_autofree char *uri = g_file_get_uri (file);
  g_assert_true (g_str_has_suffix (uri, "/cn.gov.jiaohe.CommunityPlanner.svg"));
}

static void
test_window_units (void)
{
  g_autofree char *area = cp_message_window_units (
      "总面积：0.0 平方米不合理；请填写大于 0、不超过 100000 平方米的面积。");
  g_autofree char *english = cp_message_window_units ("Total area: 0.0 m² is not plausible");

  g_assert_cmpstr (area, ==,
                   "总面积：0.0\u00a0㎡不合理；请填写大于 0、不超过 100000\u00a0㎡的面积。");
  g_assert_cmpstr (english, ==, "Total area: 0.0 m² is not plausible");
  g_assert_null (cp_message_window_units (NULL));
}

int
main (int argc, char **argv)
{
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  g_test_add_func ("/window-details/icon-after-startup", test_icon_after_startup);
  g_test_add_func ("/window-details/window-units", test_window_units);
  return g_test_run ();
}
