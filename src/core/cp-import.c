/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-import.h"

const CpVocabulary cp_import_kinds[CP_N_IMPORT_KINDS] = {
  { "townships", "乡镇街道", N_("Townships") },
  { "communities", "社区", N_("Communities") },
  { "facilities", "设施", N_("Facilities") },
};

gboolean
cp_import_file (CpStore *store, CpImportKind kind, const char *path, guint *out_rows,
                GCancellable *cancellable, GError **error)
{
  return cp_set_error (error, CP_ERROR_FAILED, "import: not written yet");
}
