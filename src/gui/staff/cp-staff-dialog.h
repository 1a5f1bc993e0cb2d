/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adds or edits one person of the roster. Every field is validated as it is typed: the identity
 * number by cp_id_number_check() (a wrong check character is named with the expected one, next
 * to the field; the birth date, gender and retirement month it gives are shown under it), dates,
 * the level against the post's range in the year (with the entry level the rules suggest), the
 * service agreement (its expiry empty or on or after its start), the monthly special deduction
 * (an amount in yuan with at most two decimals, up to CP_SPECIAL_DEDUCTION_MAX_FEN), the rest by
 * cp_staff_validate(). Save stays insensitive while anything is invalid. The grade of the year
 * (the year before's is shown) and the latest agreement are edited here too; Save writes the
 * person, level, grade and agreement in one transaction. */
#pragma once

#include <gtk/gtk.h>

#include "cp-staff-store.h"

G_BEGIN_DECLS

#define CP_TYPE_STAFF_DIALOG (cp_staff_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpStaffDialog, cp_staff_dialog, CP, STAFF_DIALOG, GtkWindow)

/* @staff: the person to edit (id > 0) or the defaults of a new one (id 0), with @level their
 * level in @year and @township_id the township their community lies in (0: the first). @store
 * is borrowed and must outlive the dialog. Emits "saved" (the person's id) after saving. */
CpStaffDialog *cp_staff_dialog_new (GtkWindow *parent, CpStore *store, int year,
                                    const CpStaff *staff, int level, gint64 township_id);

G_END_DECLS
