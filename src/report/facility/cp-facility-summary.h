/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed summary of the facility check: key figures, the facilities chart, results by
 * township and the communities below the area standard, as a document (printed or PDF). */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cp-document.h"
#include "cp-store.h"

G_BEGIN_DECLS

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

/* The summary's document (owned by @summary), to paginate and paint for printing. */
CpDocument *cp_summary_get_document (CpSummary *summary);

/* Writes the whole summary as an A4 PDF with embedded fonts; no half-written file on failure
 * or cancellation. */
gboolean cp_summary_export_pdf (CpStore *store, int year, const char *out_path,
                                GCancellable *cancellable, GError **error);

G_END_DECLS
