/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "cp-document.h"
#include "cp-error.h"
#include "cp-output.h"
#include "cp-report-style.h"

#define MARGIN_X 50.0
#define MARGIN_TOP 56.0
#define MARGIN_BOTTOM 64.0 /* the footer sits inside it */
#define FOOTER_FROM_BOTTOM 36.0
#define CELL_PAD 3.0
#define TITLE_SIZE 16.0
#define HEADING_SIZE 12.0
#define BODY_SIZE 10.0
#define TABLE_SIZE 8.5
#define SMALL_SIZE 9.0

typedef enum
{
  BLOCK_TITLE,
  BLOCK_SUBTITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_FIGURE, /* a key figure: label and value */
  BLOCK_TABLE_HEADER,
  BLOCK_TABLE_ROW,
  BLOCK_CHART,
  BLOCK_SIGNATURES,
} BlockKind;

typedef struct
{
  BlockKind kind;
  int table;     /* of table blocks */
  int row;       /* of table rows; -1 for the totals */
  char *text;    /* title, heading, paragraph, figure label */
  char *value;   /* figure value */
  gboolean warn; /* of a subtitle: in the warning colour */
  const CpBarChart *chart;
  double aspect; /* of a chart: its height over its width */
  double height; /* measured by the last pagination, space after included */
  gboolean keep_with_next;
} Block;

typedef struct
{
  const CpDocumentColumn *columns;
  guint n_columns;
  CpDocumentCellFunc cell;
  gconstpointer cell_data;
  guint header_block;
} Table;

typedef struct
{
  guint block;
  double y;
} Placement;

struct _CpDocument
{
  GArray *blocks; /* Block: the content, in reading order */
  GArray *tables; /* Table */

  /* The last pagination. */
  double width, height;
  GArray *placements; /* Placement, page after page */
  GArray *page_first; /* index of each page's first placement, and one past the last */
};

static const CpRgb ink = { 0.1, 0.1, 0.12 };
static const CpRgb muted = { 0.37, 0.36, 0.39 };
static const CpRgb warn = { 0.63, 0.24, 0.0 };
static const CpRgb rule = { 0.62, 0.62, 0.62 };
static const CpRgb header_fill = { 0.90, 0.91, 0.93 };
static const CpRgb totals_fill = { 0.95, 0.95, 0.95 };

/* Content */

static void
block_clear (Block *block)
{
  g_free (block->text);
  g_free (block->value);
}

CpDocument *
cp_document_new (void)
{
  CpDocument *document = g_new0 (CpDocument, 1);

  document->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (document->blocks, (GDestroyNotify) block_clear);
  document->tables = g_array_new (FALSE, TRUE, sizeof (Table));
  document->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  document->page_first = g_array_new (FALSE, FALSE, sizeof (guint));
  return document;
}

void
cp_document_free (CpDocument *document)
{
  if (document == NULL)
    return;
  g_clear_pointer (&document->blocks, g_array_unref);
  g_clear_pointer (&document->tables, g_array_unref);
  g_clear_pointer (&document->placements, g_array_unref);
  g_clear_pointer (&document->page_first, g_array_unref);
  g_free (document);
}

static Block *
add_block (CpDocument *document, BlockKind kind, const char *text)
{
  Block block = { .kind = kind, .text = g_strdup (text) };

  g_array_append_val (document->blocks, block);
  return &g_array_index (document->blocks, Block, document->blocks->len - 1);
}

void
cp_document_add_title (CpDocument *document, const char *text)
{
  g_return_if_fail (document != NULL);
  add_block (document, BLOCK_TITLE, text);
}

void
cp_document_add_subtitle (CpDocument *document, const char *text, gboolean in_warning)
{
  g_return_if_fail (document != NULL);
  add_block (document, BLOCK_SUBTITLE, text)->warn = in_warning;
}

void
cp_document_add_heading (CpDocument *document, const char *text)
{
  g_return_if_fail (document != NULL);
  add_block (document, BLOCK_HEADING, text)->keep_with_next = TRUE;
}

void
cp_document_add_paragraph (CpDocument *document, const char *text)
{
  g_return_if_fail (document != NULL);
  add_block (document, BLOCK_PARAGRAPH, text);
}

