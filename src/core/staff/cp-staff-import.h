/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import kinds of the staff domain: the roster (staff), annual grades (grades) and the pay
 * parameters per year with the facility standards (parameters). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers them (cp_import_registry_init() calls it). */
void cp_staff_import_register (void);

G_END_DECLS
