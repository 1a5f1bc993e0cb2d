/* SPDX-License-Identifier: GPL-3.0-or-later */
/* 三岗十八级: the roster of community workers in one year (filtered by township, community, post
 * and status, searched by name or the last digits of the identity number, shown masked); the
 * selected person's levels, this month's pay slip, leave, retirement and agreement; add, edit and
 * delete; the year's pay parameters; the advancement of next January, applied in one step that
 * can be undone; and the charts of staff by post and level and of pay cost per township. */
#pragma once

#include <gtk/gtk.h>

#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_STAFF_PAGE (cp_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (CpStaffPage, cp_staff_page, CP, STAFF_PAGE, GtkBox)

/* A CpPage. */
CpPage *cp_staff_page_new (void);

G_END_DECLS
