/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-report-text.h"
#include "cp-staff-summary.h"

#define CANCEL_EVERY 4096 /* rows between cancellation checks */

typedef struct
{
  CpStaffFigures *figures;
  CpPayParams params;
  GCancellable *cancellable;
  guint64 rows;
} Gathering;

/* Gathering */

static void
township_cost_clear (CpStaffTownshipCost *t)
{
  g_free (t->code);
  g_free (t->name);
}

static void
change_clear (CpStaffChange *c)
{
  g_free (c->community);
  g_free (c->name);
  g_free (c->id_masked);
}

static CpStaffTownshipCost *
township_of (CpStaffFigures *figures, const CpStaffRow *row)
{
  GArray *townships = figures->townships;

  /* Rows come in township code order: a township is the last one or a new one. */
  if (townships->len > 0)
    {
      CpStaffTownshipCost *last = &g_array_index (townships, CpStaffTownshipCost,
                                                  townships->len - 1);
      if (g_strcmp0 (last->code, row->township_code) == 0)
        return last;
    }
  CpStaffTownshipCost t = {
    .code = g_strdup (row->township_code),
    .name = cp_report_text_clean (row->township),
  };
  g_array_append_val (townships, t);
  return &g_array_index (townships, CpStaffTownshipCost, townships->len - 1);
}

static gboolean
collect_row (const CpStaffRow *row, gpointer user_data)
{
  Gathering *g = user_data;
  CpStaffFigures *figures = g->figures;
  CpPayPerson person;
  gint64 gross = 0, employer = 0;
  gboolean paid = FALSE;

  if (++g->rows % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (g->cancellable))
    return FALSE;
  figures->roster++;
  cp_staff_row_pay_person (row, &person);
  for (int month = 1; month <= 12; month++)
    {
      CpPaySlip slip;
      if (!cp_pay_slip (&g->params, &person, figures->year, month, &slip))
        continue;
      paid = TRUE;
      gross += slip.gross;
      employer += slip.employer_total;
    }
  if (!paid)
    return TRUE;

  CpStaffPost post = row->staff->post;
  figures->staff++;
  figures->by_post[post]++;
  figures->by_level[post][CLAMP (row->level, 0, CP_LEVEL_MAX)]++;
  figures->gross_fen += gross;
  figures->employer_fen += employer;
  figures->leave_days += cp_annual_leave_days (row->staff->work_start, row->staff->service_start,
                                               figures->year);
  CpStaffTownshipCost *t = township_of (figures, row);
  t->staff++;
  t->gross_fen += gross;
  t->employer_fen += employer;
  return TRUE;
}

static gboolean
collect_change (const CpStaffRow *row, int to_level, CpAdvanceReason reason, gpointer user_data)
{
  Gathering *g = user_data;
  CpStaffFigures *figures = g->figures;

  if (++g->rows % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (g->cancellable))
    return FALSE;
  if (to_level == row->level)
    return TRUE;
  if (to_level > row->level)
    figures->up++;
  else
    figures->down++;
  if (figures->changes->len >= CP_STAFF_SUMMARY_CHANGES_LIMIT)
    return TRUE;
  CpStaffChange c = {
    .community = cp_report_text_clean (row->community),
    .name = cp_report_text_clean (row->staff->name),
    .id_masked = cp_id_number_mask (row->staff->id_number),
    .post = row->staff->post,
    .from = row->level,
    .to = to_level,
    .reason = reason,
  };
  g_array_append_val (figures->changes, c);
  return TRUE;
}

/* The levels of the level table: those someone holds, then "no level" when anyone has none. */
static void
find_levels (CpStaffFigures *f)
{
  for (int level = 1; level <= CP_LEVEL_MAX + 1; level++)
    {
      int l = level <= CP_LEVEL_MAX ? level : 0;
      guint count = 0;
      for (int post = 0; post < CP_N_POSTS; post++)
        count += f->by_level[post][l];
      if (count > 0)
        f->levels[f->n_levels++] = l;
    }
}

/* Text */

/* @fen as yuan with two decimals and thousands separated: "1,234,567.80". */
static char *
yuan_text (gint64 fen)
{
  guint64 magnitude = fen < 0 ? (guint64) -fen : (guint64) fen;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  GString *out = g_string_new (fen < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));
  return g_string_free (out, FALSE);
}

