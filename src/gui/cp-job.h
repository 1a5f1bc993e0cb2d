/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Long work in a thread of its own, with a label, a progress fraction the window shows and a
 * Cancel. The work opens its own connection to the database (a CpStore is not shared between
 * threads); its result, if any, is handed back in the main thread. */
#pragma once

#include <gio/gio.h>

#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_JOB (cp_job_get_type ())
G_DECLARE_FINAL_TYPE (CpJob, cp_job, CP, JOB, GObject)

/* The work, in the job's thread. @store is a connection to the job's database opened for it
 * (NULL when the job was made without a database). Report progress with cp_job_progress();
 * set a result with cp_job_set_result(). On failure set @error and return FALSE. */
typedef gboolean (*CpJobFunc) (CpJob *job,
                               CpStore *store,
                               gpointer data,
                               GCancellable *cancellable,
                               GError **error);

/* Called in the main thread when the job is over; @error is NULL on success. */
typedef void (*CpJobDone) (CpJob *job, const GError *error, gpointer user_data);

/* @db_path: the database the work reads or writes (opened with @flags), or NULL for none.
 * @data is given to @func and freed with @data_free with the job. */
CpJob *cp_job_new (const char *label,
                   const char *db_path,
                   CpStoreOpenFlags flags,
                   CpJobFunc func,
                   gpointer data,
                   GDestroyNotify data_free);

const char *cp_job_get_label (CpJob *self);
gpointer cp_job_get_data (CpJob *self);
/* The fraction done, 0..1, or -1 while the work cannot tell. Any thread. */
double cp_job_get_fraction (CpJob *self);
gboolean cp_job_is_running (CpJob *self);

/* Runs the work in a thread; @done is called once, in the main thread. */
void cp_job_start (CpJob *self, CpJobDone done, gpointer user_data);
void cp_job_cancel (CpJob *self);

/* A CpProgressFunc: @job is the CpJob. Any thread. */
void cp_job_progress (double fraction, gpointer job);
/* In the work: what the job gives back (freed with @free unless stolen). */
void cp_job_set_result (CpJob *self, gpointer result, GDestroyNotify free);
/* In @done: takes the result. */
gpointer cp_job_steal_result (CpJob *self);

/* Whether @error only says that the person cancelled the job (nothing to show). */
gboolean cp_job_error_is_cancel (const GError *error);

G_END_DECLS
