/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One person of the 三岗十八级 roster list, as the list shows them in one year. Built only by
 * CpStaffModel's get_item, from its page cache. (Named "roster row": CpStaffRow is the store's
 * struct of one person in a year, which this item copies.) */
#pragma once

#include <glib-object.h>

#include "cp-staff-store.h"

G_BEGIN_DECLS

#define CP_TYPE_ROSTER_ROW (cp_roster_row_get_type ())
G_DECLARE_FINAL_TYPE (CpRosterRow, cp_roster_row, CP, ROSTER_ROW, GObject)

/* The list's columns, in the order shown. */
typedef enum
{
  CP_ROSTER_COLUMN_NAME,
  CP_ROSTER_COLUMN_ID_NUMBER,
  CP_ROSTER_COLUMN_COMMUNITY,
  CP_ROSTER_COLUMN_POST,
  CP_ROSTER_COLUMN_LEVEL,
  CP_ROSTER_COLUMN_GRADE,
  CP_ROSTER_COLUMN_STATUS,
  CP_ROSTER_COLUMN_GRID_ROLE,
  CP_ROSTER_COLUMN_SERVICE_START,
  CP_N_ROSTER_COLUMNS
} CpRosterColumn;

CpRosterRow *cp_roster_row_new (gint64 id);
/* Takes a copy of @row (its strings and its person). */
void cp_roster_row_update (CpRosterRow *self, const CpStaffRow *row);

gint64 cp_roster_row_get_id (CpRosterRow *self);
/* Whether the row was read (FALSE while its page is not loaded or could not be read). */
gboolean cp_roster_row_is_loaded (CpRosterRow *self);
/* The person (strings owned by the row). */
const CpStaff *cp_roster_row_get_staff (CpRosterRow *self);
const char *cp_roster_row_get_community (CpRosterRow *self);
const char *cp_roster_row_get_township (CpRosterRow *self);
int cp_roster_row_get_level (CpRosterRow *self);
CpGrade cp_roster_row_get_grade (CpRosterRow *self);
/* The agreement, or NULL when the person has none. */
const CpAgreement *cp_roster_row_get_agreement (CpRosterRow *self);
/* What the pay rules take from the row. */
void cp_roster_row_pay_person (CpRosterRow *self, CpPayPerson *out);
/* The text of @column's cell (the identity number masked). */
char *cp_roster_row_dup_cell_text (CpRosterRow *self, CpRosterColumn column);

G_END_DECLS
