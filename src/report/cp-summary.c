/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "cp-chart.h"
#include "cp-check.h"
#include "cp-output.h"
#include "cp-report-text.h"
#include "cp-summary.h"

/* Named explicitly so that the PDF embeds this face and prints the same everywhere. */
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
#define CHART_ASPECT 0.62

typedef struct
{
  char *code;
  char *name;
  char *township;
  gint64 households;
  double required_m2;
  double actual_m2;
  double shortfall_m2;
} Shortfall;

enum
{
  TABLE_TOWNSHIPS,
  TABLE_SHORTFALLS,
  N_TABLES
};

typedef struct
{
  const char *context; /* of the title's translation, or NULL */
  const char *title;   /* N_() or NC_() */
  double share;        /* of the content width */
  gboolean numeric;    /* right-aligned */
} Column;

#define N_COLUMNS 8

static const Column table_columns[N_TABLES][N_COLUMNS] = {
  [TABLE_TOWNSHIPS] = {
    { NULL, N_("Township"), 0.13, FALSE },
    { "column of a count", NC_ ("column of a count", "Communities"), 0.13, TRUE },
    { NULL, N_("Compliant"), 0.115, TRUE },
    { NULL, N_("Coverage"), 0.105, TRUE },
    { NULL, N_("Households"), 0.125, TRUE },
    { NULL, N_("Required m²"), 0.13, TRUE },
    { NULL, N_("Actual m²"), 0.13, TRUE },
    { NULL, N_("Shortfall m²"), 0.135, TRUE },
  },
  [TABLE_SHORTFALLS] = {
    { NULL, N_("No."), 0.055, TRUE },
    { NULL, N_("Code"), 0.15, FALSE },
    { NULL, N_("Township"), 0.13, FALSE },
    { NULL, N_("Community"), 0.21, FALSE },
    { NULL, N_("Households"), 0.12, TRUE },
    { NULL, N_("Required m²"), 0.11, TRUE },
    { NULL, N_("Actual m²"), 0.11, TRUE },
    { NULL, N_("Shortfall m²"), 0.115, TRUE },
  },
};

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
  double height; /* measured by the last pagination, space after included */
  gboolean keep_with_next;
} Block;

typedef struct
{
  guint block;
  double y;
} Placement;

struct _CpSummary
{
  int year;
  char *city;
  char *bureau;
  char *title;
  char *date;
  gboolean sample;
  CpCheckSummary totals;
  char *standards_source;
  GArray *townships;  /* CpTownshipResult */
  CpChartData *chart;
  GArray *shortfalls; /* Shortfall, largest first, at most CP_SUMMARY_SHORTFALL_LIMIT */
  guint n_short;      /* communities that break the area rule */

  GArray *blocks;     /* Block: the content, in reading order */
  guint header_block[N_TABLES];

  /* The last pagination. */
  double width, height;
  GArray *placements; /* Placement, page after page */
  GArray *page_first; /* index of each page's first placement, and one past the last */
};

/* Gathering */

static void
shortfall_clear (Shortfall *s)
{
  g_free (s->code);
  g_free (s->name);
  g_free (s->township);
}

