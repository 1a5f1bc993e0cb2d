/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reports the command line and the window can ask for by name. A domain adds its charts
 * here. */
#pragma once

#include "cp-store.h"

G_BEGIN_DECLS

typedef gboolean (*CpChartExportFunc) (CpStore *store, int year, const char *out_path,
                                       GError **error);

typedef struct
{
  const char *name; /* on the command line: `export chart FILE NAME` */
  CpChartExportFunc export;
} CpChartKind;

/* The charts, ending with an entry whose name is NULL. */
const CpChartKind *cp_reports_get_charts (void);

/* The chart @name by name, or NULL. */
const CpChartKind *cp_reports_find_chart (const char *name);

/* Writes chart @name of @year to @out_path as PNG, SVG or PDF by its extension, through a
 * temporary file beside it, so no half-written file is left on failure. */
gboolean cp_chart_export (CpStore *store, const char *name, int year, const char *out_path,
                          GError **error);

G_END_DECLS
