/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-staff-store.h"
#include "cp-staff-workbook.h"

#define CANCEL_EVERY 4096 /* rows between cancellation checks */

/* 花名册: every person on record; the columns marked private are left out when desensitized. */
enum
{
  R_TOWNSHIP,
  R_COMMUNITY_CODE,
  R_COMMUNITY,
  R_NAME,
  R_ID_NUMBER,
  R_GENDER,
  R_BIRTH,
  R_POST,
  R_ROLE,
  R_EDUCATION,
  R_QUALIFICATION,
  R_WORK_START,
  R_SERVICE_START,
  R_LEVEL,
  R_STATUS,
  R_STATUS_DATE,
  R_GRID_ROLE,
  R_PHONE,
  R_AGREEMENT_START,
  R_AGREEMENT_END,
  R_N_COLUMNS
};

static const CpXlsxColumn roster_columns[R_N_COLUMNS] = {
  { N_("Township"), 12, CP_XLSX_TEXT },
  { N_("Community code"), 14, CP_XLSX_TEXT },
  { N_("Community"), 16, CP_XLSX_TEXT },
  { N_("Full name"), 10, CP_XLSX_TEXT },
  { N_("Identity number"), 21, CP_XLSX_TEXT },
  { N_("Gender"), 6, CP_XLSX_TEXT },
  { N_("Birth date"), 11, CP_XLSX_TEXT },
  { N_("Post"), 14, CP_XLSX_TEXT },
  { N_("Role"), 12, CP_XLSX_TEXT },
  { N_("Education"), 12, CP_XLSX_TEXT },
  { N_("Qualification"), 14, CP_XLSX_TEXT },
  { N_("Work start"), 11, CP_XLSX_TEXT },
  { N_("Service start"), 11, CP_XLSX_TEXT },
  { N_("Level"), 6, CP_XLSX_COUNT },
  { N_("Status"), 8, CP_XLSX_TEXT },
  { N_("Status date"), 11, CP_XLSX_TEXT },
  { N_("Grid role"), 10, CP_XLSX_TEXT },
  { N_("Phone"), 14, CP_XLSX_TEXT },
  { N_("Agreement start"), 11, CP_XLSX_TEXT },
  { N_("Agreement end"), 11, CP_XLSX_TEXT },
};

/* 工资表: the month, who, the pay lines (yuan), the employee's and the employer's sides. */
enum
{
  P_MONTH,
  P_TOWNSHIP,
  P_COMMUNITY_CODE,
  P_COMMUNITY,
  P_NAME,
  P_ID_NUMBER,
  P_POST,
  P_LEVEL,
  P_PROBATION,
  P_BASE,
  P_PERFORMANCE,
  P_ALLOWANCE,
  P_GROSS,
  P_CONTRIBUTION_BASE,
  P_EMPLOYEE, /* CP_N_EMPLOYEE_LINES columns */
  P_EMPLOYEE_TOTAL = P_EMPLOYEE + CP_N_EMPLOYEE_LINES,
  P_TAX,
  P_NET,
  P_EMPLOYER, /* CP_N_EMPLOYER_LINES columns */
  P_EMPLOYER_TOTAL = P_EMPLOYER + CP_N_EMPLOYER_LINES,
  P_N_COLUMNS
};

#define P_FIRST_MONEY P_BASE

