/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-error.h"

G_DEFINE_QUARK (cp-error-quark, cp_error)

gboolean
cp_set_error (GError **error, CpError code, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  GError *new_error = g_error_new_valist (CP_ERROR, code, format, args);
  va_end (args);
  g_propagate_error (error, new_error);
  return FALSE;
}