static const CpDocumentColumn level_columns[] = {
  { NULL, N_("Level"), 0.2, FALSE },
  { NULL, N_("Community heads"), 0.16, TRUE },
  { NULL, N_("Committee members"), 0.16, TRUE },
  { NULL, N_("Full-time workers"), 0.16, TRUE },
  { NULL, N_("Public-welfare posts"), 0.16, TRUE },
  { NULL, N_("Total"), 0.16, TRUE },
};

static const CpDocumentColumn cost_columns[] = {
  { NULL, N_("Township"), 0.2, FALSE },
  { NULL, N_("Staff"), 0.12, TRUE },
  { NULL, N_("Gross pay, yuan"), 0.22, TRUE },
  { NULL, N_("Employer 5+1, yuan"), 0.22, TRUE },
  { NULL, N_("Pay cost, yuan"), 0.24, TRUE },
};

static const CpDocumentColumn change_columns[] = {
  { NULL, N_("No."), 0.05, TRUE },
  { NULL, N_("Community"), 0.14, FALSE },
  { NULL, N_("Full name"), 0.09, FALSE },
  { NULL, N_("Identity number"), 0.19, FALSE },
  { NULL, N_("Post"), 0.16, FALSE },
  { NULL, N_("Level"), 0.08, TRUE },
  { NULL, N_("Reason"), 0.29, FALSE },
};

static char *
level_cell (gconstpointer data, int row, guint column)
{
  const CpStaffFigures *f = data;
  int level = row >= 0 ? f->levels[row] : 0;
  guint total = 0;

  if (row < 0 && column == 0)
    return g_strdup (_("Total"));
  if (column == 0)
    return level == 0 ? g_strdup (_("No level")) : g_strdup_printf (_("Level %d"), level);
  if (column <= CP_N_POSTS)
    {
      CpStaffPost post = column - 1;
      return g_strdup_printf ("%u", row < 0 ? f->by_post[post] : f->by_level[post][level]);
    }
  for (int post = 0; post < CP_N_POSTS; post++)
    total += row < 0 ? f->by_post[post] : f->by_level[post][level];
  return g_strdup_printf ("%u", total);
}

static char *
cost_cell (gconstpointer data, int row, guint column)
{
  const CpStaffFigures *f = data;
  const CpStaffTownshipCost *t = row >= 0 ? &g_array_index (f->townships, CpStaffTownshipCost,
                                                            row)
                                          : NULL;
  guint staff = t != NULL ? t->staff : f->staff;
  gint64 gross = t != NULL ? t->gross_fen : f->gross_fen;
  gint64 employer = t != NULL ? t->employer_fen : f->employer_fen;

  switch (column)
    {
    case 0: return t != NULL ? g_strdup (t->name) : g_strdup (_("Total"));
    case 1: return g_strdup_printf ("%u", staff);
    case 2: return yuan_text (gross);
    case 3: return yuan_text (employer);
    default: return yuan_text (gross + employer);
    }
}

static char *
change_cell (gconstpointer data, int row, guint column)
{
  const CpStaffFigures *f = data;
  const CpStaffChange *c = &g_array_index (f->changes, CpStaffChange, row);

  switch (column)
    {
    case 0: return g_strdup_printf ("%d", row + 1);
    case 1: return g_strdup (c->community);
    case 2: return g_strdup (c->name);
    case 3: return g_strdup (c->id_masked);
    case 4: return g_strdup (cp_vocabulary_display (cp_posts, CP_N_POSTS, c->post));
    case 5: return g_strdup_printf ("%d → %d", c->from, c->to);
    default: return g_strdup (cp_advance_reason_display (c->reason));
    }
}

static void
add_figure (CpDocument *document, const char *label, char *value)
{
  g_autofree char *owned = value;

  cp_document_add_figure (document, label, owned);
}

