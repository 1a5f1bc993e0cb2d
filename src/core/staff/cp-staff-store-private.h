/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the staff domain's import and sample writers only: writes of rows already checked, inside
 * a transaction the caller holds, with statements prepared once. */
#pragma once

#include "cp-staff-store.h"

G_BEGIN_DECLS

/* Inserts @staff (its id 0; set on return) or, with an id, updates that row: no checks. */
gboolean _cp_staff_store_write (CpStore *store, CpStaff *staff, GError **error);
/* Inserts @staff (its id set on return) without checks: 1, or 0 when its identity number is on
 * the roster already (nothing written, no error), or -1 with @error. */
int _cp_staff_store_try_insert (CpStore *store, CpStaff *staff, GError **error);
/* Records the level of @year (no check of the post's range). */
gboolean _cp_staff_store_put_level (CpStore *store, gint64 staff_id, int year, int level,
                                    GError **error);
/* Records the grade of @year (not CP_GRADE_NONE). */
gboolean _cp_staff_store_put_grade (CpStore *store, gint64 staff_id, int year, CpGrade grade,
                                    GError **error);
/* Records an agreement; one with the same start gets the new end. */
gboolean _cp_staff_store_put_agreement (CpStore *store, const CpAgreement *agreement,
                                        GError **error);
/* Whether @staff_id has a level recorded at or before @year. */
gboolean _cp_staff_store_has_level (CpStore *store, gint64 staff_id, int year, gboolean *out,
                                    GError **error);
/* Records @value of the parameter @key for @year (no checks); cp_staff_store_check_params_from()
 * checks them afterwards. */
gboolean _cp_staff_store_put_param (CpStore *store, int year, CpPayParam param, double value,
                                    GError **error);
/* Whether the parameters in force in @year and in every later year with a recorded value fit
 * together (cp_pay_params_validate()); the message names the year. */
gboolean _cp_staff_store_check_params_from (CpStore *store, int year, GError **error);

/* A transaction of its own, or a savepoint inside the caller's. */
gboolean _cp_staff_store_begin (CpStore *store, gboolean *out_own, GError **error);
/* Commits (or releases) when @ok, else rolls back; returns @ok && it worked. */
gboolean _cp_staff_store_end (CpStore *store, gboolean own, gboolean ok, GError **error);

G_END_DECLS