static const CpXlsxColumn pay_columns[P_N_COLUMNS] = {
  { N_("Month"), 8, CP_XLSX_TEXT },
  { N_("Township"), 12, CP_XLSX_TEXT },
  { N_("Community code"), 14, CP_XLSX_TEXT },
  { N_("Community"), 16, CP_XLSX_TEXT },
  { N_("Full name"), 14, CP_XLSX_TEXT },
  { N_("Identity number"), 21, CP_XLSX_TEXT },
  { N_("Post"), 14, CP_XLSX_TEXT },
  { N_("Level"), 6, CP_XLSX_COUNT },
  { N_("Probation"), 7, CP_XLSX_TEXT },
  { N_("Base pay"), 11, CP_XLSX_MONEY },
  { N_("Performance pay"), 11, CP_XLSX_MONEY },
  { N_("Qualification allowance"), 11, CP_XLSX_MONEY },
  { N_("Gross pay"), 11, CP_XLSX_MONEY },
  { N_("Contribution base"), 11, CP_XLSX_MONEY },
  { N_("Pension, employee"), 11, CP_XLSX_MONEY },
  { N_("Medical, employee"), 11, CP_XLSX_MONEY },
  { N_("Unemployment, employee"), 11, CP_XLSX_MONEY },
  { N_("Housing fund, employee"), 11, CP_XLSX_MONEY },
  { N_("Employee total"), 11, CP_XLSX_MONEY },
  { N_("Income tax"), 11, CP_XLSX_MONEY },
  { N_("Net pay"), 11, CP_XLSX_MONEY },
  { N_("Pension, employer"), 11, CP_XLSX_MONEY },
  { N_("Medical, employer"), 11, CP_XLSX_MONEY },
  { N_("Unemployment, employer"), 11, CP_XLSX_MONEY },
  { N_("Work injury, employer"), 11, CP_XLSX_MONEY },
  { N_("Housing fund, employer"), 11, CP_XLSX_MONEY },
  { N_("Employer total"), 11, CP_XLSX_MONEY },
};

/* 晋级名单: who changes level on 1 January of the next year, and why. */
enum
{
  A_TOWNSHIP,
  A_COMMUNITY_CODE,
  A_COMMUNITY,
  A_NAME,
  A_ID_NUMBER,
  A_POST,
  A_FROM,
  A_TO,
  A_CHANGE,
  A_REASON,
  A_N_COLUMNS
};

static const CpXlsxColumn advance_columns[A_N_COLUMNS] = {
  { N_("Township"), 12, CP_XLSX_TEXT },
  { N_("Community code"), 14, CP_XLSX_TEXT },
  { N_("Community"), 16, CP_XLSX_TEXT },
  { N_("Full name"), 10, CP_XLSX_TEXT },
  { N_("Identity number"), 21, CP_XLSX_TEXT },
  { N_("Post"), 14, CP_XLSX_TEXT },
  { N_("Level this year"), 9, CP_XLSX_COUNT },
  { N_("Level next year"), 9, CP_XLSX_COUNT },
  { N_("Change"), 7, CP_XLSX_COUNT },
  { N_("Reason"), 24, CP_XLSX_TEXT },
};

/* Money of one pay-sheet row (a person's, or a subtotal's): the P_FIRST_MONEY.. columns. */
typedef struct
{
  guint people;
  gint64 fen[P_N_COLUMNS - P_FIRST_MONEY];
} PayTotals;

typedef struct
{
  CpXlsx *xlsx;
  int year;
  int month;
  gboolean desensitize;
  GCancellable *cancellable;
  guint64 rows;
  CpDate today;
  guint32 max_rows;

  /* 花名册: the columns written, in order; the people written. */
  CpXlsxColumn roster[R_N_COLUMNS];
  int roster_field[R_N_COLUMNS];
  guint n_roster;
  guint64 roster_rows;

  /* 工资表 */
  char *month_text;
  char *township_code;
  char *township;
  char *community_code;
  char *community;
  PayTotals community_totals, township_totals, grand_totals;
} Writer;

/* Auxiliary functions */

static gboolean
should_go_on (Writer *w)
{
  if (++w->rows % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (w->cancellable))
    return FALSE;
  return cp_xlsx_check (w->xlsx, NULL);
}

static void
date_cell (CpXlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, CpDate date)
{
  if (!cp_date_is_set (date))
    {
      cp_xlsx_blank (x, ws, r, c, CP_XLSX_TEXT);
      return;
    }
  g_autofree char *text = cp_date_format (date);
  cp_xlsx_string (x, ws, r, c, text, CP_XLSX_TEXT);
}

static void
level_cell (CpXlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int level)
{
  if (level > 0)
    cp_xlsx_number (x, ws, r, c, level, CP_XLSX_COUNT);
  else
    cp_xlsx_blank (x, ws, r, c, CP_XLSX_COUNT);
}

