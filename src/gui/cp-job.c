/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-job.h"

struct _CpJob
{
  GObject parent_instance;

  char *label;
  char *db_path; /* or NULL */
  CpStoreOpenFlags flags;
  CpJobFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GCancellable *cancellable;
  gpointer result;
  GDestroyNotify result_free;
  CpJobDone done;
  gpointer done_data;
  int permille; /* written by the thread; -1 while it cannot tell */
  gboolean running;
};

G_DEFINE_FINAL_TYPE (CpJob, cp_job, G_TYPE_OBJECT)

/* Auxiliary functions */

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CpJob *self = CP_JOB (source);
  GError *error = NULL;
  g_autoptr (CpStore) store = NULL;
  gboolean ok = TRUE;

  if (self->db_path != NULL)
    {
      store = cp_store_open (self->db_path, self->flags, &error);
      ok = store != NULL;
    }
  ok = ok && self->func (self, store, self->data, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CpJob *self = CP_JOB (source);
  g_autoptr (GError) error = NULL;

  self->running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_assert (error != NULL);
  self->done (self, error, self->done_data);
}

/* GObject overrides */

static void
cp_job_finalize (GObject *object)
{
  CpJob *self = CP_JOB (object);

  if (self->result_free != NULL)
    g_clear_pointer (&self->result, self->result_free);
  if (self->data_free != NULL)
    g_clear_pointer (&self->data, self->data_free);
  g_clear_object (&self->cancellable);
  g_free (self->label);
  g_free (self->db_path);
  G_OBJECT_CLASS (cp_job_parent_class)->finalize (object);
}

static void
cp_job_class_init (CpJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_job_finalize;
}

static void
cp_job_init (CpJob *self)
{
  self->cancellable = g_cancellable_new ();
  self->permille = -1;
}

/* Public API */

CpJob *
cp_job_new (const char *label,
            const char *db_path,
            CpStoreOpenFlags flags,
            CpJobFunc func,
            gpointer data,
            GDestroyNotify data_free)
{
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  CpJob *self = g_object_new (CP_TYPE_JOB, NULL);
  self->label = g_strdup (label);
  self->db_path = g_strdup (db_path);
  self->flags = flags;
  self->func = func;
  self->data = data;
  self->data_free = data_free;
  return self;
}

const char *
cp_job_get_label (CpJob *self)
{
  g_return_val_if_fail (CP_IS_JOB (self), NULL);
  return self->label;
}

gpointer
cp_job_get_data (CpJob *self)
{
  g_return_val_if_fail (CP_IS_JOB (self), NULL);
  return self->data;
}

double
cp_job_get_fraction (CpJob *self)
{
  g_return_val_if_fail (CP_IS_JOB (self), -1);

  int permille = g_atomic_int_get (&self->permille);
  return permille < 0 ? -1 : permille / 1000.0;
}

gboolean
cp_job_is_running (CpJob *self)
{
  g_return_val_if_fail (CP_IS_JOB (self), FALSE);
  return self->running;
}

void
cp_job_start (CpJob *self, CpJobDone done, gpointer user_data)
{
  g_return_if_fail (CP_IS_JOB (self));
  g_return_if_fail (done != NULL);
  g_return_if_fail (!self->running);

  self->running = TRUE;
  self->done = done;
  self->done_data = user_data;
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, job_done, NULL);
  /* The work's own answer: what it did before it saw Cancel, or its cancelled error. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

void
cp_job_cancel (CpJob *self)
{
  g_return_if_fail (CP_IS_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

void
cp_job_progress (double fraction, gpointer job)
{
  CpJob *self = job;

  g_atomic_int_set (&self->permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

void
cp_job_set_result (CpJob *self, gpointer result, GDestroyNotify free)
{
  g_return_if_fail (CP_IS_JOB (self));

  if (self->result_free != NULL)
    g_clear_pointer (&self->result, self->result_free);
  self->result = result;
  self->result_free = free;
}

gpointer
cp_job_steal_result (CpJob *self)
{
  g_return_val_if_fail (CP_IS_JOB (self), NULL);

  self->result_free = NULL;
  return g_steal_pointer (&self->result);
}

gboolean
cp_job_error_is_cancel (const GError *error)
{
  return g_error_matches (error, CP_ERROR, CP_ERROR_CANCELLED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
