/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-document.h"

G_BEGIN_DECLS

/* A print operation of @document (A4, whole sheet, points) whose pages come from the same
 * paginating painter as its PDF. @document belongs to @owner, which the operation frees with
 * @owner_free when it is finalized (@owner may be @document itself). */
GtkPrintOperation *cp_print_operation_new (CpDocument *document,
                                           gpointer owner,
                                           GDestroyNotify owner_free);

G_END_DECLS
