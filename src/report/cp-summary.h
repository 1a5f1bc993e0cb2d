/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed summary: one paginating painter for the GTK print operation and the PDF export.
 * Sizes are in the cairo context's user units, taken as points: a print operation sets
 * GTK_UNIT_POINTS and passes gtk_print_context_get_width/height(). */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

/* Width and height of an A4 page in points. */
#define CP_SUMMARY_A4_WIDTH 595.28
#define CP_SUMMARY_A4_HEIGHT 841.89
/* The list of communities that fall short shows at most this many, the largest shortfalls. */
#define CP_SUMMARY_SHORTFALL_LIMIT 200

typedef struct _CpSummary CpSummary;

/* Gathers the summary's figures of @year from @store (the store is not needed afterwards). */
CpSummary *cp_summary_new (CpStore *store, int year, GCancellable *cancellable, GError **error);
void cp_summary_free (CpSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpSummary, cp_summary_free)

/* The translated title, e.g. "蛟河市城乡社区综合服务设施达标情况（2025年）". */
const char *cp_summary_get_title (CpSummary *summary);
/* Communities that break the area rule, and how many of them the list shows. */
guint cp_summary_get_n_short (CpSummary *summary);
guint cp_summary_get_n_listed (CpSummary *summary);
/* The community code and shortfall of entry @index of the list (largest first). */
const char *cp_summary_get_listed (CpSummary *summary, guint index, double *out_shortfall_m2);

/* Lays the summary out on pages of @width × @height points (A4: 595.28 × 841.89) measured with
 * @cr; returns the number of pages. Call again when the page size changes. */
int cp_summary_paginate (CpSummary *summary, cairo_t *cr, double width, double height);
/* Paints page @page (0-based) of the last pagination, "第 N 页 共 M 页" at the foot. */
void cp_summary_paint_page (CpSummary *summary, cairo_t *cr, int page);

/* Writes the whole summary as an A4 PDF with embedded fonts; no half-written file on failure
 * or cancellation. */
gboolean cp_summary_export_pdf (CpStore *store, int year, const char *out_path,
                                GCancellable *cancellable, GError **error);

G_END_DECLS
