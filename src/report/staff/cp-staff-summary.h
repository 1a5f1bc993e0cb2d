/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The year's figures of 社工岗 staff that the printed summary and the charts show: who is on
 * duty by post and level, the year's pay cost in total and per township, the level changes on
 * 1 January of the next year and the paid leave, gathered in one pass over the store; and the
 * summary's 社工岗 section made of them. */
#pragma once

#include <gio/gio.h>

#include "cp-document.h"
#include "cp-staff-store.h"

G_BEGIN_DECLS

/* The list of level changes shows at most this many (the order of the roster). */
#define CP_STAFF_SUMMARY_CHANGES_LIMIT 200

typedef struct
{
  char *code;
  char *name;
  guint staff;         /* on duty in at least one month of the year */
  gint64 gross_fen;    /* the 12 months' gross pay */
  gint64 employer_fen; /* the 12 months' employer contributions (五险一金, employer's side) */
} CpStaffTownshipCost;

typedef struct
{
  char *community;
  char *name;
  char *id_masked;
  CpStaffPost post;
  int from, to;
  CpAdvanceReason reason;
} CpStaffChange;

typedef struct
{
  int year;
  guint roster;                                  /* everyone on record, any status */
  guint staff;                                   /* on duty in at least one month of the year */
  guint by_post[CP_N_POSTS];
  guint by_level[CP_N_POSTS][CP_LEVEL_MAX + 1];  /* [post][level]; level 0: none (welfare) */
  int levels[CP_LEVEL_MAX + 1]; /* the levels someone holds, ascending, then 0 if anyone has none */
  guint n_levels;
  /* The year's pay cost: the 12 months of January to December as the roster stands (a person
   * who leaves counts for the months before), gross pay plus the employer's contributions. */
  gint64 gross_fen;
  gint64 employer_fen;
  gint64 leave_days;   /* paid annual leave of the year, of everyone on duty */
  guint up, down;      /* level changes on 1 January of year + 1 */
  GArray *townships;   /* CpStaffTownshipCost, township code order, only townships with staff */
  GArray *changes;     /* CpStaffChange, at most CP_STAFF_SUMMARY_CHANGES_LIMIT */
} CpStaffFigures;

/* Gathers the figures of @year (one pass over the roster, one over the advancement). */
CpStaffFigures *cp_staff_figures_new (CpStore *store, int year, GCancellable *cancellable,
                                      GError **error);
void cp_staff_figures_free (CpStaffFigures *figures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpStaffFigures, cp_staff_figures_free)

/* The pay cost (gross + employer) in fen. */
gint64 cp_staff_figures_cost (const CpStaffFigures *figures);

/* Appends the 社工岗 section, headed @heading (e.g. "5. Community workers"), to @document;
 * nothing when nobody is on the roster. @figures is kept, not copied. */
void cp_staff_summary_add_section (CpDocument *document, const CpStaffFigures *figures,
                                   const char *heading);

G_END_DECLS