static void
add_key_figures (CpDocument *d, const CpStaffFigures *f)
{
  g_autofree char *cost = yuan_text (cp_staff_figures_cost (f));
  g_autofree char *gross = yuan_text (f->gross_fen);
  g_autofree char *employer = yuan_text (f->employer_fen);
  g_autofree char *on_duty_label = g_strdup_printf (_("On duty in %d"), f->year);
  g_autofree char *changes_label = g_strdup_printf (_("Level changes on 1 January %d"),
                                                    f->year + 1);

  add_figure (d, on_duty_label,
              g_strdup_printf (_("%u (heads %u, committee members %u, full-time workers %u, "
                                 "public-welfare posts %u)"),
                               f->staff, f->by_post[CP_POST_HEAD], f->by_post[CP_POST_MEMBER],
                               f->by_post[CP_POST_STAFF], f->by_post[CP_POST_WELFARE]));
  add_figure (d, _("Pay cost of the year"),
              g_strdup_printf (_("%s yuan: gross pay %s and the employer's insurance and housing "
                                 "fund %s, January to December as the roster stands"),
                               cost, gross, employer));
  add_figure (d, changes_label, g_strdup_printf (_("%u up, %u down"), f->up, f->down));
  g_autofree char *days = g_strdup_printf ("%" G_GINT64_FORMAT, f->leave_days);
  add_figure (d, _("Paid annual leave"),
              g_strdup_printf (ngettext ("%s day in all", "%s days in all",
                                         (gulong) CLAMP (f->leave_days, 0, G_MAXLONG)),
                               days));
}

static void
add_change_list (CpDocument *d, const CpStaffFigures *f)
{
  guint changes = f->up + f->down;

  if (changes == 0)
    {
      cp_document_add_paragraph (d, _("Nobody changes level on 1 January."));
      return;
    }
  g_autofree char *intro
      = f->changes->len < changes
            ? g_strdup_printf (_("The first %u of %u changes, in the order of the roster."),
                               f->changes->len, changes)
            : g_strdup (_("Level changes on 1 January, in the order of the roster."));
  cp_document_add_paragraph (d, intro);
  cp_document_keep_with_next (d);
  cp_document_add_table (d, change_columns, G_N_ELEMENTS (change_columns), f->changes->len,
                         FALSE, change_cell, f);
}

/* Public API */

CpStaffFigures *
cp_staff_figures_new (CpStore *store, int year, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  g_autoptr (CpStaffFigures) figures = g_new0 (CpStaffFigures, 1);
  Gathering g = { figures, .cancellable = cancellable };

  figures->year = year;
  figures->townships = g_array_new (FALSE, TRUE, sizeof (CpStaffTownshipCost));
  g_array_set_clear_func (figures->townships, (GDestroyNotify) township_cost_clear);
  figures->changes = g_array_new (FALSE, TRUE, sizeof (CpStaffChange));
  g_array_set_clear_func (figures->changes, (GDestroyNotify) change_clear);
  if (!cp_staff_store_get_params (store, year, &g.params, error)
      || !cp_staff_store_each (store, year, NULL, collect_row, &g, error)
      || !cp_staff_store_each_advance (store, year, NULL, collect_change, &g, error))
    return NULL;
  find_levels (figures);
  return g_steal_pointer (&figures);
}

void
cp_staff_figures_free (CpStaffFigures *figures)
{
  if (figures == NULL)
    return;
  g_clear_pointer (&figures->townships, g_array_unref);
  g_clear_pointer (&figures->changes, g_array_unref);
  g_free (figures);
}

gint64
cp_staff_figures_cost (const CpStaffFigures *figures)
{
  g_return_val_if_fail (figures != NULL, 0);
  return figures->gross_fen + figures->employer_fen;
}

void
cp_staff_summary_add_section (CpDocument *document, const CpStaffFigures *figures,
                              const char *heading)
{
  g_return_if_fail (document != NULL && figures != NULL && heading != NULL);

  if (figures->roster == 0)
    return;
  cp_document_add_heading (document, heading);
  add_key_figures (document, figures);
  cp_document_add_heading (document, _("Staff by post and level"));
  cp_document_add_table (document, level_columns, G_N_ELEMENTS (level_columns),
                         figures->n_levels, TRUE, level_cell, figures);
  if (figures->townships->len > 0)
    {
      cp_document_add_heading (document, _("Pay cost of the year by township"));
      cp_document_add_table (document, cost_columns, G_N_ELEMENTS (cost_columns),
                             figures->townships->len, TRUE, cost_cell, figures);
    }
  cp_document_add_heading (document, _("Level changes on 1 January"));
  add_change_list (document, figures);
}
