/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cp-application.h"
#include "cp-cli.h"

/* An uninstalled build (make run, meson test) points this at its own compiled catalogues. */
static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("COMMUNITY_PLANNER_LOCALEDIR");
  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

/* Takes "--db FILE" (or "--db=FILE") out of @argv; the rest goes to GApplication. */
static char *
take_db_option (int *argc, char **argv)
{
  char *path = NULL;
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < *argc)
        {
          g_free (path);
          path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (path);
          path = g_strdup (argv[i] + strlen ("--db="));
        }
      else
        argv[out++] = argv[i];
    }
  *argc = out;
  argv[out] = NULL;
  return path;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (cp_cli_handles (argc, argv))
    return cp_cli_run (argc, argv);

  g_autofree char *db_path = take_db_option (&argc, argv);
  g_set_application_name (_("Community Service Planner"));
  g_autoptr (CpApplication) app = cp_application_new (db_path);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