/* Runs a pass that writes a list sheet, turning a stop by the callback into the right error. */
static gboolean
finish_pass (Writer *w, gboolean ok, GError *pass_error, GError **error)
{
  g_autoptr (GError) owned = pass_error;

  if (!cp_xlsx_check (w->xlsx, error))
    return FALSE;
  if (!ok)
    {
      if (g_error_matches (owned, CP_ERROR, CP_ERROR_CANCELLED))
        return cp_set_error (error, CP_ERROR_CANCELLED, _("The export was cancelled."));
      g_propagate_error (error, g_steal_pointer (&owned));
      return FALSE;
    }
  cp_xlsx_list_finish (w->xlsx);
  return cp_xlsx_check (w->xlsx, error);
}

/* 花名册 */

static void
write_roster_header (CpXlsx *x, lxw_worksheet *ws, gpointer user_data)
{
  Writer *w = user_data;

  cp_xlsx_write_header (x, ws, 0, w->roster, w->n_roster);
}

static void
roster_field (Writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int field,
              const CpStaffRow *row)
{
  CpXlsx *x = w->xlsx;
  const CpStaff *s = row->staff;
  CpDate birth = CP_DATE_NONE;
  CpGender gender = CP_GENDER_FEMALE;

  switch (field)
    {
    case R_TOWNSHIP: cp_xlsx_string (x, ws, r, c, row->township, CP_XLSX_TEXT); break;
    case R_COMMUNITY_CODE: cp_xlsx_string (x, ws, r, c, row->community_code, CP_XLSX_TEXT); break;
    case R_COMMUNITY: cp_xlsx_string (x, ws, r, c, row->community, CP_XLSX_TEXT); break;
    case R_NAME: cp_xlsx_string (x, ws, r, c, s->name, CP_XLSX_TEXT); break;
    case R_ID_NUMBER:
      {
        g_autofree char *masked = w->desensitize ? cp_id_number_mask (s->id_number) : NULL;
        cp_xlsx_string (x, ws, r, c, masked != NULL ? masked : s->id_number, CP_XLSX_TEXT);
        break;
      }
    case R_GENDER:
    case R_BIRTH:
      if (!cp_id_number_check (s->id_number, w->today, &birth, &gender, NULL))
        cp_xlsx_blank (x, ws, r, c, CP_XLSX_TEXT);
      else if (field == R_GENDER)
        cp_xlsx_string (x, ws, r, c, gender == CP_GENDER_MALE ? _("Male") : _("Female"),
                        CP_XLSX_TEXT);
      else
        date_cell (x, ws, r, c, birth);
      break;
    case R_POST:
      cp_xlsx_string (x, ws, r, c, cp_vocabulary_display (cp_posts, CP_N_POSTS, s->post),
                      CP_XLSX_TEXT);
      break;
    case R_ROLE: cp_xlsx_string (x, ws, r, c, s->role, CP_XLSX_TEXT); break;
    case R_EDUCATION:
      cp_xlsx_string (x, ws, r, c,
                      cp_vocabulary_display (cp_educations, CP_N_EDUCATIONS, s->education),
                      CP_XLSX_TEXT);
      break;
    case R_QUALIFICATION:
      cp_xlsx_string (x, ws, r, c,
                      cp_vocabulary_display (cp_qualifications, CP_N_QUALIFICATIONS,
                                             s->qualification),
                      CP_XLSX_TEXT);
      break;
    case R_WORK_START: date_cell (x, ws, r, c, s->work_start); break;
    case R_SERVICE_START: date_cell (x, ws, r, c, s->service_start); break;
    case R_LEVEL: level_cell (x, ws, r, c, row->level); break;
    case R_STATUS:
      cp_xlsx_string (x, ws, r, c,
                      cp_vocabulary_display (cp_staff_statuses, CP_N_STAFF_STATUSES, s->status),
                      CP_XLSX_TEXT);
      break;
    case R_STATUS_DATE: date_cell (x, ws, r, c, s->status_date); break;
    case R_GRID_ROLE:
      cp_xlsx_string (x, ws, r, c,
                      cp_vocabulary_display (cp_grid_roles, CP_N_GRID_ROLES, s->grid_role),
                      CP_XLSX_TEXT);
      break;
    case R_PHONE: cp_xlsx_string (x, ws, r, c, s->phone, CP_XLSX_TEXT); break;
    case R_AGREEMENT_START:
      date_cell (x, ws, r, c, row->has_agreement ? row->agreement.start : CP_DATE_NONE);
      break;
    default:
      date_cell (x, ws, r, c, row->has_agreement ? row->agreement.end : CP_DATE_NONE);
      break;
    }
}

