/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A printed document: blocks in reading order (title, headings, paragraphs, key figures, tables,
 * charts, signature lines), laid out on pages by one paginating painter that serves the GTK
 * print operation and the PDF export alike. Sizes are in the cairo context's user units, taken
 * as points: a print operation sets GTK_UNIT_POINTS and passes gtk_print_context_get_width and
 * get_height. Each page has "第 N 页 共 M 页" at its foot. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cp-bar-chart.h"

G_BEGIN_DECLS

/* Width and height of an A4 page in points. */
#define CP_DOCUMENT_A4_WIDTH 595.28
#define CP_DOCUMENT_A4_HEIGHT 841.89

typedef struct _CpDocument CpDocument;

typedef struct
{
  const char *context; /* of the title's translation, or NULL */
  const char *title;   /* marked with N_ or NC_ */
  double share;        /* of the content width */
  gboolean numeric;    /* right-aligned */
} CpDocumentColumn;

/* The text of a table cell (newly allocated): row @row (-1 for the totals row) of @column. */
typedef char *(*CpDocumentCellFunc) (gconstpointer data, int row, guint column);

CpDocument *cp_document_new (void);
void cp_document_free (CpDocument *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpDocument, cp_document_free)

void cp_document_add_title (CpDocument *document, const char *text);
/* Small centred lines under the title, in the warning colour when @warn. */
void cp_document_add_subtitle (CpDocument *document, const char *text, gboolean warn);
/* A heading, kept on the page of what follows it. */
void cp_document_add_heading (CpDocument *document, const char *text);
void cp_document_add_paragraph (CpDocument *document, const char *text);
/* A key figure: a label and its value, side by side. */
void cp_document_add_figure (CpDocument *document, const char *label, const char *value);
/* A table of @n_rows rows (and a bold totals row when @totals) under a header of @columns (kept,
 * not copied). A header starts a page with at least three rows under it where there are three,
 * and shows again on each page the table goes on over. */
void cp_document_add_table (CpDocument *document, const CpDocumentColumn *columns,
                            guint n_columns, guint n_rows, gboolean totals,
                            CpDocumentCellFunc cell, gconstpointer cell_data);
/* @chart (kept, not copied) as wide as the text, @aspect times as high. */
void cp_document_add_chart (CpDocument *document, const CpBarChart *chart, double aspect);
/* The lines for "Prepared by", "Reviewed by" and the date. */
void cp_document_add_signatures (CpDocument *document);
/* Keeps the last block added on the page of the next one. */
void cp_document_keep_with_next (CpDocument *document);

/* Lays the document out on pages of @width × @height points measured with @cr; returns the
 * number of pages. Call again when the page size changes. */
int cp_document_paginate (CpDocument *document, cairo_t *cr, double width, double height);
/* Paints page @page (0-based) of the last pagination. */
void cp_document_paint_page (CpDocument *document, cairo_t *cr, int page);

/* Writes the whole document as an A4 PDF with embedded fonts, @title and @author in its
 * properties; no half-written file on failure or cancellation. */
gboolean cp_document_export_pdf (CpDocument *document, const char *out_path, const char *title,
                                 const char *author, GCancellable *cancellable, GError **error);

G_END_DECLS