void
cp_document_add_figure (CpDocument *document, const char *label, const char *value)
{
  g_return_if_fail (document != NULL);
  add_block (document, BLOCK_FIGURE, label)->value = g_strdup (value);
}

void
cp_document_add_table (CpDocument *document, const CpDocumentColumn *columns, guint n_columns,
                       guint n_rows, gboolean totals, CpDocumentCellFunc cell,
                       gconstpointer cell_data)
{
  g_return_if_fail (document != NULL && columns != NULL && n_columns > 0 && cell != NULL);

  Table table = {
    .columns = columns,
    .n_columns = n_columns,
    .cell = cell,
    .cell_data = cell_data,
    .header_block = document->blocks->len,
  };
  int index = (int) document->tables->len;
  g_array_append_val (document->tables, table);

  Block *header = add_block (document, BLOCK_TABLE_HEADER, NULL);
  header->table = index;
  header->keep_with_next = TRUE;
  for (guint i = 0; i < n_rows; i++)
    {
      Block *row = add_block (document, BLOCK_TABLE_ROW, NULL);
      row->table = index;
      row->row = (int) i;
      /* A header starts a page with at least three rows under it, where there are three. */
      row->keep_with_next = i < 2 && i + 1 < n_rows;
    }
  if (totals)
    {
      Block *row = add_block (document, BLOCK_TABLE_ROW, NULL);
      row->table = index;
      row->row = -1;
    }
}

void
cp_document_add_chart (CpDocument *document, const CpBarChart *chart, double aspect)
{
  g_return_if_fail (document != NULL && chart != NULL);

  Block *block = add_block (document, BLOCK_CHART, NULL);
  block->chart = chart;
  block->aspect = aspect;
}

void
cp_document_add_signatures (CpDocument *document)
{
  g_return_if_fail (document != NULL);
  add_block (document, BLOCK_SIGNATURES, NULL);
}

void
cp_document_keep_with_next (CpDocument *document)
{
  g_return_if_fail (document != NULL && document->blocks->len > 0);
  g_array_index (document->blocks, Block, document->blocks->len - 1).keep_with_next = TRUE;
}

static const Table *
table_of (const CpDocument *document, const Block *block)
{
  return &g_array_index (document->tables, Table, block->table);
}

/* Text */

/* A layout of @text at @size points, @width wide (wrapped, or ellipsized when @one_line);
 * @align is a PangoAlignment. */