static int
shortfall_compare (gconstpointer a, gconstpointer b)
{
  const Shortfall *x = a, *y = b;

  if (x->shortfall_m2 != y->shortfall_m2)
    return x->shortfall_m2 > y->shortfall_m2 ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

/* Keeps the largest shortfalls: sorts and cuts whenever twice the limit has piled up, so that a
 * national dataset costs a bounded amount of memory. */
static void
shortfalls_trim (GArray *shortfalls)
{
  g_array_sort (shortfalls, shortfall_compare);
  if (shortfalls->len > CP_SUMMARY_SHORTFALL_LIMIT)
    g_array_set_size (shortfalls, CP_SUMMARY_SHORTFALL_LIMIT);
}

typedef struct
{
  CpSummary *summary;
  CpTownshipTotals *totals;
} Gathering;

/* One pass over the communities: the township totals and the largest shortfalls. */
static gboolean
collect_row (const CpCheckRow *row, gpointer user_data)
{
  Gathering *gathering = user_data;
  CpSummary *summary = gathering->summary;

  cp_township_totals_add (gathering->totals, row);
  if (!CP_VIOLATES (row->result.violations, CP_RULE_AREA))
    return TRUE;
  Shortfall s = {
    .code = cp_report_text_clean (row->code),
    .name = cp_report_text_clean (row->name),
    .township = cp_report_text_clean (row->township),
    .households = row->households,
    .required_m2 = row->result.required_area_m2,
    .actual_m2 = row->result.actual_area_m2,
    .shortfall_m2 = row->result.shortfall_m2,
  };
  g_array_append_val (summary->shortfalls, s);
  summary->n_short++;
  if (summary->shortfalls->len >= 2 * CP_SUMMARY_SHORTFALL_LIMIT)
    shortfalls_trim (summary->shortfalls);
  return TRUE;
}

static gboolean
gather (CpSummary *summary, CpStore *store, GCancellable *cancellable, GError **error)
{
  g_autoptr (CpTownshipTotals) totals = cp_township_totals_new (store, error);
  Gathering gathering = { summary, totals };

  if (totals == NULL
      || !cp_check_run (store, summary->year, 0, collect_row, &gathering, &summary->totals,
                        cancellable, error))
    return FALSE;
  summary->townships = cp_township_totals_finish (g_steal_pointer (&totals));
  shortfalls_trim (summary->shortfalls);
  summary->chart = cp_chart_data_new_from_townships (summary->townships,
                                                     &summary->totals.standards, summary->year);
  CpStandards unused;
  return cp_store_get_standards (store, summary->year, &unused, &summary->standards_source,
                                 error);
}

/* Content */

static Block *
add_block (CpSummary *summary, BlockKind kind, char *text)
{
  Block block = { .kind = kind, .text = text };

  g_array_append_val (summary->blocks, block);
  return &g_array_index (summary->blocks, Block, summary->blocks->len - 1);
}

static void
add_heading (CpSummary *summary, const char *text)
{
  add_block (summary, BLOCK_HEADING, g_strdup (text))->keep_with_next = TRUE;
}

static void
add_figure (CpSummary *summary, const char *label, char *value)
{
  add_block (summary, BLOCK_FIGURE, g_strdup (label))->value = value;
}

static char *
share_text (guint part, guint whole)
{
  if (whole == 0)
    return g_strdup ("—");
  return g_strdup_printf (_("%.1f%% (%u of %u)"), 100.0 * part / whole, part, whole);
}

static void
add_key_figures (CpSummary *summary)
{
  const CpCheckSummary *t = &summary->totals;
  const CpStandards *st = &t->standards;

  add_heading (summary, _("1. Key figures"));
  add_figure (summary, _("Communities and villages"), g_strdup_printf ("%u", t->communities));
  add_figure (summary, _("Facility coverage"), share_text (t->covered, t->communities));
  g_autofree char *rural_label = g_strdup_printf (_("Rural coverage (target %.0f%%)"),
                                                  st->rural_coverage_target * 100);
  add_figure (summary, rural_label, share_text (t->rural_covered, t->rural));
  add_figure (summary, _("Compliant with every rule"), share_text (t->compliant, t->communities));
  add_figure (summary, _("Below the area standard"),
              g_strdup_printf (ngettext ("%u community", "%u communities", summary->n_short),
                               summary->n_short));
  add_figure (summary, _("Total area shortfall"),
              g_strdup_printf (_("%.1f m²"), t->total_shortfall_m2));
  add_figure (summary, _("Standards in force"),
              g_strdup_printf (_("%g m² per 100 households; rural buildings at least %g m²; "
                                 "service area at least %g%% of the total"),
                               st->area_per_100_households_m2, st->rural_building_min_m2,
                               st->service_share_min * 100));
  add_figure (summary, _("Source of the standards"),
              cp_report_text_clean (summary->standards_source));
}

static void
add_table (CpSummary *summary, int table, guint rows, gboolean totals)
{
  Block *header = add_block (summary, BLOCK_TABLE_HEADER, NULL);

  header->table = table;
  header->keep_with_next = TRUE;
  summary->header_block[table] = summary->blocks->len - 1;
  for (guint i = 0; i < rows; i++)
    {
      Block *row = add_block (summary, BLOCK_TABLE_ROW, NULL);
      row->table = table;
      row->row = (int) i;
      /* A header starts a page with at least three rows under it, where there are three. */
      row->keep_with_next = i < 2 && i + 1 < rows;
    }
  if (totals)
    {
      Block *row = add_block (summary, BLOCK_TABLE_ROW, NULL);
      row->table = table;
      row->row = -1;
    }
}

static void
keep_last_with_next (CpSummary *summary)
{
  g_array_index (summary->blocks, Block, summary->blocks->len - 1).keep_with_next = TRUE;
}

static void
add_shortfall_list (CpSummary *summary)
{
  guint listed = summary->shortfalls->len;

  add_heading (summary, _("4. Communities below the area standard"));
  if (summary->n_short == 0)
    {
      add_block (summary, BLOCK_PARAGRAPH,
                 g_strdup (_("Every community meets the area standard.")));
      return;
    }
  if (listed < summary->n_short)
    add_block (summary, BLOCK_PARAGRAPH,
               g_strdup_printf (_("The %u largest shortfalls are listed, largest first."),
                                listed))->keep_with_next = TRUE;
  else
    add_block (summary, BLOCK_PARAGRAPH,
               g_strdup (_("Largest shortfall first.")))->keep_with_next = TRUE;
  add_table (summary, TABLE_SHORTFALLS, listed, FALSE);
  /* The closing line never stands alone on a page. */
  keep_last_with_next (summary);
  if (listed < summary->n_short)
    add_block (summary, BLOCK_PARAGRAPH,
               g_strdup_printf (ngettext ("… %u community falls short in all.",
                                          "… %u communities fall short in all.",
                                          summary->n_short),
                                summary->n_short));
  else
    add_block (summary, BLOCK_PARAGRAPH,
               g_strdup_printf (ngettext ("%u community falls short in all.",
                                          "%u communities fall short in all.", summary->n_short),
                                summary->n_short));
}

static void
build_content (CpSummary *summary)
{
  add_block (summary, BLOCK_TITLE, g_strdup (summary->title));
  g_autofree char *sample = summary->sample
                                ? g_strdup_printf ("\n%s", _("Sample data: the communities and "
                                                             "their figures are invented."))
                                : g_strdup ("");
  add_block (summary, BLOCK_SUBTITLE,
             g_strdup_printf ("%s    %s%s", summary->bureau, summary->date, sample));
  add_key_figures (summary);
  /* The chart before the township table: the overview fits on the first page, and the table
   * may go on over the next with its header repeated. */
  add_heading (summary, _("2. Facility area per 100 households"));
  add_block (summary, BLOCK_CHART, NULL);
  add_heading (summary, _("3. Results by township"));
  add_table (summary, TABLE_TOWNSHIPS, summary->townships->len, TRUE);
  add_shortfall_list (summary);
  /* The signatures close the text: they never stand alone on the last page. */
  keep_last_with_next (summary);
  add_block (summary, BLOCK_SIGNATURES, NULL);
}

static void
block_clear (Block *block)
{
  g_free (block->text);
  g_free (block->value);
}

CpSummary *
cp_summary_new (CpStore *store, int year, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  g_autoptr (CpSummary) summary = g_new0 (CpSummary, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  summary->year = year;
  g_autofree char *city = cp_store_get_city_name (store);
  summary->city = cp_report_text_clean (city);
  summary->sample = cp_store_is_sample (store);
  /* TRANSLATORS: the author of the summary, from the city's name */
  summary->bureau = g_strdup_printf (_("%s Civil Affairs Bureau"), summary->city);
  summary->title = g_strdup_printf (
      _("%s Urban and Rural Community Service Facilities Compliance (%d)"), summary->city, year);
  /* TRANSLATORS: a date in g_date_time_format() notation */
  summary->date = g_date_time_format (now, _("%Y-%m-%d"));
  summary->shortfalls = g_array_new (FALSE, TRUE, sizeof (Shortfall));
  g_array_set_clear_func (summary->shortfalls, (GDestroyNotify) shortfall_clear);
  summary->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (summary->blocks, (GDestroyNotify) block_clear);
  summary->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  summary->page_first = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!gather (summary, store, cancellable, error))
    return NULL;
  build_content (summary);
  return g_steal_pointer (&summary);
}

void
cp_summary_free (CpSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->city);
  g_free (summary->bureau);
  g_free (summary->title);
  g_free (summary->date);
  g_free (summary->standards_source);
  g_clear_pointer (&summary->townships, g_array_unref);
  g_clear_pointer (&summary->chart, cp_chart_data_free);
  g_clear_pointer (&summary->shortfalls, g_array_unref);
  g_clear_pointer (&summary->blocks, g_array_unref);
  g_clear_pointer (&summary->placements, g_array_unref);
  g_clear_pointer (&summary->page_first, g_array_unref);
  g_free (summary);
}