static gboolean
write_roster_row (const CpStaffRow *row, gpointer user_data)
{
  Writer *w = user_data;
  lxw_worksheet *ws;
  lxw_row_t r;

  /* Started at the first person: a database without staff gets no staff sheets. */
  if (w->roster_rows++ == 0
      && !cp_xlsx_list_start (w->xlsx, CP_STAFF_ROSTER_SHEET, w->n_roster, w->max_rows,
                              write_roster_header, w))
    return FALSE;
  if (!cp_xlsx_list_next_row (w->xlsx, &ws, &r))
    return FALSE;
  for (guint i = 0; i < w->n_roster; i++)
    roster_field (w, ws, r, i, w->roster_field[i], row);
  return should_go_on (w);
}

static gboolean
write_roster (Writer *w, CpStore *store, GError **error)
{
  GError *pass_error = NULL;

  w->n_roster = 0;
  for (int field = 0; field < R_N_COLUMNS; field++)
    {
      /* Personal information a desensitized roster leaves out (the number is masked). */
      if (w->desensitize && (field == R_BIRTH || field == R_PHONE))
        continue;
      w->roster[w->n_roster] = roster_columns[field];
      w->roster_field[w->n_roster++] = field;
    }
  gboolean ok = cp_staff_store_each (store, w->year, NULL, write_roster_row, w, &pass_error);
  if (ok && w->roster_rows == 0)
    return cp_xlsx_check (w->xlsx, error);
  return finish_pass (w, ok, pass_error, error);
}

/* 工资表 */

static void
write_pay_header (CpXlsx *x, lxw_worksheet *ws, gpointer user_data)
{
  cp_xlsx_write_header (x, ws, 0, pay_columns, P_N_COLUMNS);
}

static void
slip_totals (const CpPaySlip *slip, PayTotals *out)
{
  gint64 *fen = out->fen;

  *out = (PayTotals){ .people = 1 };
  fen[P_BASE - P_FIRST_MONEY] = slip->base;
  fen[P_PERFORMANCE - P_FIRST_MONEY] = slip->performance;
  fen[P_ALLOWANCE - P_FIRST_MONEY] = slip->allowance;
  fen[P_GROSS - P_FIRST_MONEY] = slip->gross;
  fen[P_CONTRIBUTION_BASE - P_FIRST_MONEY] = slip->contribution_base;
  for (int i = 0; i < CP_N_EMPLOYEE_LINES; i++)
    fen[P_EMPLOYEE + i - P_FIRST_MONEY] = slip->employee[i];
  fen[P_EMPLOYEE_TOTAL - P_FIRST_MONEY] = slip->employee_total;
  fen[P_TAX - P_FIRST_MONEY] = slip->income_tax;
  fen[P_NET - P_FIRST_MONEY] = slip->net;
  for (int i = 0; i < CP_N_EMPLOYER_LINES; i++)
    fen[P_EMPLOYER + i - P_FIRST_MONEY] = slip->employer[i];
  fen[P_EMPLOYER_TOTAL - P_FIRST_MONEY] = slip->employer_total;
}

static void
totals_add (PayTotals *to, const PayTotals *t)
{
  to->people += t->people;
  for (guint i = 0; i < G_N_ELEMENTS (t->fen); i++)
    to->fen[i] += t->fen[i];
}

static void
write_money (CpXlsx *x, lxw_worksheet *ws, lxw_row_t r, const PayTotals *t, gboolean total)
{
  for (int col = P_FIRST_MONEY; col < P_N_COLUMNS; col++)
    cp_xlsx_number (x, ws, r, col, (double) t->fen[col - P_FIRST_MONEY] / 100.0,
                    total ? CP_XLSX_TOTAL_MONEY : CP_XLSX_MONEY);
}

