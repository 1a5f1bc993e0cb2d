/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by cp-window.c and its actions in cp-window-actions.c. */
#pragma once

#include "cp-job.h"
#include "cp-page.h"
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
  GtkMenuButton *export_button;
  GtkStack *stack;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;

  /* owned */
  CpStore *store;
  GSettings *settings;  /* NULL when the schema is not installed */
  GMenu *export_menu;   /* the visible page's exports */
  CpJob *job;           /* the running one, or NULL */
  guint progress_timeout;
};

/* Runs @job (transfer full) with the progress bar and Cancel, the actions turned off meanwhile;
 * @done is called when it is over, after the window is idle again. One job at a time. */
void _cp_window_run_job (CpWindow *self, CpJob *job, CpJobDone done, gpointer user_data);

/* A modal message with @primary and the error's lines. */
void _cp_window_show_error (CpWindow *self, const char *primary, const GError *error);
void _cp_window_show_info (CpWindow *self, const char *primary, const char *secondary);
int _cp_window_get_year (CpWindow *self);
/* The page shown, or NULL before any is added. */
CpPage *_cp_window_get_visible_page (CpWindow *self);
/* Re-reads everything shown (after an import). */
void _cp_window_reload (CpWindow *self);
/* Enables the actions that the store, the visible page and a running job allow. */
void _cp_window_update_actions (CpWindow *self);

/* In cp-window-actions.c */
void _cp_window_install_actions (GtkWidgetClass *widget_class);
/* Fills the Export menu with the visible page's exports. */
void _cp_window_fill_export_menu (CpWindow *self);

G_END_DECLS
