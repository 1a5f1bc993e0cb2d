/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cp-dataset.h"
#include "cp-sample.h"

char *
cp_dataset_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), GETTEXT_PACKAGE, "planner.db", NULL);
}

CpStore *
cp_dataset_open_or_create (const char *path, gboolean *out_created, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (out_created != NULL)
    *out_created = FALSE;
  /* Only stat(): the window may hold a connection to @path. A zero-byte file is what an
   * interrupted first start leaves behind; it gets the sample like an absent one. Anything else
   * that is there is opened as it is (CREATE also sets up an SQLite file without tables). */
  GStatBuf st;
  if (g_stat (path, &st) != 0 ? errno != ENOENT : !S_ISREG (st.st_mode) || st.st_size > 0)
    return cp_store_open (path, CP_STORE_OPEN_CREATE, error);

  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      cp_set_error (error, CP_ERROR_FAILED, _("Cannot create the folder “%s”."), dir);
      return NULL;
    }
  g_autoptr (CpStore) store = cp_store_open (path, CP_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;
  if (!cp_sample_write (store, 1, NULL, error))
    {
      g_clear_pointer (&store, cp_store_free);
      g_remove (path);
      return NULL;
    }
  if (out_created != NULL)
    *out_created = TRUE;
  return g_steal_pointer (&store);
}
