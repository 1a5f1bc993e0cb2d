/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-summary.h"

G_BEGIN_DECLS

/* A print operation of @summary (A4, whole sheet, points) whose pages come from the same
 * paginating painter as `export summary`. Takes ownership of @summary. */
GtkPrintOperation *cp_print_operation_new (CpSummary *summary);

G_END_DECLS