static PangoLayout *
text_new (PangoContext *context, const char *text, double size, gboolean bold, double width,
          gboolean one_line, PangoAlignment align)
{
  PangoLayout *layout = cp_report_layout_new (context, text, size, bold);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (one_line)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
text_height (PangoContext *context, const char *text, double size, gboolean bold, double width)
{
  g_autoptr (PangoLayout) layout = text_new (context, text, size, bold, width, FALSE,
                                             PANGO_ALIGN_LEFT);
  return layout_height (layout);
}

static void
show (cairo_t *cr, PangoLayout *layout, double x, double y, const CpRgb *rgb)
{
  cp_report_set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Measuring */

static double
content_width (const CpDocument *document)
{
  return MAX (100.0, document->width - 2 * MARGIN_X);
}

static const char *
column_title (const CpDocumentColumn *column)
{
  return column->context != NULL ? g_dpgettext2 (NULL, column->context, column->title)
                                 : _(column->title);
}

static double
header_height (PangoContext *context, const CpDocument *document, const Table *table)
{
  double tallest = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      double width = table->columns[c].share * content_width (document) - 2 * CELL_PAD;
      const char *title = column_title (&table->columns[c]);
      tallest = MAX (tallest, text_height (context, title, TABLE_SIZE, TRUE, width));
    }
  return tallest + 2 * CELL_PAD;
}

static double
figure_height (PangoContext *context, const CpDocument *document, const Block *block)
{
  double width = content_width (document);

  return MAX (text_height (context, block->text, BODY_SIZE, FALSE, width * 0.36),
              text_height (context, block->value, BODY_SIZE, TRUE, width * 0.62))
         + 4;
}

static double
block_height (PangoContext *context, const CpDocument *document, const Block *block,
              double row_height)
{
  double width = content_width (document);

  switch (block->kind)
    {
    case BLOCK_TITLE:
      return text_height (context, block->text, TITLE_SIZE, TRUE, width) + 6;
    case BLOCK_SUBTITLE:
      return text_height (context, block->text, SMALL_SIZE, FALSE, width) + 10;
    case BLOCK_HEADING:
      return 12 + text_height (context, block->text, HEADING_SIZE, TRUE, width) + 6;
    case BLOCK_PARAGRAPH:
      return text_height (context, block->text, BODY_SIZE, FALSE, width) + 6;
    case BLOCK_FIGURE:
      return figure_height (context, document, block);
    case BLOCK_TABLE_HEADER:
      return header_height (context, document, table_of (document, block));
    case BLOCK_TABLE_ROW:
      return row_height;
    case BLOCK_CHART:
      return width * block->aspect + 6;
    case BLOCK_SIGNATURES:
    default:
      return 36 + text_height (context, _("Prepared by:"), BODY_SIZE, FALSE, width) + 4;
    }
}

static void
measure_blocks (PangoContext *context, CpDocument *document)
{
  double line = text_height (context, "Ag 平方", TABLE_SIZE, FALSE, content_width (document));
  double row_height = line + 2 * CELL_PAD;

  for (guint i = 0; i < document->blocks->len; i++)
    {
      Block *block = &g_array_index (document->blocks, Block, i);
      block->height = block_height (context, document, block, row_height);
    }
}

/* Pagination */

/* The height a block needs on its page: itself and the blocks it is kept with. */
static double
height_kept_together (const CpDocument *document, guint index)
{
  double height = 0;

  for (guint i = index; i < document->blocks->len; i++)
    {
      const Block *block = &g_array_index (document->blocks, Block, i);
      height += block->height;
      if (!block->keep_with_next)
        break;
    }
  return height;
}

static void
place (CpDocument *document, guint block, double y)
{
  Placement placement = { .block = block, .y = y };
  g_array_append_val (document->placements, placement);
}

static void
start_page (CpDocument *document)
{
  guint first = document->placements->len;
  g_array_append_val (document->page_first, first);
}

int
cp_document_paginate (CpDocument *document, cairo_t *cr, double width, double height)
{
  g_return_val_if_fail (document != NULL && cr != NULL, 0);

  PangoContext *context = cp_report_context_new_for (cr);
  double top = MARGIN_TOP, bottom = height - MARGIN_BOTTOM, y = top;

  document->width = width;
  document->height = height;
  g_array_set_size (document->placements, 0);
  g_array_set_size (document->page_first, 0);
  measure_blocks (context, document);
  g_object_unref (context);

  start_page (document);
  for (guint i = 0; i < document->blocks->len; i++)
    {
      const Block *block = &g_array_index (document->blocks, Block, i);
      if (y > top && y + height_kept_together (document, i) > bottom)
        {
          start_page (document);
          y = top;
          /* A table that goes on shows its header row again. */
          if (block->kind == BLOCK_TABLE_ROW)
            {
              guint header = table_of (document, block)->header_block;
              place (document, header, y);
              y += g_array_index (document->blocks, Block, header).height;
            }
        }
      place (document, i, y);
      y += block->height;
    }
  guint end = document->placements->len;
  g_array_append_val (document->page_first, end);
  return (int) document->page_first->len - 1;
}

/* Painting */

static void
paint_row_rules (cairo_t *cr, const CpDocument *document, const Table *table, double y,
                 double height, gboolean header)
{
  double x = MARGIN_X, width = content_width (document);

  cairo_set_line_width (cr, header ? 0.8 : 0.3);
  cp_report_set_rgb (cr, header ? &ink : &rule);
  cairo_move_to (cr, x, y + height);
  cairo_line_to (cr, x + width, y + height);
  cairo_stroke (cr);
  if (header)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + width, y);
      cairo_stroke (cr);
    }
  cairo_set_line_width (cr, 0.3);
  cp_report_set_rgb (cr, &rule);
  for (guint c = 1; c < table->n_columns; c++)
    {
      x += table->columns[c - 1].share * width;
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y + height);
      cairo_stroke (cr);
    }
}

