/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cp-facility-chart.h"
#include "cp-reports.h"
#include "cp-staff-chart.h"
#include "cp-test-utils.h"

#define YEAR 2025
#define WIDTH 800
#define HEIGHT 500

/* Two townships, one community each, checked in 2025 against the default 30 m²/100 households:
 *   001 甲街道: 200 households,  90 m² → 45 m²/100 households (meets the standard)
 *   002 乙镇:   500 households, 100 m² → 20 m²/100 households (below it)
 * The value axis then runs to 50: 45 × 1.05 = 47.25, steps of 10. */
typedef CpTestStore Fixture;

static void
add_community (CpStore *store, const char *township_code, const char *township_name,
               CpTownshipKind kind, const char *code, gint64 households, double area)
{
  gint64 township_id = cp_test_add_township (store, township_code, township_name, kind);
  CpCommunity community = cp_test_community (township_id, code);

  community.name = (char *) "样例社区";
  community.households = households;
  community.population = households * 3;
  cp_test_insert_community (store, &community, 0);

  CpFacility facility = cp_test_facility (community.id, "综合服务中心", area);
  facility.service_area_m2 = area * 0.9;
  facility.office_area_m2 = area * 0.1;
  cp_test_insert_facility (store, &facility);
}

static void
fixture_set_up (Fixture *f, gconstpointer user_data)
{
  cp_test_store_set_up (f, "planner");
  add_community (f->store, "001", "甲街道", CP_TOWNSHIP_SUBDISTRICT, "001001", 200, 90.0);
  add_community (f->store, "002", "乙镇", CP_TOWNSHIP_TOWN, "002001", 500, 100.0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer user_data)
{
  cp_test_store_tear_down (f);
}

static CpBarChart *
load_data (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  CpBarChart *data = cp_facility_chart_new (f->store, YEAR, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
test_data (Fixture *f, gconstpointer user_data)
{
  g_autoptr (CpBarChart) data = load_data (f);

  g_assert_cmpuint (data->bars->len, ==, 2);
  g_assert_cmpstr (g_array_index (data->bars, CpBarChartBar, 0).label, ==, "甲街道");
  g_assert_cmpfloat_with_epsilon (g_array_index (data->bars, CpBarChartBar, 0).value, 45.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (data->bars, CpBarChartBar, 1).value, 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->reference, 30.0, 1e-9);
  g_assert_false (cp_bar_chart_bar_is_below (data, 0));
  g_assert_true (cp_bar_chart_bar_is_below (data, 1));
}

static void
test_layout (Fixture *f, gconstpointer user_data)
{
  g_autoptr (CpBarChart) data = load_data (f);
  CpBarChartLayout layout;

  cp_bar_chart_layout (data, WIDTH, HEIGHT, &layout);
  g_assert_cmpfloat_with_epsilon (layout.axis_max, 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout.tick_step, 10.0, 1e-9);
  /* The plot sits inside the chart with room for the labels around it. */
  g_assert_cmpfloat (layout.plot_x, >, 0);
  g_assert_cmpfloat (layout.plot_y, >, 0);
  g_assert_cmpfloat (layout.plot_x + layout.plot_width, <, WIDTH);
  g_assert_cmpfloat (layout.labels_y + layout.labels_height, <, HEIGHT);
  g_assert_cmpfloat_with_epsilon (layout.slot_width, layout.plot_width / 2, 1e-9);
  /* 30 of 50 is 3/5 of the way up the plot. */
  g_assert_cmpfloat_with_epsilon (cp_bar_chart_value_y (&layout, 30.0),
                                  layout.plot_y + layout.plot_height * 0.4, 1e-9);
}

static void
test_hit_test (Fixture *f, gconstpointer user_data)
{
  g_autoptr (CpBarChart) data = load_data (f);
  CpBarChartLayout layout;
  double mid_y;

  cp_bar_chart_layout (data, WIDTH, HEIGHT, &layout);
  mid_y = layout.plot_y + layout.plot_height / 2;
  for (guint i = 0; i < 2; i++)
    {
      double x, y, w, h;
      cp_bar_chart_bar_rect (&layout, i, g_array_index (data->bars, CpBarChartBar, i).value, &x, &y,
                           &w, &h);
      g_assert_cmpint (cp_bar_chart_hit_test (data, WIDTH, HEIGHT, x + w / 2, y + h / 2),
                       ==, (int) i);
    }
  /* Left of the plot, right of the chart, above the plot, between the two bars. */
  g_assert_cmpint (cp_bar_chart_hit_test (data, WIDTH, HEIGHT, 1, mid_y), ==, -1);
  g_assert_cmpint (cp_bar_chart_hit_test (data, WIDTH, HEIGHT, WIDTH - 1, mid_y), ==, -1);
  g_assert_cmpint (cp_bar_chart_hit_test (data, WIDTH, HEIGHT, layout.plot_x + 5, 2), ==,
                   -1);
  g_assert_cmpint (cp_bar_chart_hit_test (data, WIDTH, HEIGHT,
                                                 layout.plot_x + layout.plot_width / 2, mid_y),
                   ==, -1);

  g_autofree char *tip = cp_bar_chart_tooltip (data, 1);
  g_assert_nonnull (strstr (tip, "乙镇"));
  g_assert_nonnull (strstr (tip, "20.0"));
}

static void
pixel (cairo_surface_t *surface, int x, int y, guint8 rgb[3])
{
  const guint8 *row = cairo_image_surface_get_data (surface)
                      + (gsize) y * cairo_image_surface_get_stride (surface);
  guint32 argb = ((const guint32 *) row)[x];

  rgb[0] = (argb >> 16) & 0xff;
  rgb[1] = (argb >> 8) & 0xff;
  rgb[2] = argb & 0xff;
}

static gboolean
is_white (const guint8 rgb[3])
{
  return rgb[0] > 0xf0 && rgb[1] > 0xf0 && rgb[2] > 0xf0;
}

static cairo_surface_t *
paint_image (const CpBarChart *data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cp_bar_chart_paint (cr, data, WIDTH, HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_paint (Fixture *f, gconstpointer user_data)
{
  g_autoptr (CpBarChart) data = load_data (f);
  cairo_surface_t *surface = paint_image (data);
  CpBarChartLayout layout;
  guint8 rgb[3];
  double x, y, w, h;

  cp_bar_chart_layout (data, WIDTH, HEIGHT, &layout);

  /* Bar 0 (45, meets the standard) is a solid blue between its top and the axis. */
  cp_bar_chart_bar_rect (&layout, 0, 45.0, &x, &y, &w, &h);
  g_assert_cmpfloat (h, >, 50);
  pixel (surface, (int) (x + w / 2), (int) (y + h * 0.75), rgb);
  g_assert_false (is_white (rgb));
  g_assert_cmpint (rgb[2], >, rgb[0] + 80);
  /* Above its top, in the plot, the background shows. */
  pixel (surface, (int) (x + w / 2), (int) (layout.plot_y + 2), rgb);
  g_assert_true (is_white (rgb));

  /* Bar 1 (20, below) is orange and hatched: along its width two different colours appear. */
  cp_bar_chart_bar_rect (&layout, 1, 20.0, &x, &y, &w, &h);
  gboolean orange = FALSE, light = FALSE;
  for (int px = (int) x + 3; px < (int) (x + w) - 3; px++)
    {
      pixel (surface, px, (int) (y + h / 2), rgb);
      orange |= rgb[0] > 0xc0 && rgb[1] < 0x80 && rgb[2] < 0x40;
      light |= rgb[1] > 0xb0;
    }
  g_assert_true (orange);
  g_assert_true (light);

  /* The reference line is red at y = plot_y + 0.4 × plot_height, between the bars. */
  int line_x = (int) (layout.plot_x + layout.plot_width / 2);
  int line_y = (int) floor (layout.plot_y + layout.plot_height * 0.4);
  gboolean red = FALSE;
  for (int dy = -1; dy <= 1; dy++)
    {
      pixel (surface, line_x, line_y + dy, rgb);
      red |= rgb[0] > 0x90 && rgb[1] < 0x60 && rgb[2] < 0x60;
    }
  g_assert_true (red);
  pixel (surface, line_x, line_y - 6, rgb);
  g_assert_true (is_white (rgb));

  cairo_surface_destroy (surface);
}

/* Whether a red like the reference line's shows anywhere in the plot. */
static gboolean
plot_has_red (cairo_surface_t *surface, const CpBarChartLayout *layout)
{
  guint8 rgb[3];

  for (int y = (int) layout->plot_y; y < (int) (layout->plot_y + layout->plot_height); y++)
    for (int x = (int) layout->plot_x + 2; x < (int) (layout->plot_x + layout->plot_width); x++)
      {
        pixel (surface, x, y, rgb);
        if (rgb[0] > 0x90 && rgb[1] < 0x60 && rgb[2] < 0x60)
          return TRUE;
      }
  return FALSE;
}

/* The head count by post and level is no measure against an average: a colour a post, named in
 * the legend, no reference line, no bar "below". With the default parameters the bars are
 * 社区正职 7–18 (0–11), 两委成员 4–15 (12–23), 专职工作者 1–12 (24–35) and 公益性岗位 (36);
 * 10 heads at level 7, 20 members at 4, 5 workers at 1 and 3 welfare posts. */
static void
test_staff_levels_by_post (void)
{
  CpStaffFigures figures = { .year = YEAR };
  CpPayParams params;
  CpBarChartLayout layout;
  guint8 rgb[3];
  double x, y, w, h;

  cp_pay_params_init_default (&params, YEAR);
  figures.by_level[CP_POST_HEAD][7] = 10;
  figures.by_level[CP_POST_MEMBER][4] = 20;
  figures.by_level[CP_POST_STAFF][1] = 5;
  figures.by_post[CP_POST_WELFARE] = 3;
  g_autoptr (CpBarChart) data = cp_staff_chart_new_levels_from (&figures, &params);

  g_assert_cmpuint (data->bars->len, ==, 37);
  g_assert_nonnull (data->series_labels);
  g_assert_cmpuint (g_strv_length (data->series_labels), ==, CP_N_POSTS);
  g_assert_cmpstr (data->series_labels[0], ==, "Community head");
  g_assert_cmpstr (data->series_labels[3], ==, "Public-welfare post");
  g_assert_cmpstr (data->reference_label, ==, "");
  g_assert_cmpuint (g_array_index (data->bars, CpBarChartBar, 11).series, ==, CP_POST_HEAD);
  g_assert_cmpuint (g_array_index (data->bars, CpBarChartBar, 12).series, ==, CP_POST_MEMBER);
  g_assert_cmpuint (g_array_index (data->bars, CpBarChartBar, 35).series, ==, CP_POST_STAFF);
  g_assert_cmpuint (g_array_index (data->bars, CpBarChartBar, 36).series, ==, CP_POST_WELFARE);
  for (guint i = 0; i < data->bars->len; i++)
    g_assert_false (cp_bar_chart_bar_is_below (data, i));

  cairo_surface_t *surface = paint_image (data);
  cp_bar_chart_layout (data, WIDTH, HEIGHT, &layout);
  /* The axis runs to 25 (20 × 1.05 = 21, steps of 5), not to an average. */
  g_assert_cmpfloat_with_epsilon (layout.axis_max, 25.0, 1e-9);
  /* The heads' bar blue, the members' green, one colour from edge to edge (no hatching). */
  cp_bar_chart_bar_rect (&layout, 0, 10.0, &x, &y, &w, &h);
  pixel (surface, (int) (x + w / 2), (int) (y + h / 2), rgb);
  g_assert_cmpint (rgb[2], >, rgb[0] + 80);
  cp_bar_chart_bar_rect (&layout, 12, 20.0, &x, &y, &w, &h);
  pixel (surface, (int) (x + w / 2), (int) (y + h / 2), rgb);
  g_assert_cmpint (rgb[1], >, rgb[0] + 80);
  g_assert_cmpint (rgb[1], >, rgb[2] + 30);
  for (int px = (int) x + 2; px < (int) (x + w) - 2; px++)
    {
      guint8 other[3];
      pixel (surface, px, (int) (y + h / 2), other);
      g_assert_cmpmem (other, 3, rgb, 3);
    }
  g_assert_false (plot_has_red (surface, &layout));
  cairo_surface_destroy (surface);
}

/* Pay cost: one colour (a township that costs less is no shortfall), with the average line. */
static void
test_staff_pay_cost (void)
{
  CpStaffFigures figures = { .year = YEAR };
  CpStaffTownshipCost costs[] = {
    { .name = (char *) "甲街道", .staff = 2, .gross_fen = 10000000, .employer_fen = 2000000 },
    { .name = (char *) "乙镇", .staff = 1, .gross_fen = 3000000, .employer_fen = 1000000 },
  };
  CpBarChartLayout layout;

  figures.townships = g_array_new (FALSE, FALSE, sizeof (CpStaffTownshipCost));
  g_array_append_vals (figures.townships, costs, G_N_ELEMENTS (costs));
  g_autoptr (CpBarChart) data = cp_staff_chart_new_pay_cost_from (&figures);
  g_array_unref (figures.townships);

  /* 12.0 and 4.0 (×10,000 yuan): the average 8.0. */
  g_assert_cmpuint (g_strv_length (data->series_labels), ==, 1);
  g_assert_cmpstr (data->reference_label, ==, "Average 8.0 × 10,000 yuan a township");
  g_assert_false (cp_bar_chart_bar_is_below (data, 1));
  cairo_surface_t *surface = paint_image (data);
  cp_bar_chart_layout (data, WIDTH, HEIGHT, &layout);
  g_assert_true (plot_has_red (surface, &layout));
  cairo_surface_destroy (surface);
}

/* 17 names of 2 to 6 characters at 800 × 500: the labels are wrapped and do not overlap. */
/* A township whose average meets the standard while some of its communities do not is marked and
 * says so in its tooltip: 甲 45 m²/100 households with 2 of 3 communities compliant. */
static void
test_average_is_not_the_whole_truth (void)
{
  g_autoptr (GArray) townships = g_array_new (FALSE, TRUE, sizeof (CpTownshipResult));
  CpStandards standards;
  CpTownshipResult mixed = { .name = g_strdup ("甲街道"), .communities = 3, .compliant = 2,
                             .households = 200, .actual_area_m2 = 90.0 };
  CpTownshipResult whole = { .name = g_strdup ("乙镇"), .communities = 2, .compliant = 2,
                             .households = 200, .actual_area_m2 = 90.0 };

  g_array_set_clear_func (townships, (GDestroyNotify) cp_township_result_clear);
  g_array_append_val (townships, mixed);
  g_array_append_val (townships, whole);
  cp_standards_init_default (&standards, YEAR);
  g_autoptr (CpBarChart) data = cp_facility_chart_new_from_townships (townships, &standards, YEAR);
  g_assert_cmpstr (g_array_index (data->bars, CpBarChartBar, 0).label, ==, "甲街道");
  g_assert_true (g_array_index (data->bars, CpBarChartBar, 0).marked);
  g_assert_false (g_array_index (data->bars, CpBarChartBar, 1).marked);
  g_assert_cmpstr (data->marked_label, ==, "Meets on average, some communities below");
  g_assert_cmpstr (g_array_index (data->bars, CpBarChartBar, 0).tooltip, ==,
                   "甲街道: 45.0 m² per 100 households, meets the standard of 30 on average, but "
                   "only 2 of its 3 communities comply");
  g_assert_cmpstr (g_array_index (data->bars, CpBarChartBar, 1).label, ==, "乙镇");
}

/* 45 townships, the i-th (from 0) short by i m²: the chart shows the 40 with the largest
 * shortfall, largest first (44 down to 5), says so in its title, and names every bar at the
 * exported size. */
static void
test_largest_shortfalls (void)
{
  g_autoptr (GArray) townships = g_array_new (FALSE, TRUE, sizeof (CpTownshipResult));
  CpStandards standards;
  CpBarChartLayout layout;

  g_array_set_clear_func (townships, (GDestroyNotify) cp_township_result_clear);
  for (guint i = 0; i < 45; i++)
    {
      CpTownshipResult t = { .name = g_strdup_printf ("第%u镇（样例县%u）", i, i),
                             .households = 1000, .actual_area_m2 = 300.0 - i,
                             .shortfall_m2 = i };
      g_array_append_val (townships, t);
    }
  cp_standards_init_default (&standards, YEAR);
  g_autoptr (CpBarChart) data = cp_facility_chart_new_from_townships (townships, &standards, YEAR);
  g_assert_cmpuint (data->bars->len, ==, 40);
  g_assert_cmpstr (data->title, ==, "Facility area per 100 households by township (2025): the 40 "
                                    "of 45 with the largest shortfall");
  g_assert_cmpstr (g_array_index (data->bars, CpBarChartBar, 0).label, ==, "第44镇（样例县44）");
  g_assert_cmpstr (g_array_index (data->bars, CpBarChartBar, 39).label, ==, "第5镇（样例县5）");
  cp_bar_chart_layout (data, CP_FACILITY_CHART_WIDTH, CP_FACILITY_CHART_HEIGHT, &layout);
  g_assert_cmpuint (layout.label_every, ==, 1);
}

static void
test_crowded_labels (void)
{
  static const char *const names[] = { "民主", "长安", "河南", "奶子山", "拉法", "河北",
                                       "新农", "新站", "天岗", "白石山", "漂河", "黄松甸",
                                       "天北", "松江", "庆岭", "乌林朝鲜族乡", "前进乡" };
  g_autoptr (GArray) townships = g_array_new (FALSE, TRUE, sizeof (CpTownshipResult));
  CpStandards standards;
  CpBarChartLayout layout;

  g_array_set_clear_func (townships, (GDestroyNotify) cp_township_result_clear);
  cp_standards_init_default (&standards, YEAR);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CpTownshipResult t = { .name = g_strdup (names[i]), .households = 1000,
                             .actual_area_m2 = 150.0 + 20.0 * i };
      g_array_append_val (townships, t);
    }
  g_autoptr (CpBarChart) data = cp_facility_chart_new_from_townships (townships, &standards, YEAR);
  cp_bar_chart_layout (data, WIDTH, HEIGHT, &layout);
  g_assert_cmpuint (layout.label_every, ==, 1);
  g_assert_cmpint (layout.label_mode, !=, 0);
  g_assert_cmpfloat (layout.plot_height, >, HEIGHT / 2.0);

  cairo_surface_t *surface = paint_image (data);
  const char *out = g_getenv ("CP_CHART_DEBUG_PNG");
  if (out != NULL)
    cairo_surface_write_to_png (surface, out);

  /* Wrapped labels, each within its own slot: a label that ran into its neighbour would put ink
   * on the line between their slots. Each slot's middle does have ink, so the test sees them. */
  g_assert_cmpint (layout.label_mode, ==, 1);
  int top = (int) ceil (layout.labels_y), bottom = (int) floor (layout.labels_y
                                                                 + layout.labels_height);
  g_assert_cmpint (bottom - top, >, 10);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int middle = (int) round (layout.plot_x + (i + 0.5) * layout.slot_width);
      int border = (int) round (layout.plot_x + (i + 1) * layout.slot_width);
      guint middle_ink = 0, border_ink = 0;
      for (int y = top; y < bottom; y++)
        {
          guint8 rgb[3];
          pixel (surface, middle, y, rgb);
          middle_ink += !is_white (rgb);
          pixel (surface, border, y, rgb);
          border_ink += !is_white (rgb);
        }
      g_assert_cmpuint (middle_ink, >, 0);
      if (i + 1 < G_N_ELEMENTS (names))
        g_assert_cmpuint (border_ink, ==, 0);
    }
  cairo_surface_destroy (surface);
}

static gboolean
file_starts_with (const char *path, const char *magic, gsize length)
{
  g_autofree char *contents = NULL;
  gsize size;

  if (!g_file_get_contents (path, &contents, &size, NULL))
    return FALSE;
  return size >= length && memcmp (contents, magic, length) == 0;
}

static void
test_export (Fixture *f, gconstpointer user_data)
{
  static const struct
  {
    const char *name;
    const char *magic;
  } cases[] = {
    { "chart.png", "\x89PNG\r\n\x1a\n" },
    { "chart.svg", "<?xml" },
    { "chart.PDF", "%PDF-" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (f->dir, cases[i].name, NULL);
      g_assert_true (cp_chart_export (f->store, "facilities", YEAR, path, &error));
      g_assert_no_error (error);
      g_assert_true (file_starts_with (path, cases[i].magic, strlen (cases[i].magic)));
    }
  g_autofree char *svg = NULL;
  g_autofree char *svg_path = g_build_filename (f->dir, "chart.svg", NULL);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));

  /* Only the three exports and the database's own files are in the folder: no temporary file
   * left behind, hidden ones (".chart.png.XXXXXX.part") included. */
  g_auto (GStrv) names = cp_test_dir_list (f->dir);
  g_autoptr (GString) others = g_string_new (NULL);
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_str_has_prefix (names[i], "planner.db"))
      g_string_append_printf (others, "%s%s", others->len ? " " : "", names[i]);
  g_assert_cmpstr (others->str, ==, "chart.PDF chart.png chart.svg");
}

static void
test_export_errors (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_ext = g_build_filename (f->dir, "chart.jpg", NULL);
  g_autofree char *good = g_build_filename (f->dir, "chart.png", NULL);

  g_assert_false (cp_chart_export (f->store, "facilities", YEAR, bad_ext, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ".png"));
  g_assert_nonnull (strstr (error->message, ".svg"));
  g_assert_nonnull (strstr (error->message, ".pdf"));
  g_assert_false (g_file_test (bad_ext, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (cp_chart_export (f->store, "pie", YEAR, good, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "facilities"));
  g_assert_false (g_file_test (good, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "chart.png", NULL);
  g_assert_false (cp_chart_export (f->store, "facilities", YEAR, missing, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/chart/data", Fixture, NULL, fixture_set_up, test_data, fixture_tear_down);
  g_test_add ("/chart/layout", Fixture, NULL, fixture_set_up, test_layout, fixture_tear_down);
  g_test_add ("/chart/hit-test", Fixture, NULL, fixture_set_up, test_hit_test, fixture_tear_down);
  g_test_add ("/chart/paint", Fixture, NULL, fixture_set_up, test_paint, fixture_tear_down);
  g_test_add_func ("/chart/crowded-labels", test_crowded_labels);
  g_test_add_func ("/chart/average-is-not-the-whole-truth", test_average_is_not_the_whole_truth);
  g_test_add_func ("/chart/largest-shortfalls", test_largest_shortfalls);
  g_test_add_func ("/chart/staff-levels-by-post", test_staff_levels_by_post);
  g_test_add_func ("/chart/staff-pay-cost", test_staff_pay_cost);
  g_test_add ("/chart/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/chart/export-errors", Fixture, NULL, fixture_set_up, test_export_errors,
              fixture_tear_down);
  return g_test_run ();
}
