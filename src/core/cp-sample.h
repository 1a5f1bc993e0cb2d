/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deterministic sample data: the 17 real township-level units of 蛟河市 with invented
 * communities, villages and facilities, the same bytes on every run for the same scale, with at
 * least one case of every rule violation; invented names are marked as sample data. */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

/* Writes the sample into an empty @store; @scale repeats the county (1 = 蛟河市 itself). The
 * same @scale gives the same content on every run. */
gboolean cp_sample_write (CpStore *store, guint scale, GCancellable *cancellable, GError **error);

G_END_DECLS