const char *
cp_summary_get_title (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);
  return summary->title;
}

guint
cp_summary_get_n_short (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);
  return summary->n_short;
}

guint
cp_summary_get_n_listed (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);
  return summary->shortfalls->len;
}

const char *
cp_summary_get_listed (CpSummary *summary, guint index, double *out_shortfall_m2)
{
  g_return_val_if_fail (summary != NULL && index < summary->shortfalls->len, NULL);

  const Shortfall *s = &g_array_index (summary->shortfalls, Shortfall, index);
  if (out_shortfall_m2 != NULL)
    *out_shortfall_m2 = s->shortfall_m2;
  return s->code;
}

/* Table cells */

static char *
township_cell (const CpSummary *summary, int row, guint column)
{
  const CpTownshipResult *t = row >= 0 ? &g_array_index (summary->townships, CpTownshipResult,
                                                         row)
                                       : NULL;
  CpTownshipResult total = { .name = (char *) _("Total"),
                             .communities = summary->totals.communities,
                             .compliant = summary->totals.compliant,
                             .covered = summary->totals.covered,
                             .shortfall_m2 = summary->totals.total_shortfall_m2 };

  if (t == NULL)
    {
      for (guint i = 0; i < summary->townships->len; i++)
        {
          const CpTownshipResult *each = &g_array_index (summary->townships, CpTownshipResult, i);
          total.households += each->households;
          total.required_area_m2 += each->required_area_m2;
          total.actual_area_m2 += each->actual_area_m2;
        }
      t = &total;
    }
  switch (column)
    {
    case 0: return cp_report_text_clean (t->name);
    case 1: return g_strdup_printf ("%u", t->communities);
    case 2: return g_strdup_printf ("%u", t->compliant);
    case 3:
      return t->communities > 0 ? g_strdup_printf ("%.1f%%", 100.0 * t->covered / t->communities)
                                : g_strdup ("—");
    case 4: return g_strdup_printf ("%" G_GINT64_FORMAT, t->households);
    case 5: return g_strdup_printf ("%.1f", t->required_area_m2);
    case 6: return g_strdup_printf ("%.1f", t->actual_area_m2);
    default: return g_strdup_printf ("%.1f", t->shortfall_m2);
    }
}

