/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by cp-window.c and its actions in cp-window-actions.c. */
#pragma once

#include "cp-facility-page.h"
#include "cp-store.h"
#include "cp-window.h"

G_BEGIN_DECLS

struct _CpWindow
{
  GtkApplicationWindow parent_instance;

  /* template widgets */
  GtkSpinButton *year_spin;
  GtkInfoBar *sample_bar;
  GtkInfoBar *read_only_bar;
  GtkLabel *read_only_label;
  GtkStack *stack;
  CpFacilityPage *facility_page;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;

  /* owned */
  CpStore *store;
  GSettings *settings;      /* NULL when the schema is not installed */
  GCancellable *job_cancellable; /* the running job's, or NULL */
  guint progress_timeout;
  int job_permille;         /* written by the job's thread; -1 while it cannot tell */
};

/* Long work in a GTask thread with the progress bar and Cancel. @func reads its data with
 * g_task_get_task_data() and reports through cp_window_job_progress (user data: the window). */
void cp_window_start_job (CpWindow *self,
                          const char *label,
                          GTaskThreadFunc func,
                          gpointer task_data,
                          GDestroyNotify task_data_free,
                          GAsyncReadyCallback done);
/* Call first in a job's done callback. */
void cp_window_end_job (CpWindow *self);
/* A CpProgressFunc for jobs; @user_data is the window. */
void cp_window_job_progress (double fraction, gpointer user_data);

/* A modal message with @primary and the error's lines. */
void cp_window_show_error (CpWindow *self, const char *primary, const GError *error);
void cp_window_show_info (CpWindow *self, const char *primary, const char *secondary);
int cp_window_get_year (CpWindow *self);
/* Re-reads everything shown (after an import). */
void cp_window_reload (CpWindow *self);
/* Enables the actions that the store and a running job allow. */
void cp_window_update_actions (CpWindow *self);

/* In cp-window-actions.c */
void cp_window_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