static void
paint_table_block (cairo_t *cr, PangoContext *context, const CpDocument *document,
                   const Block *block, double y)
{
  gboolean header = block->kind == BLOCK_TABLE_HEADER, totals = !header && block->row < 0;
  double x = MARGIN_X, width = content_width (document);
  const Table *table = table_of (document, block);

  if (header || totals)
    {
      cairo_rectangle (cr, x, y, width, block->height);
      cp_report_set_rgb (cr, header ? &header_fill : &totals_fill);
      cairo_fill (cr);
    }
  for (guint c = 0; c < table->n_columns; c++)
    {
      const CpDocumentColumn *column = &table->columns[c];
      double cell = column->share * width;
      g_autofree char *text = header ? g_strdup (column_title (column))
                                     : table->cell (table->cell_data, block->row, c);
      PangoAlignment align = header            ? PANGO_ALIGN_CENTER
                             : column->numeric ? PANGO_ALIGN_RIGHT
                                               : PANGO_ALIGN_LEFT;
      g_autoptr (PangoLayout) layout = text_new (context, text, TABLE_SIZE, header || totals,
                                                 cell - 2 * CELL_PAD, !header, align);
      double text_y = y + (block->height - layout_height (layout)) / 2;
      show (cr, layout, x + CELL_PAD, text_y, &ink);
      x += cell;
    }
  paint_row_rules (cr, document, table, y, block->height, header);
}

static void
paint_figure (cairo_t *cr, PangoContext *context, const CpDocument *document, const Block *block,
              double y)
{
  double width = content_width (document);
  g_autoptr (PangoLayout) label = text_new (context, block->text, BODY_SIZE, FALSE, width * 0.36,
                                            FALSE, PANGO_ALIGN_LEFT);
  g_autoptr (PangoLayout) value = text_new (context, block->value, BODY_SIZE, TRUE, width * 0.62,
                                            FALSE, PANGO_ALIGN_LEFT);

  show (cr, label, MARGIN_X + 12, y, &muted);
  show (cr, value, MARGIN_X + width * 0.38, y, &ink);
}

static void
paint_signatures (cairo_t *cr, PangoContext *context, const CpDocument *document, double y)
{
  const char *labels[] = { _("Prepared by:"), _("Reviewed by:"), _("Date:") };
  double width = content_width (document), third = width / 3;

  y += 36;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr (PangoLayout) label = text_new (context, labels[i], BODY_SIZE, FALSE, third,
                                                TRUE, PANGO_ALIGN_LEFT);
      PangoRectangle extents;
      double x = MARGIN_X + i * third;
      pango_layout_get_pixel_extents (label, NULL, &extents);
      show (cr, label, x, y, &ink);
      double baseline = y + pango_layout_get_baseline (label) / (double) PANGO_SCALE + 2;
      cairo_set_line_width (cr, 0.6);
      cp_report_set_rgb (cr, &ink);
      cairo_move_to (cr, x + extents.width + 2, baseline);
      cairo_line_to (cr, x + third - 14, baseline);
      cairo_stroke (cr);
    }
}

static void
paint_chart (cairo_t *cr, const CpDocument *document, const Block *block, double y)
{
  double width = content_width (document);

  cairo_save (cr);
  cairo_translate (cr, MARGIN_X, y);
  cp_bar_chart_paint (cr, block->chart, width, width * block->aspect);
  cairo_restore (cr);
}

static void
paint_text_block (cairo_t *cr, PangoContext *context, const CpDocument *document,
                  const Block *block, double y)
{
  double width = content_width (document);
  double size = BODY_SIZE, offset = 0;
  gboolean bold = FALSE;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  const CpRgb *rgb = &ink;

  if (block->kind == BLOCK_TITLE)
    size = TITLE_SIZE, bold = TRUE, align = PANGO_ALIGN_CENTER;
  else if (block->kind == BLOCK_SUBTITLE)
    size = SMALL_SIZE, align = PANGO_ALIGN_CENTER, rgb = block->warn ? &warn : &muted;
  else if (block->kind == BLOCK_HEADING)
    size = HEADING_SIZE, bold = TRUE, offset = 12;
  g_autoptr (PangoLayout) layout = text_new (context, block->text, size, bold, width, FALSE,
                                             align);
  show (cr, layout, MARGIN_X, y + offset, rgb);
}

