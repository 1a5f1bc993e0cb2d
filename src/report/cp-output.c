/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cp-error.h"
#include "cp-output.h"

#define ATTEMPTS 64

char *
cp_output_begin (const char *out_path, GError **error)
{
  g_return_val_if_fail (out_path != NULL, NULL);

  g_autofree char *dir = g_path_get_dirname (out_path);
  g_autofree char *base = g_path_get_basename (out_path);
  int saved_errno = EEXIST;

  for (int attempt = 0; attempt < ATTEMPTS && saved_errno == EEXIST; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", base, g_random_int ());
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&path);
        }
      saved_errno = errno;
    }
  cp_set_error (error, CP_ERROR_FAILED, _("Cannot write “%s”: %s."), out_path,
                g_strerror (saved_errno));
  return NULL;
}

gboolean
cp_output_finish (const char *temp_path, const char *out_path, gboolean ok, GError **error)
{
  g_return_val_if_fail (temp_path != NULL && out_path != NULL, FALSE);

  if (ok && g_rename (temp_path, out_path) != 0)
    {
      int saved_errno = errno;
      ok = cp_set_error (error, CP_ERROR_FAILED, _("Cannot write “%s”: %s."), out_path,
                         g_strerror (saved_errno));
    }
  if (!ok)
    g_unlink (temp_path);
  return ok;
}
