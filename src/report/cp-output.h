/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output files are written whole or not at all: to a temporary file beside the target, renamed
 * over it at the end, deleted on failure or cancellation. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Creates an empty, unique ".NAME.XXXXXXXX.part" file in @out_path's folder (with the usual
 * permissions, unlike g_mkstemp()) and returns its path. */
char *cp_output_begin (const char *out_path, GError **error);

/* When @ok, renames @temp_path over @out_path; otherwise (or when the rename fails) deletes
 * @temp_path. Returns whether @out_path now holds the new file. */
gboolean cp_output_finish (const char *temp_path, const char *out_path, gboolean ok,
                           GError **error);

G_END_DECLS
