/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every SQL statement on staff: the roster, levels per year, annual grades, service agreements
 * and the pay parameters per year; the one-pass reading of a year that pay sheets, checks,
 * advancement and reports share; the queries of the window's roster list. */
#pragma once

#include "cp-staff-rules.h"
#include "cp-store.h"

G_BEGIN_DECLS

/* Pay parameters */

/* The parameters in force in @year: for each, the latest value recorded at or before @year
 * (its year in from_year), else the default (from_year 0). */
gboolean cp_staff_store_get_params (CpStore *store, int year, CpPayParams *out, GError **error);
/* Records the value of @param for @year (checked against its range and against the others in
 * force, cp_pay_params_validate()). */
gboolean cp_staff_store_set_param (CpStore *store, int year, CpPayParam param, double value,
                                   GError **error);
/* Records every parameter of @params whose value differs from the one in force in
 * @params->year, in one transaction; validates them together first. */
gboolean cp_staff_store_set_params (CpStore *store, const CpPayParams *params, GError **error);
/* Removes the value recorded for @year (the earlier one, or the default, is in force again). */
gboolean cp_staff_store_clear_param (CpStore *store, int year, CpPayParam param, GError **error);

/* The roster */

/* Adds (@staff->id 0) or updates (by id) a person; validated first (cp_staff_validate(), and
 * an identity number already on the roster is refused with a message naming that person). @id
 * is set on return. */
gboolean cp_staff_store_save (CpStore *store, CpStaff *staff, GError **error);
/* Reads one person; FALSE with CP_ERROR_NOT_FOUND when there is none. */
gboolean cp_staff_store_get (CpStore *store, gint64 id, CpStaff *out, GError **error);
/* The id of the person with @id_number, or 0. */
gint64 cp_staff_store_find (CpStore *store, const char *id_number, GError **error);
/* Removes a person with their levels, grades and agreements. */
gboolean cp_staff_store_delete (CpStore *store, gint64 id, GError **error);

/* Levels, grades, agreements */

typedef struct
{
  gint64 staff_id;
  int year;
  int level; /* 0: none recorded in that year */
} CpLevelEntry;

/* Records each entry's level (0 removes the year's record), in one transaction; each level is
 * checked against the post's range in force in its year. */
gboolean cp_staff_store_write_levels (CpStore *store, const CpLevelEntry *entries, guint n,
                                      GError **error);
/* Reads the level recorded for each entry's person and year into entry->level (0 when none). */
gboolean cp_staff_store_read_levels (CpStore *store, CpLevelEntry *entries, guint n,
                                     GError **error);
/* The level history of one person: CpLevelEntry by year (only the years recorded). */
GArray *cp_staff_store_level_history (CpStore *store, gint64 staff_id, GError **error);

/* Records (or, with CP_GRADE_NONE, removes) the grade of @year. */
gboolean cp_staff_store_set_grade (CpStore *store, gint64 staff_id, int year, CpGrade grade,
                                   GError **error);
CpGrade cp_staff_store_get_grade (CpStore *store, gint64 staff_id, int year, GError **error);

typedef struct
{
  gint64 staff_id;
  CpDate start;
  CpDate end; /* no date: open-ended */
} CpAgreement;

/* Records a service agreement (start ≤ end). */
gboolean cp_staff_store_add_agreement (CpStore *store, const CpAgreement *agreement,
                                       GError **error);
/* The latest agreement (by start) of a person; FALSE in @out_found when there is none. */
gboolean cp_staff_store_latest_agreement (CpStore *store, gint64 staff_id, CpAgreement *out,
                                          gboolean *out_found, GError **error);

/* One pass over a year */

/* One person in @year with everything the rules need; the strings live until the callback
 * returns. */
typedef struct
{
  const CpStaff *staff;
  gint64 township_id;
  const char *township_code;
  const char *township;
  const char *community_code;
  const char *community;
  int level;           /* the latest recorded at or before the year; 0: none (or welfare) */
  CpDate level_since;  /* first day the level was held (cp_staff_advance()) */
  CpGrade grade;          /* of the year */
  CpGrade previous_grade; /* of the year before */
  gboolean has_agreement;
  CpAgreement agreement; /* the latest */
} CpStaffRow;

