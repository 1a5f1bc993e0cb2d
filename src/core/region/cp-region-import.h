/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import kinds of the region domain: townships and communities. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers them (cp_import_registry_init() calls it). */
void cp_region_import_register (void);

G_END_DECLS
