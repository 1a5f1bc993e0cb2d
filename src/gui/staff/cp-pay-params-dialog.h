/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pay parameters of one year (DOMAIN.md §2), the 18-level coefficient table among them: each
 * with its value in force and where that comes from (a sample value and its source, set for the
 * year, or carried over from an earlier year). Values are checked as typed
 * (cp_pay_param_parse_value(), then cp_pay_params_validate()); Save records the changed ones for
 * the year in one transaction. */
#pragma once

#include <gtk/gtk.h>

#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_PAY_PARAMS_DIALOG (cp_pay_params_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpPayParamsDialog, cp_pay_params_dialog, CP, PAY_PARAMS_DIALOG, GtkWindow)

/* @store is borrowed and must outlive the dialog. Emits "saved" after saving. */
CpPayParamsDialog *cp_pay_params_dialog_new (GtkWindow *parent, CpStore *store, int year);

G_END_DECLS