/* A subtotal row: @label in the name column ("Subtotal of 社区 (3 people)"), the sums. */
static gboolean
write_subtotal (Writer *w, const char *township, const char *community, const char *label,
                PayTotals *t)
{
  CpXlsx *x = w->xlsx;
  lxw_worksheet *ws;
  lxw_row_t r;

  if (!cp_xlsx_list_next_row (x, &ws, &r))
    return FALSE;
  g_autofree char *text = g_strdup_printf (ngettext ("%s (%u person)", "%s (%u people)",
                                                     t->people),
                                           label, t->people);
  for (int col = 0; col < P_FIRST_MONEY; col++)
    {
      const char *cell = col == P_MONTH       ? w->month_text
                         : col == P_TOWNSHIP  ? township
                         : col == P_COMMUNITY ? community
                         : col == P_NAME      ? text
                                              : NULL;
      if (cell != NULL)
        cp_xlsx_string (x, ws, r, col, cell, CP_XLSX_TOTAL_TEXT);
      else
        cp_xlsx_blank (x, ws, r, col, CP_XLSX_TOTAL_TEXT);
    }
  write_money (x, ws, r, t, TRUE);
  *t = (PayTotals){ 0 };
  return cp_xlsx_check (x, NULL);
}

static gboolean
close_community (Writer *w)
{
  if (w->community_code == NULL)
    return TRUE;
  totals_add (&w->township_totals, &w->community_totals);
  gboolean ok = write_subtotal (w, w->township, w->community, _("Community subtotal"),
                                &w->community_totals);
  g_clear_pointer (&w->community_code, g_free);
  g_clear_pointer (&w->community, g_free);
  return ok;
}

static gboolean
close_township (Writer *w)
{
  if (!close_community (w))
    return FALSE;
  if (w->township_code == NULL)
    return TRUE;
  totals_add (&w->grand_totals, &w->township_totals);
  gboolean ok = write_subtotal (w, w->township, NULL, _("Township subtotal"),
                                &w->township_totals);
  g_clear_pointer (&w->township_code, g_free);
  g_clear_pointer (&w->township, g_free);
  return ok;
}

static gboolean
write_pay_row (const CpStaffRow *row, const CpPaySlip *slip, gpointer user_data)
{
  Writer *w = user_data;
  CpXlsx *x = w->xlsx;
  lxw_worksheet *ws;
  lxw_row_t r;

  if (g_strcmp0 (w->township_code, row->township_code) != 0)
    {
      if (!close_township (w))
        return FALSE;
      w->township_code = g_strdup (row->township_code);
      w->township = g_strdup (row->township);
    }
  if (g_strcmp0 (w->community_code, row->community_code) != 0)
    {
      if (!close_community (w))
        return FALSE;
      w->community_code = g_strdup (row->community_code);
      w->community = g_strdup (row->community);
    }
  if (!cp_xlsx_list_next_row (x, &ws, &r))
    return FALSE;

  g_autofree char *masked = cp_id_number_mask (row->staff->id_number);
  PayTotals t;
  slip_totals (slip, &t);
  totals_add (&w->community_totals, &t);
  cp_xlsx_string (x, ws, r, P_MONTH, w->month_text, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, P_TOWNSHIP, row->township, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, P_COMMUNITY_CODE, row->community_code, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, P_COMMUNITY, row->community, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, P_NAME, row->staff->name, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, P_ID_NUMBER, masked, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, P_POST,
                  cp_vocabulary_display (cp_posts, CP_N_POSTS, row->staff->post), CP_XLSX_TEXT);
  level_cell (x, ws, r, P_LEVEL, slip->level);
  if (slip->probation)
    cp_xlsx_string (x, ws, r, P_PROBATION, _("Yes"), CP_XLSX_TEXT);
  else
    cp_xlsx_blank (x, ws, r, P_PROBATION, CP_XLSX_TEXT);
  write_money (x, ws, r, &t, FALSE);
  return should_go_on (w);
}