static void
paint_block (cairo_t *cr, PangoContext *context, const CpDocument *document, const Block *block,
             double y)
{
  switch (block->kind)
    {
    case BLOCK_FIGURE:
      paint_figure (cr, context, document, block, y);
      break;
    case BLOCK_TABLE_HEADER:
    case BLOCK_TABLE_ROW:
      paint_table_block (cr, context, document, block, y);
      break;
    case BLOCK_CHART:
      paint_chart (cr, document, block, y);
      break;
    case BLOCK_SIGNATURES:
      paint_signatures (cr, context, document, y);
      break;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_PARAGRAPH:
    default:
      paint_text_block (cr, context, document, block, y);
      break;
    }
}

static void
paint_footer (cairo_t *cr, PangoContext *context, const CpDocument *document, int page,
              int n_pages)
{
  g_autofree char *text = g_strdup_printf (_("Page %d of %d"), page + 1, n_pages);
  g_autoptr (PangoLayout) layout = text_new (context, text, SMALL_SIZE, FALSE,
                                             content_width (document), TRUE, PANGO_ALIGN_CENTER);

  show (cr, layout, MARGIN_X, document->height - FOOTER_FROM_BOTTOM, &muted);
}

void
cp_document_paint_page (CpDocument *document, cairo_t *cr, int page)
{
  g_return_if_fail (document != NULL && cr != NULL);

  int n_pages = (int) document->page_first->len - 1;
  g_return_if_fail (page >= 0 && page < n_pages);

  PangoContext *context = cp_report_context_new_for (cr);
  guint first = g_array_index (document->page_first, guint, page);
  guint end = g_array_index (document->page_first, guint, page + 1);

  cairo_save (cr);
  for (guint i = first; i < end; i++)
    {
      const Placement *p = &g_array_index (document->placements, Placement, i);
      paint_block (cr, context, document, &g_array_index (document->blocks, Block, p->block),
                   p->y);
    }
  paint_footer (cr, context, document, page, n_pages);
  cairo_restore (cr);
  g_object_unref (context);
}

/* PDF */

static void
set_metadata (cairo_surface_t *surface, const char *title, const char *author)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  _("Community Service Planner"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* Draws every page into @output; returns the first failure of cairo (a failed write included).
 * Stops early, setting @cancelled, when @cancellable is cancelled. */
static cairo_status_t
write_pdf (CpDocument *document, const char *title, const char *author, CpOutput *output,
           GCancellable *cancellable, gboolean *cancelled)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
      cp_output_write, output, CP_DOCUMENT_A4_WIDTH, CP_DOCUMENT_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  set_metadata (surface, title, author);
  int n_pages = cp_document_paginate (document, cr, CP_DOCUMENT_A4_WIDTH, CP_DOCUMENT_A4_HEIGHT);
  for (int page = 0; page < n_pages && !*cancelled; page++)
    {
      *cancelled = g_cancellable_is_cancelled (cancellable);
      if (!*cancelled)
        {
          cp_document_paint_page (document, cr, page);
          cairo_show_page (cr);
        }
    }
  return cp_output_close_surface (cr, surface, CAIRO_STATUS_SUCCESS);
}

gboolean
cp_document_export_pdf (CpDocument *document, const char *out_path, const char *title,
                        const char *author, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (document != NULL && out_path != NULL, FALSE);

  CpOutput *output = cp_output_begin (out_path, error);
  if (output == NULL)
    return FALSE;
  gboolean cancelled = FALSE;
  cairo_status_t status = write_pdf (document, title, author, output, cancellable, &cancelled);
  if (cancelled)
    {
      cp_output_finish (output, FALSE, NULL);
      return cp_set_error (error, CP_ERROR_CANCELLED, _("The export was cancelled."));
    }
  return cp_output_finish_cairo (output, status, error);
}
