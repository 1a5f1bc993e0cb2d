/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Excel workbook the bureau hands to city leadership (libxlsxwriter). */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

/* Writes the facility workbook of @year to @out_path: a summary sheet with totals per township
 * and a native chart, and a 设施达标 sheet with one row per community. Writes to a temporary file
 * beside @out_path and renames it at the end, so a failure or cancellation leaves no half-written
 * file. @progress (optional) is called with 0..1. */
gboolean cp_workbook_export (CpStore *store,
                             int year,
                             const char *out_path,
                             CpProgressFunc progress,
                             gpointer progress_data,
                             GCancellable *cancellable,
                             GError **error);

G_END_DECLS
