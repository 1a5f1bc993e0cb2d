/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import kind of the facility domain: facilities. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers it (cp_import_registry_init() calls it). */
void cp_facility_import_register (void);

G_END_DECLS
