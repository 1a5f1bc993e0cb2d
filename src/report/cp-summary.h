/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed summary: one paginating painter for the GTK print operation and the PDF export. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

typedef struct _CpSummary CpSummary;

/* Gathers the summary's figures of @year from @store (the store is not needed afterwards). */
CpSummary *cp_summary_new (CpStore *store, int year, GCancellable *cancellable, GError **error);
void cp_summary_free (CpSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpSummary, cp_summary_free)

/* Lays the summary out on pages of @width × @height points (A4: 595.28 × 841.89) measured with
 * @cr; returns the number of pages. Call again when the page size changes. */
int cp_summary_paginate (CpSummary *summary, cairo_t *cr, double width, double height);
/* Paints page @page (0-based) of the last pagination, "第 N 页 共 M 页" at the foot. */
void cp_summary_paint_page (CpSummary *summary, cairo_t *cr, int page);

/* Writes the whole summary as an A4 PDF with embedded fonts; no half-written file on failure. */
gboolean cp_summary_export_pdf (CpStore *store, int year, const char *out_path,
                                GCancellable *cancellable, GError **error);

G_END_DECLS
