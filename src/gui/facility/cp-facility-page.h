/* SPDX-License-Identifier: GPL-3.0-or-later */
/* 设施规划: the communities and their facility check in one year, the selected community's
 * facilities (add, edit, delete with undo), the year's standards and the township chart. */
#pragma once

#include <gtk/gtk.h>

#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_FACILITY_PAGE (cp_facility_page_get_type ())
G_DECLARE_FINAL_TYPE (CpFacilityPage, cp_facility_page, CP, FACILITY_PAGE, GtkBox)

/* A CpPage. */
CpPage *cp_facility_page_new (void);

G_END_DECLS