static char *
shortfall_cell (const CpSummary *summary, int row, guint column)
{
  const Shortfall *s = &g_array_index (summary->shortfalls, Shortfall, row);

  switch (column)
    {
    case 0: return g_strdup_printf ("%d", row + 1);
    case 1: return g_strdup (s->code);
    case 2: return g_strdup (s->township);
    case 3: return g_strdup (s->name);
    case 4: return g_strdup_printf ("%" G_GINT64_FORMAT, s->households);
    case 5: return g_strdup_printf ("%.1f", s->required_m2);
    case 6: return g_strdup_printf ("%.1f", s->actual_m2);
    default: return g_strdup_printf ("%.1f", s->shortfall_m2);
    }
}

/* Text */

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb ink = { 0.1, 0.1, 0.12 };
static const Rgb muted = { 0.37, 0.36, 0.39 };
static const Rgb warn = { 0.63, 0.24, 0.0 };
static const Rgb rule = { 0.62, 0.62, 0.62 };
static const Rgb header_fill = { 0.90, 0.91, 0.93 };
static const Rgb totals_fill = { 0.95, 0.95, 0.95 };

static void
set_rgb (cairo_t *cr, const Rgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->r, rgb->g, rgb->b);
}

/* One context per pagination or page, without hinting, so that what was measured is painted. */
static PangoContext *
text_context_new (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);

  cp_text_context_unhint (context);
  return context;
}

/* A layout of @text at @size points, @width wide (wrapped, or ellipsized when @one_line);
 * @align is a PangoAlignment. */
