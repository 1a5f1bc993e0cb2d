/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adds or edits one facility. Every field is validated as it is typed, through
 * cp_facility_validate(); the message shows next to the field and Save stays insensitive while
 * anything is invalid, so nothing invalid reaches the store. */
#pragma once

#include <gtk/gtk.h>

#include "cp-store.h"
#include "cp-facility.h"

G_BEGIN_DECLS

#define CP_TYPE_FACILITY_DIALOG (cp_facility_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpFacilityDialog, cp_facility_dialog, CP, FACILITY_DIALOG, GtkWindow)

/* @facility: the one to edit (id > 0), or the defaults of a new one (id 0, community_id set).
 * @store is borrowed and must outlive the dialog. Emits "saved" after saving, with the community
 * id, the record as it was (const CpFacility *: id 0 for a new one; all its fields for an edited
 * one) and the record saved (const CpFacility *, its id set); both live during the emission. */
CpFacilityDialog *cp_facility_dialog_new (GtkWindow *parent,
                                          CpStore *store,
                                          const CpFacility *facility,
                                          const char *community_name);

G_END_DECLS
