/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-document.h"

G_BEGIN_DECLS

/* The response of the message shown when no preview program is installed that opens the print
 * dialog with GTK's printer 打印到文件 chosen. */
#define CP_PRINT_RESPONSE_TO_FILE 1

/* A print operation of @document (A4, whole sheet, points) whose pages come from the same
 * paginating painter as its PDF. @document belongs to @owner, which the operation frees with
 * @owner_free when it is finalized (@owner may be @document itself). */
GtkPrintOperation *cp_print_operation_new (CpDocument *document,
                                           gpointer owner,
                                           GDestroyNotify owner_free);

/* The program GTK's print preview runs (the first word of the setting
 * gtk-print-preview-command of @parent's display), or NULL when none is set. Its preview
 * operations tell when this program is not installed and offer 打印到文件 instead. */
char *cp_print_preview_program (GtkWindow *parent);

G_END_DECLS