static PangoLayout *
text_new (PangoContext *context, const char *text, double size, gboolean bold, double width,
          gboolean one_line, PangoAlignment align)
{
  PangoLayout *layout = cp_text_layout_new (context, text, size, bold);

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
show (cairo_t *cr, PangoLayout *layout, double x, double y, const Rgb *rgb)
{
  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Measuring */

static double
content_width (const CpSummary *summary)
{
  return MAX (100.0, summary->width - 2 * MARGIN_X);
}

static const char *
column_title (const Column *column)
{
  return column->context != NULL ? g_dpgettext2 (NULL, column->context, column->title)
                                 : _(column->title);
}

static double
header_height (PangoContext *context, const CpSummary *summary, int table)
{
  double tallest = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double width = table_columns[table][c].share * content_width (summary) - 2 * CELL_PAD;
      const char *title = column_title (&table_columns[table][c]);
      tallest = MAX (tallest, text_height (context, title, TABLE_SIZE, TRUE, width));
    }
  return tallest + 2 * CELL_PAD;
}

static double
figure_height (PangoContext *context, const CpSummary *summary, const Block *block)
{
  double width = content_width (summary);

  return MAX (text_height (context, block->text, BODY_SIZE, FALSE, width * 0.36),
              text_height (context, block->value, BODY_SIZE, TRUE, width * 0.62))
         + 4;
}

static double
block_height (PangoContext *context, const CpSummary *summary, const Block *block,
              const double row_height[N_TABLES])
{
  double width = content_width (summary);

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
      return figure_height (context, summary, block);
    case BLOCK_TABLE_HEADER:
      return header_height (context, summary, block->table);
    case BLOCK_TABLE_ROW:
      return row_height[block->table];
    case BLOCK_CHART:
      return width * CHART_ASPECT + 6;
    case BLOCK_SIGNATURES:
    default:
      return 36 + text_height (context, _("Prepared by:"), BODY_SIZE, FALSE, width) + 4;
    }
}

static void
measure_blocks (PangoContext *context, CpSummary *summary)
{
  double row_height[N_TABLES];
  double line = text_height (context, "Ag 平方", TABLE_SIZE, FALSE, content_width (summary));

  for (int t = 0; t < N_TABLES; t++)
    row_height[t] = line + 2 * CELL_PAD;
  for (guint i = 0; i < summary->blocks->len; i++)
    {
      Block *block = &g_array_index (summary->blocks, Block, i);
      block->height = block_height (context, summary, block, row_height);
    }
}

/* Pagination */

/* The height a block needs on its page: itself and the blocks it is kept with. */
static double
height_kept_together (const CpSummary *summary, guint index)
{
  double height = 0;

  for (guint i = index; i < summary->blocks->len; i++)
    {
      const Block *block = &g_array_index (summary->blocks, Block, i);
      height += block->height;
      if (!block->keep_with_next)
        break;
    }
  return height;
}

static void
place (CpSummary *summary, guint block, double y)
{
  Placement placement = { .block = block, .y = y };
  g_array_append_val (summary->placements, placement);
}

static void
start_page (CpSummary *summary)
{
  guint first = summary->placements->len;
  g_array_append_val (summary->page_first, first);
}

int
cp_summary_paginate (CpSummary *summary, cairo_t *cr, double width, double height)
{
  g_return_val_if_fail (summary != NULL && cr != NULL, 0);

  PangoContext *context = text_context_new (cr);
  double top = MARGIN_TOP, bottom = height - MARGIN_BOTTOM, y = top;

  summary->width = width;
  summary->height = height;
  g_array_set_size (summary->placements, 0);
  g_array_set_size (summary->page_first, 0);
  measure_blocks (context, summary);
  g_object_unref (context);

  start_page (summary);
  for (guint i = 0; i < summary->blocks->len; i++)
    {
      const Block *block = &g_array_index (summary->blocks, Block, i);
      if (y > top && y + height_kept_together (summary, i) > bottom)
        {
          start_page (summary);
          y = top;
          /* A table that goes on shows its header row again. */
          if (block->kind == BLOCK_TABLE_ROW)
            {
              guint header = summary->header_block[block->table];
              place (summary, header, y);
              y += g_array_index (summary->blocks, Block, header).height;
            }
        }
      place (summary, i, y);
      y += block->height;
    }
  guint end = summary->placements->len;
  g_array_append_val (summary->page_first, end);
  return (int) summary->page_first->len - 1;
}

