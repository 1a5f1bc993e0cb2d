/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Edits the standards in force in one year, with where they come from. */
#pragma once

#include <gtk/gtk.h>

#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_STANDARDS_DIALOG (cp_standards_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpStandardsDialog, cp_standards_dialog, CP, STANDARDS_DIALOG, GtkWindow)

/* @store is borrowed and must outlive the dialog; read-only stores show the values only.
 * Emits "saved" after recording them. */
CpStandardsDialog *cp_standards_dialog_new (GtkWindow *parent, CpStore *store, int year);

G_END_DECLS