/* What the rules take from a row. */
void cp_staff_row_pay_person (const CpStaffRow *row, CpPayPerson *out);
void cp_staff_row_check_input (const CpStaffRow *row, CpStaffCheckInput *out);

typedef gboolean (*CpStaffRowFunc) (const CpStaffRow *row, gpointer user_data);

/* Which people a pass or a list takes. */
typedef struct
{
  gint64 township_id;  /* 0: all */
  gint64 community_id; /* 0: all */
  int post;            /* a CpStaffPost, or -1 for all */
  int status;          /* a CpStaffStatus, or -1 for all */
  const char *search;  /* part of the name, or the last 4 characters of the identity number */
} CpStaffFilter;

#define CP_STAFF_FILTER_ALL ((CpStaffFilter){ 0, 0, -1, -1, NULL })

/* Calls @func for each person of @filter (NULL: everyone) in @year, in township code, community
 * code, post, identity number order, in one query. Fails with CP_ERROR_CANCELLED when @func
 * returns FALSE. */
gboolean cp_staff_store_each (CpStore *store, int year, const CpStaffFilter *filter,
                              CpStaffRowFunc func, gpointer user_data, GError **error);

/* The window's roster list */

typedef enum
{
  CP_STAFF_SORT_NATURAL, /* township, community, post, identity number */
  CP_STAFF_SORT_NAME,
  CP_STAFF_SORT_COMMUNITY,
  CP_STAFF_SORT_POST,
  CP_STAFF_SORT_LEVEL,
  CP_STAFF_SORT_STATUS,
  CP_STAFF_SORT_SERVICE_START,
} CpStaffSort;

/* Appends the ids (gint64) of the people of @filter in @year, sorted in SQL, ties in natural
 * order. */
gboolean cp_staff_store_list_ids (CpStore *store, int year, const CpStaffFilter *filter,
                                  CpStaffSort sort, gboolean descending, GArray *out_ids,
                                  GError **error);
/* Called once per person found, with its index in @ids. */
typedef void (*CpStaffListRowFunc) (guint index, const CpStaffRow *row, gpointer user_data);
/* Reads the rows of @n @ids in @year. */
gboolean cp_staff_store_read_rows (CpStore *store, int year, const gint64 *ids, guint n,
                                   CpStaffListRowFunc func, gpointer user_data, GError **error);

/* Pay sheets and advancement, for every surface (command line, window, workbook, summary) */

typedef gboolean (*CpStaffSlipFunc) (const CpStaffRow *row, const CpPaySlip *slip,
                                     gpointer user_data);
/* Calls @func with the pay slip of @month of @year of each person of @filter paid in that month
 * (cp_pay_is_paid()), in cp_staff_store_each() order, with the parameters of @year: one pass. */
gboolean cp_staff_store_each_slip (CpStore *store, int year, int month,
                                   const CpStaffFilter *filter, CpStaffSlipFunc func,
                                   gpointer user_data, GError **error);

typedef gboolean (*CpStaffAdvanceFunc) (const CpStaffRow *row, int to_level,
                                        CpAdvanceReason reason, gpointer user_data);
/* Calls @func for each person 在岗 in @year with a level (of @filter), with the level on
 * 1 January of @year + 1 and the reason (cp_staff_advance()), kept levels included. */
gboolean cp_staff_store_each_advance (CpStore *store, int year, const CpStaffFilter *filter,
                                      CpStaffAdvanceFunc func, gpointer user_data,
                                      GError **error);
/* Writes the levels of @year + 1 of everyone whose level changes (one transaction). @out_previous
 * (optional, CpLevelEntry) gets what @year + 1 held before for them, so that
 * cp_staff_store_write_levels() of it undoes the step; @out_changed (optional) the number. */
gboolean cp_staff_store_apply_advance (CpStore *store, int year, GArray *out_previous,
                                       guint *out_changed, GError **error);

G_END_DECLS