/* Painting */

static void
paint_row_rules (cairo_t *cr, const CpSummary *summary, int table, double y, double height,
                 gboolean header)
{
  double x = MARGIN_X, width = content_width (summary);

  cairo_set_line_width (cr, header ? 0.8 : 0.3);
  set_rgb (cr, header ? &ink : &rule);
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
  set_rgb (cr, &rule);
  for (guint c = 1; c < N_COLUMNS; c++)
    {
      x += table_columns[table][c - 1].share * width;
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y + height);
      cairo_stroke (cr);
    }
}

static void
paint_table_block (cairo_t *cr, PangoContext *context, const CpSummary *summary,
                   const Block *block, double y)
{
  gboolean header = block->kind == BLOCK_TABLE_HEADER, totals = !header && block->row < 0;
  double x = MARGIN_X, width = content_width (summary);

  if (header || totals)
    {
      cairo_rectangle (cr, x, y, width, block->height);
      set_rgb (cr, header ? &header_fill : &totals_fill);
      cairo_fill (cr);
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const Column *column = &table_columns[block->table][c];
      double cell = column->share * width;
      g_autofree char *text
          = header ? g_strdup (column_title (column))
            : block->table == TABLE_TOWNSHIPS ? township_cell (summary, block->row, c)
                                              : shortfall_cell (summary, block->row, c);
      PangoAlignment align = header            ? PANGO_ALIGN_CENTER
                             : column->numeric ? PANGO_ALIGN_RIGHT
                                               : PANGO_ALIGN_LEFT;
      g_autoptr (PangoLayout) layout = text_new (context, text, TABLE_SIZE, header || totals,
                                                 cell - 2 * CELL_PAD, !header, align);
      double text_y = y + (block->height - layout_height (layout)) / 2;
      show (cr, layout, x + CELL_PAD, text_y, &ink);
      x += cell;
    }
  paint_row_rules (cr, summary, block->table, y, block->height, header);
}

static void
paint_figure (cairo_t *cr, PangoContext *context, const CpSummary *summary, const Block *block,
              double y)
{
  double width = content_width (summary);
  g_autoptr (PangoLayout) label = text_new (context, block->text, BODY_SIZE, FALSE, width * 0.36,
                                            FALSE, PANGO_ALIGN_LEFT);
  g_autoptr (PangoLayout) value = text_new (context, block->value, BODY_SIZE, TRUE, width * 0.62,
                                            FALSE, PANGO_ALIGN_LEFT);

  show (cr, label, MARGIN_X + 12, y, &muted);
  show (cr, value, MARGIN_X + width * 0.38, y, &ink);
}

static void
paint_signatures (cairo_t *cr, PangoContext *context, const CpSummary *summary, double y)
{
  const char *labels[] = { _("Prepared by:"), _("Reviewed by:"), _("Date:") };
  double width = content_width (summary), third = width / 3;

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
      set_rgb (cr, &ink);
      cairo_move_to (cr, x + extents.width + 2, baseline);
      cairo_line_to (cr, x + third - 14, baseline);
      cairo_stroke (cr);
    }
}

static void
paint_chart (cairo_t *cr, const CpSummary *summary, double y)
{
  double width = content_width (summary);

  cairo_save (cr);
  cairo_translate (cr, MARGIN_X, y);
  cp_chart_paint_facilities (cr, summary->chart, width, width * CHART_ASPECT);
  cairo_restore (cr);
}

static void
paint_text_block (cairo_t *cr, PangoContext *context, const CpSummary *summary,
                  const Block *block, double y)
{
  double width = content_width (summary);
  double size = BODY_SIZE, offset = 0;
  gboolean bold = FALSE;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  const Rgb *rgb = &ink;

  if (block->kind == BLOCK_TITLE)
    size = TITLE_SIZE, bold = TRUE, align = PANGO_ALIGN_CENTER;
  else if (block->kind == BLOCK_SUBTITLE)
    size = SMALL_SIZE, align = PANGO_ALIGN_CENTER, rgb = summary->sample ? &warn : &muted;
  else if (block->kind == BLOCK_HEADING)
    size = HEADING_SIZE, bold = TRUE, offset = 12;
  g_autoptr (PangoLayout) layout = text_new (context, block->text, size, bold, width, FALSE,
                                             align);
  show (cr, layout, MARGIN_X, y + offset, rgb);
}

