/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The advancement of 1 January of the next year, before it is written: who moves up or down and
 * why, and how many keep their level for each reason (cp_staff_store_each_advance(), in a job).
 * Apply writes it in one transaction (cp_staff_store_apply_advance(), in a job) and hands the
 * levels it replaced to the page, which offers to write them back. */
#pragma once

#include <gtk/gtk.h>

#include "cp-staff-store.h"

G_BEGIN_DECLS

#define CP_TYPE_ADVANCE_DIALOG (cp_advance_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpAdvanceDialog, cp_advance_dialog, CP, ADVANCE_DIALOG, GtkWindow)

/* The advancement from @year into @year + 1 of the database at @db_path; @read_only makes Apply
 * insensitive. Emits "applied" (a GArray of CpLevelEntry: what @year + 1 held before, the dialog
 * keeps ownership; the number of people changed as guint) after applying. */
CpAdvanceDialog *cp_advance_dialog_new (GtkWindow *parent, const char *db_path, int year,
                                        gboolean read_only);

G_END_DECLS
