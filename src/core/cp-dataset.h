/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The default dataset: $XDG_DATA_HOME/community-planner/planner.db, created with the sample data
 * on the very first start. */
#pragma once

#include "cp-store.h"

G_BEGIN_DECLS

char *cp_dataset_default_path (void);

/* Opens @path; when it does not exist yet or is empty (0 bytes), creates it (and its folder)
 * with the 蛟河市 sample. @out_created (optional) tells whether it was created now. */
CpStore *cp_dataset_open_or_create (const char *path, gboolean *out_created, GError **error);

G_END_DECLS