static void
paint_block (cairo_t *cr, PangoContext *context, const CpSummary *summary, const Block *block,
             double y)
{
  switch (block->kind)
    {
    case BLOCK_FIGURE:
      paint_figure (cr, context, summary, block, y);
      break;
    case BLOCK_TABLE_HEADER:
    case BLOCK_TABLE_ROW:
      paint_table_block (cr, context, summary, block, y);
      break;
    case BLOCK_CHART:
      paint_chart (cr, summary, y);
      break;
    case BLOCK_SIGNATURES:
      paint_signatures (cr, context, summary, y);
      break;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_PARAGRAPH:
    default:
      paint_text_block (cr, context, summary, block, y);
      break;
    }
}

static void
paint_footer (cairo_t *cr, PangoContext *context, const CpSummary *summary, int page,
              int n_pages)
{
  g_autofree char *text = g_strdup_printf (_("Page %d of %d"), page + 1, n_pages);
  g_autoptr (PangoLayout) layout = text_new (context, text, SMALL_SIZE, FALSE,
                                             content_width (summary), TRUE, PANGO_ALIGN_CENTER);

  show (cr, layout, MARGIN_X, summary->height - FOOTER_FROM_BOTTOM, &muted);
}

void
cp_summary_paint_page (CpSummary *summary, cairo_t *cr, int page)
{
  g_return_if_fail (summary != NULL && cr != NULL);

  int n_pages = (int) summary->page_first->len - 1;
  g_return_if_fail (page >= 0 && page < n_pages);

  PangoContext *context = text_context_new (cr);
  guint first = g_array_index (summary->page_first, guint, page);
  guint end = g_array_index (summary->page_first, guint, page + 1);

  cairo_save (cr);
  for (guint i = first; i < end; i++)
    {
      const Placement *p = &g_array_index (summary->placements, Placement, i);
      paint_block (cr, context, summary, &g_array_index (summary->blocks, Block, p->block),
                   p->y);
    }
  paint_footer (cr, context, summary, page, n_pages);
  cairo_restore (cr);
  g_object_unref (context);
}

/* PDF */

static void
set_metadata (cairo_surface_t *surface, CpSummary *summary)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, summary->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, summary->bureau);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  _("Community Service Planner"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* Draws every page into @output; returns the first failure of cairo (a failed write included).
 * Stops early, setting @cancelled, when @cancellable is cancelled. */
static cairo_status_t
write_pdf (CpSummary *summary, CpOutput *output, GCancellable *cancellable, gboolean *cancelled)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
      cp_output_write, output, CP_SUMMARY_A4_WIDTH, CP_SUMMARY_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  set_metadata (surface, summary);
  int n_pages = cp_summary_paginate (summary, cr, CP_SUMMARY_A4_WIDTH, CP_SUMMARY_A4_HEIGHT);
  for (int page = 0; page < n_pages && !*cancelled; page++)
    {
      *cancelled = g_cancellable_is_cancelled (cancellable);
      if (!*cancelled)
        {
          cp_summary_paint_page (summary, cr, page);
          cairo_show_page (cr);
        }
    }
  cairo_status_t status = cairo_status (cr);
  cairo_destroy (cr);
  /* cairo 1.16 loses a write error of the fonts, written last, here; cp_output_write() keeps
   * it, and cp_output_finish_cairo() reports it. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
cp_summary_export_pdf (CpStore *store, int year, const char *out_path,
                       GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL && out_path != NULL, FALSE);

  g_autoptr (CpSummary) summary = cp_summary_new (store, year, cancellable, error);
  if (summary == NULL)
    return FALSE;
  CpOutput *output = cp_output_begin (out_path, error);
  if (output == NULL)
    return FALSE;
  gboolean cancelled = FALSE;
  cairo_status_t status = write_pdf (summary, output, cancellable, &cancelled);
  if (cancelled)
    {
      cp_output_finish (output, FALSE, NULL);
      return cp_set_error (error, CP_ERROR_CANCELLED, _("The export was cancelled."));
    }
  return cp_output_finish_cairo (output, status, error);
}
