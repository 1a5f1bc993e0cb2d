/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: header bar, year, banners for sample data and read-only files, the pages,
 * and the progress bar of long work. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CP_TYPE_WINDOW (cp_window_get_type ())
G_DECLARE_FINAL_TYPE (CpWindow, cp_window, CP, WINDOW, GtkApplicationWindow)

CpWindow *cp_window_new (GtkApplication *application);

/* Opens @path (NULL: the default database, created with the sample on the very first start);
 * on failure the window keeps what it showed and says why. */
gboolean cp_window_open (CpWindow *self, const char *path);

G_END_DECLS
