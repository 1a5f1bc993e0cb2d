/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One community of the facility list, as the list shows it in one year. Built only by
 * CpCommunityModel's get_item, from its page cache. */
#pragma once

#include <glib-object.h>

#include "cp-facility-check.h"

G_BEGIN_DECLS

#define CP_TYPE_COMMUNITY_ROW (cp_community_row_get_type ())
G_DECLARE_FINAL_TYPE (CpCommunityRow, cp_community_row, CP, COMMUNITY_ROW, GObject)

/* The list's columns, in the order shown. */
typedef enum
{
  CP_COLUMN_CODE,
  CP_COLUMN_TOWNSHIP,
  CP_COLUMN_NAME,
  CP_COLUMN_KIND,
  CP_COLUMN_HOUSEHOLDS,
  CP_COLUMN_REQUIRED,
  CP_COLUMN_ACTUAL,
  CP_COLUMN_SHORTFALL,
  CP_COLUMN_RESULT,
  CP_N_COLUMNS
} CpColumn;

CpCommunityRow *cp_community_row_new (gint64 id);
/* Takes the figures of @row (its strings are copied). */
void cp_community_row_update (CpCommunityRow *self, const CpCheckRow *row);

gint64 cp_community_row_get_id (CpCommunityRow *self);
const char *cp_community_row_get_code (CpCommunityRow *self);
const char *cp_community_row_get_name (CpCommunityRow *self);
const char *cp_community_row_get_township (CpCommunityRow *self);
CpCommunityKind cp_community_row_get_kind (CpCommunityRow *self);
gboolean cp_community_row_is_relocation_site (CpCommunityRow *self);
gint64 cp_community_row_get_households (CpCommunityRow *self);
const CpCommunityResult *cp_community_row_get_result (CpCommunityRow *self);
gboolean cp_community_row_is_compliant (CpCommunityRow *self);
/* "Compliant", or "Falls short: " and the broken rules, translated. */
char *cp_community_row_dup_result_text (CpCommunityRow *self);
/* The text of @column's cell. */
char *cp_community_row_dup_cell_text (CpCommunityRow *self, CpColumn column);

G_END_DECLS
