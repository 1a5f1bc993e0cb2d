/* SPDX-License-Identifier: GPL-3.0-or-later */
/* 设施规划: the communities and their facility check in one year, the selected community's
 * facilities (add, edit, delete with undo), the year's standards and the township chart. */
#pragma once

#include <gtk/gtk.h>

#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_FACILITY_PAGE (cp_facility_page_get_type ())
G_DECLARE_FINAL_TYPE (CpFacilityPage, cp_facility_page, CP, FACILITY_PAGE, GtkBox)

/* @store is borrowed: the window keeps it open while it is set; NULL before closing it. */
void cp_facility_page_set_store (CpFacilityPage *self, CpStore *store);
void cp_facility_page_set_year (CpFacilityPage *self, int year);
/* Reads everything again (after an import). */
void cp_facility_page_reload (CpFacilityPage *self);
void cp_facility_page_focus_search (CpFacilityPage *self);

G_END_DECLS
