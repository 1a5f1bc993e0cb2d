/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output files are written whole or not at all: to a temporary part file beside the target,
 * renamed over it at the end, deleted on failure or cancellation.
 *
 * A part file is named ".NAME.XXXXXXXX.part" (8 lowercase hex digits) and stays locked with
 * flock() for as long as its writer lives. A writer killed half-way leaves its part behind,
 * unlocked; the next export to the same NAME removes every such unlocked part of that NAME
 * (nothing else: not other names, not locked parts of a running export). */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _CpOutput CpOutput;

/* Removes stale parts of @out_path, then creates, locks and returns a new empty one. */
CpOutput *cp_output_begin (const char *out_path, GError **error);

/* The part file's path, for writers that open it by name (libxlsxwriter). */
const char *cp_output_get_temp_path (CpOutput *output);

/* A cairo_write_func_t: writes @data to the part (buffered). After the first failure it
 * writes nothing more and returns CAIRO_STATUS_WRITE_ERROR; cp_output_finish() reports it. */
cairo_status_t cp_output_write (void *output, const unsigned char *data, unsigned int length);

/* Ends @output and frees it. When @ok and every cp_output_write() succeeded, renames the part
 * over the target; otherwise (or when that fails) deletes the part. A failed write is reported
 * here, as "Cannot write OUT: the disk is full…", in @error (when the caller has not set it).
 * Returns whether the target now holds the new file. */
gboolean cp_output_finish (CpOutput *output, gboolean ok, GError **error);

/* Ends drawing on @surface (which writes to an output through cp_output_write()): destroys @cr,
 * finishes and destroys @surface, and returns the first failure of the context or the surface.
 * cairo 1.16 loses a write error of a PDF's last part (its fonts) while finishing;
 * cp_output_write() keeps it, and cp_output_finish_cairo() reports it. */
cairo_status_t cp_output_close_surface (cairo_t *cr, cairo_surface_t *surface,
                                        cairo_status_t status);

/* cp_output_finish() after drawing with cairo: @status is that of the context and surface; a
 * failed write is reported before it. */
gboolean cp_output_finish_cairo (CpOutput *output, cairo_status_t status, GError **error);

G_END_DECLS