static gboolean
write_pay (Writer *w, CpStore *store, GError **error)
{
  GError *pass_error = NULL;

  w->month_text = g_strdup_printf ("%04d-%02d", w->year, w->month);
  if (!cp_xlsx_list_start (w->xlsx, CP_STAFF_PAY_SHEET, P_N_COLUMNS, w->max_rows, write_pay_header,
                           w))
    return cp_xlsx_check (w->xlsx, error);
  gboolean ok = cp_staff_store_each_slip (store, w->year, w->month, NULL, write_pay_row, w,
                                          &pass_error);
  if (ok)
    ok = close_township (w) && write_subtotal (w, NULL, NULL, _("Grand total"), &w->grand_totals);
  return finish_pass (w, ok, pass_error, error);
}

/* 晋级名单 */

static void
write_advance_header (CpXlsx *x, lxw_worksheet *ws, gpointer user_data)
{
  cp_xlsx_write_header (x, ws, 0, advance_columns, A_N_COLUMNS);
}

static gboolean
write_advance_row (const CpStaffRow *row, int to_level, CpAdvanceReason reason,
                   gpointer user_data)
{
  Writer *w = user_data;
  CpXlsx *x = w->xlsx;
  lxw_worksheet *ws;
  lxw_row_t r;

  if (to_level == row->level)
    return should_go_on (w);
  if (!cp_xlsx_list_next_row (x, &ws, &r))
    return FALSE;
  g_autofree char *masked = cp_id_number_mask (row->staff->id_number);
  cp_xlsx_string (x, ws, r, A_TOWNSHIP, row->township, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, A_COMMUNITY_CODE, row->community_code, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, A_COMMUNITY, row->community, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, A_NAME, row->staff->name, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, A_ID_NUMBER, masked, CP_XLSX_TEXT);
  cp_xlsx_string (x, ws, r, A_POST,
                  cp_vocabulary_display (cp_posts, CP_N_POSTS, row->staff->post), CP_XLSX_TEXT);
  cp_xlsx_number (x, ws, r, A_FROM, row->level, CP_XLSX_COUNT);
  cp_xlsx_number (x, ws, r, A_TO, to_level, CP_XLSX_COUNT);
  cp_xlsx_number (x, ws, r, A_CHANGE, to_level - row->level, CP_XLSX_COUNT);
  cp_xlsx_string (x, ws, r, A_REASON, cp_advance_reason_display (reason),
                  to_level < row->level ? CP_XLSX_ALERT : CP_XLSX_TEXT);
  return should_go_on (w);
}

static gboolean
write_advance (Writer *w, CpStore *store, GError **error)
{
  GError *pass_error = NULL;

  if (!cp_xlsx_list_start (w->xlsx, CP_STAFF_ADVANCE_SHEET, A_N_COLUMNS, w->max_rows,
                           write_advance_header, w))
    return cp_xlsx_check (w->xlsx, error);
  gboolean ok = cp_staff_store_each_advance (store, w->year, NULL, write_advance_row, w,
                                             &pass_error);
  return finish_pass (w, ok, pass_error, error);
}

/* Public API */

int
cp_staff_report_default_month (int year)
{
  CpDate today = cp_date_today ();

  return today.year == year ? today.month : 12;
}

gboolean
cp_staff_workbook_write (CpXlsx *xlsx, CpStore *store, int year, int month,
                         gboolean desensitize, guint32 max_rows, GCancellable *cancellable,
                         GError **error)
{
  g_return_val_if_fail (xlsx != NULL && store != NULL, FALSE);
  g_return_val_if_fail (month >= 1 && month <= 12, FALSE);

  Writer w = {
    .xlsx = xlsx,
    .year = year,
    .month = month,
    .desensitize = desensitize,
    .cancellable = cancellable,
    .today = cp_date_today (),
    .max_rows = max_rows,
  };
  gboolean ok = write_roster (&w, store, error);
  if (ok && w.roster_rows > 0)
    ok = write_pay (&w, store, error) && write_advance (&w, store, error);
  g_free (w.month_text);
  g_free (w.township_code);
  g_free (w.township);
  g_free (w.community_code);
  g_free (w.community);
  return ok;
}
