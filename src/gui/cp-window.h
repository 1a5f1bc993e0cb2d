/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: header bar, year, banners for sample data and read-only files, the pages,
 * and the progress bar of long work. It names no domain: each page (a CpPage) gets the database
 * and the year, and the window sends export, print, import, find and reload to the visible one. */
#pragma once

#include <gtk/gtk.h>

#include "cp-page.h"

G_BEGIN_DECLS

#define CP_TYPE_WINDOW (cp_window_get_type ())
G_DECLARE_FINAL_TYPE (CpWindow, cp_window, CP, WINDOW, GtkApplicationWindow)

CpWindow *cp_window_new (GtkApplication *application);

/* Adds @page (floating reference taken) after the others, with its name and title. */
void cp_window_add_page (CpWindow *self, CpPage *page);

/* Opens @path (NULL: the default database, created with the sample on the very first start);
 * on failure the window keeps what it showed and says why. */
gboolean cp_window_open (CpWindow *self, const char *path);

G_END_DECLS
