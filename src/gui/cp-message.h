/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's messages: a modal dialog with a primary line and the details under it (long
 * details, such as an import's problems, scroll and can be copied). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cp_message_show (GtkWidget *widget,
                      GtkMessageType type,
                      const char *primary,
                      const char *secondary);
/* @text with square metres as the window writes them, "㎡" after a no-break space: the messages
 * of core are shared with the command line and the reports, whose Chinese says "平方米". */
char *cp_message_window_units (const char *text);
/* An error message over @widget's window: @primary, then @error's lines. */
void cp_message_show_error (GtkWidget *widget, const char *primary, const GError *error);

G_END_DECLS
