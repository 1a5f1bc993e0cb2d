/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The GtkApplication: app.* actions (quit, about, shortcuts) and the window on activate. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CP_TYPE_APPLICATION (cp_application_get_type ())
G_DECLARE_FINAL_TYPE (CpApplication, cp_application, CP, APPLICATION, GtkApplication)

/* @db_path: the database to open (--db), or NULL for the last file or the default one. */
CpApplication *cp_application_new (const char *db_path);

G_END_DECLS
