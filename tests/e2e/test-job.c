/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CpJob: the work runs in another thread, its result and progress come back, Cancel reaches it,
 * and a database that cannot be opened fails the job before the work. No display needed. */
#include "config.h"

#include <glib/gstdio.h>

#include "cp-job.h"

typedef struct
{
  GMainLoop *loop;
  GError *error;
  char *result;
  double fraction;
  gboolean called;
} Outcome;

static void
on_done (CpJob *job, const GError *error, gpointer user_data)
{
  Outcome *outcome = user_data;

  outcome->called = TRUE;
  outcome->error = error != NULL ? g_error_copy (error) : NULL;
  outcome->result = cp_job_steal_result (job);
  outcome->fraction = cp_job_get_fraction (job);
  g_main_loop_quit (outcome->loop);
}

static void
run (CpJob *job, Outcome *outcome, gboolean cancel)
{
  outcome->loop = g_main_loop_new (NULL, FALSE);
  cp_job_start (job, on_done, outcome);
  g_assert_true (cp_job_is_running (job));
  if (cancel)
    cp_job_cancel (job);
  g_main_loop_run (outcome->loop);
  g_main_loop_unref (outcome->loop);
  g_assert_false (cp_job_is_running (job));
}

static gboolean
half_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_assert_null (store);
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  cp_job_progress (0.5, job);
  cp_job_set_result (job, g_strdup_printf ("%s done", (const char *) data), g_free);
  return TRUE;
}

static void
test_result (void)
{
  g_autoptr (CpJob) job = cp_job_new ("half", NULL, CP_STORE_OPEN_DEFAULT, half_work,
                                      g_strdup ("work"), g_free);
  Outcome outcome = { 0 };

  g_assert_cmpfloat (cp_job_get_fraction (job), ==, -1);
  run (job, &outcome, FALSE);
  g_assert_true (outcome.called);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.result, ==, "work done");
  g_assert_cmpfloat (outcome.fraction, ==, 0.5);
  g_assert_cmpstr (cp_job_get_label (job), ==, "half");
  g_free (outcome.result);
}

static gboolean
wait_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  /* Stops only when cancelled: a job that never saw Cancel would hang the test (its timeout). */
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);
  g_set_error (error, CP_ERROR, CP_ERROR_CANCELLED, "Cancelled");
  return FALSE;
}

static void
test_cancel (void)
{
  g_autoptr (CpJob) job = cp_job_new ("wait", NULL, CP_STORE_OPEN_DEFAULT, wait_work, NULL,
                                      NULL);
  Outcome outcome = { 0 };

  run (job, &outcome, TRUE);
  g_assert_error (outcome.error, CP_ERROR, CP_ERROR_CANCELLED);
  g_assert_true (cp_job_error_is_cancel (outcome.error));
  g_assert_null (outcome.result);
  g_error_free (outcome.error);
}

static gboolean
never_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_assert_not_reached ();
}

static void
test_no_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cp-job-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "absent.db", NULL);
  g_autoptr (CpJob) job = cp_job_new ("none", path, CP_STORE_OPEN_READ_ONLY, never_work, NULL,
                                      NULL);
  Outcome outcome = { 0 };

  run (job, &outcome, FALSE);
  g_assert_nonnull (outcome.error);
  g_assert_false (cp_job_error_is_cancel (outcome.error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_error_free (outcome.error);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/job/result", test_result);
  g_test_add_func ("/job/cancel", test_cancel);
  g_test_add_func ("/job/no-database", test_no_database);
  return g_test_run ();
}
