/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The look shared by every drawn report (chart, document; screen, PNG, SVG, PDF, printer): one
 * font, colours, and text measured and drawn without hinting, so that sizes do not depend on the
 * surface or the scale and what was measured is what is painted. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Chinese text in PNG and PDF needs a CJK font named explicitly: then PNG, SVG and PDF carry the
 * same face on every machine, and a PDF embeds it and prints the same everywhere. */
#define CP_REPORT_FONT "Noto Sans CJK SC"

typedef struct
{
  double r, g, b;
} CpRgb;

/* Makes @rgb the source of @cr. */
void cp_report_set_rgb (cairo_t *cr, const CpRgb *rgb);

/* Turns hinting off on @context. */
void cp_report_context_unhint (PangoContext *context);

/* An unhinted context of the default font map, for measuring without a cairo context. */
PangoContext *cp_report_context_new (void);

/* An unhinted context for drawing on @cr. */
PangoContext *cp_report_context_new_for (cairo_t *cr);

/* A layout of @text in the report font at @size points (absolute), bold or not. */
PangoLayout *cp_report_layout_new (PangoContext *context, const char *text, double size,
                                   gboolean bold);

/* The logical size of @layout in user units; either pointer may be NULL. */
void cp_report_layout_size (PangoLayout *layout, double *width, double *height);

G_END_DECLS
