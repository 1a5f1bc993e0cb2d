/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cp-cli.h"
#include "cp-dataset.h"

/* An uninstalled build (make run, meson test) points this at its own compiled catalogues. */
static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("COMMUNITY_PLANNER_LOCALEDIR");
  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
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

  /* Until the window lands: open (or create) the default database and print its check. */
  g_autofree char *path = cp_dataset_default_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CpStore) store = cp_dataset_open_or_create (path, NULL, &error);
  if (store == NULL)
    return cp_cli_data_error (error);
  g_clear_pointer (&store, cp_store_free);
  return cp_cli_print_check (path, cp_cli_current_year (), FALSE);
}
