/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-sample.h"

gboolean
cp_sample_write (CpStore *store, guint scale, GCancellable *cancellable, GError **error)
{
  return cp_set_error (error, CP_ERROR_FAILED, "sample: not written yet");
}
