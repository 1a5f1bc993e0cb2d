/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-advance-dialog.h"
#include "cp-job.h"

/* The preview lists this many changes at most; the counts cover everyone. */
#define MAX_LISTED 5000

struct _CpAdvanceDialog
{
  GtkWindow parent_instance;

  /* template widgets */
  GtkLabel *heading;
  GtkLabel *summary;
  GtkBox *progress_box;
  GtkProgressBar *progress_bar;
  GtkListView *changes;
  GtkLabel *message;
  GtkButton *apply_button;

  /* owned */
  char *db_path;
  CpJob *job;
  GArray *previous; /* CpLevelEntry, after Apply */
  guint progress_timeout;
  int year;
  gboolean read_only;
};

G_DEFINE_FINAL_TYPE (CpAdvanceDialog, cp_advance_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the preview's thread gathers. */
typedef struct
{
  int year;
  GPtrArray *lines; /* char *, the changes listed */
  guint changed;
  guint reasons[CP_N_ADVANCE_REASONS];
} Preview;

static void
preview_free (Preview *preview)
{
  g_ptr_array_unref (preview->lines);
  g_free (preview);
}

/* What the apply's thread gives back. */
typedef struct
{
  int year;
  GArray *previous;
  guint changed;
} Applied;

static void
applied_free (Applied *applied)
{
  g_clear_pointer (&applied->previous, g_array_unref);
  g_free (applied);
}

/* Auxiliary functions */

static char *
change_line (const CpStaffRow *row, int to_level, CpAdvanceReason reason)
{
  /* Translators: one change of the advancement preview: name, community, level, new level,
   * reason */
  return g_strdup_printf (_("%s (%s): level %d → %d, %s"), row->staff->name, row->community,
                          row->level, to_level, cp_advance_reason_display (reason));
}

static gboolean
gather_one (const CpStaffRow *row, int to_level, CpAdvanceReason reason, gpointer user_data)
{
  Preview *preview = user_data;

  preview->reasons[reason]++;
  if (to_level == row->level)
    return TRUE;
  preview->changed++;
  if (preview->lines->len < MAX_LISTED)
    g_ptr_array_add (preview->lines, change_line (row, to_level, reason));
  return TRUE;
}

static gboolean
preview_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable,
              GError **error)
{
  Preview *preview = g_new0 (Preview, 1);

  preview->year = GPOINTER_TO_INT (data);
  preview->lines = g_ptr_array_new_with_free_func (g_free);
  if (!cp_staff_store_each_advance (store, preview->year, NULL, gather_one, preview, error))
    {
      preview_free (preview);
      return FALSE;
    }
  cp_job_set_result (job, preview, (GDestroyNotify) preview_free);
  return TRUE;
}

static gboolean
apply_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable,
            GError **error)
{
  Applied *applied = g_new0 (Applied, 1);

  applied->year = GPOINTER_TO_INT (data);
  applied->previous = g_array_new (FALSE, FALSE, sizeof (CpLevelEntry));
  if (!cp_staff_store_apply_advance (store, applied->year, applied->previous, &applied->changed,
                                     error))
    {
      applied_free (applied);
      return FALSE;
    }
  cp_job_set_result (job, applied, (GDestroyNotify) applied_free);
  return TRUE;
}

static gboolean
pulse (gpointer user_data)
{
  CpAdvanceDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
start_job (CpAdvanceDialog *self, CpJob *job, CpJobDone done, const char *label)
{
  self->job = job;
  gtk_progress_bar_set_text (self->progress_bar, label);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  self->progress_timeout = g_timeout_add (150, pulse, self);
  cp_job_start (job, done, g_object_ref (self));
}

/* Ends the job in @self; FALSE (and the message shown) when it failed or was cancelled. */
static gboolean
end_job (CpAdvanceDialog *self, const GError *error, const char *failure)
{
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), FALSE);
  if (error == NULL)
    return TRUE;
  if (!cp_job_error_is_cancel (error))
    {
      g_autofree char *text = g_strdup_printf ("%s: %s", failure, error->message);
      gtk_label_set_text (self->message, text);
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
    }
  return FALSE;
}

static char *
summary_text (const Preview *preview)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text,
                          ngettext ("%u person changes level.", "%u people change level.",
                                    preview->changed),
                          preview->changed);
  for (CpAdvanceReason r = 0; r < CP_N_ADVANCE_REASONS; r++)
    if (preview->reasons[r] > 0)
      /* Translators: a reason and how many people it applies to, in the preview's summary */
      g_string_append_printf (text, _("  %s: %u"), cp_advance_reason_display (r),
                              preview->reasons[r]);
  if (preview->changed > preview->lines->len)
    g_string_append_printf (text, _("  (the first %u are listed)"), preview->lines->len);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_preview (CpAdvanceDialog *self, Preview *preview)
{
  g_autoptr (GtkStringList) lines = gtk_string_list_new (NULL);
  g_autofree char *summary = summary_text (preview);

  for (guint i = 0; i < preview->lines->len; i++)
    gtk_string_list_append (lines, g_ptr_array_index (preview->lines, i));
  g_autoptr (GtkNoSelection) selection = gtk_no_selection_new (
      G_LIST_MODEL (g_steal_pointer (&lines)));
  gtk_list_view_set_model (self->changes, GTK_SELECTION_MODEL (selection));
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button),
                            preview->changed > 0 && !self->read_only);
}

/* Callbacks */

static void
preview_done (CpJob *job, const GError *error, gpointer user_data)
{
  g_autoptr (CpAdvanceDialog) self = user_data;
  g_autoptr (CpJob) ended = g_steal_pointer (&self->job);

  if (!end_job (self, error, _("Cannot preview the advancement")))
    return;
  Preview *preview = cp_job_steal_result (job);
  show_preview (self, preview);
  preview_free (preview);
}

static void
apply_done (CpJob *job, const GError *error, gpointer user_data)
{
  g_autoptr (CpAdvanceDialog) self = user_data;
  g_autoptr (CpJob) ended = g_steal_pointer (&self->job);

  if (!end_job (self, error, _("Cannot apply the advancement")))
    return;
  Applied *applied = cp_job_steal_result (job);
  self->previous = g_steal_pointer (&applied->previous);
  g_signal_emit (self, signals[SIGNAL_APPLIED], 0, self->previous, applied->changed);
  applied_free (applied);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_apply_clicked (CpAdvanceDialog *self)
{
  if (self->job != NULL || self->read_only)
    return;
  start_job (self,
             cp_job_new (_("Writing the new levels…"), self->db_path, CP_STORE_OPEN_DEFAULT,
                         apply_work, GINT_TO_POINTER (self->year), NULL),
             apply_done, _("Writing the new levels…"));
}

static void
on_cancel_clicked (CpAdvanceDialog *self)
{
  /* A running apply is cancelled; its transaction then writes nothing. */
  if (self->job != NULL)
    cp_job_cancel (self->job);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
setup_line (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_item_set_child (item, label);
}

static void
bind_line (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *line = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (line));
}

/* GObject overrides */

static void
cp_advance_dialog_dispose (GObject *object)
{
  CpAdvanceDialog *self = CP_ADVANCE_DIALOG (object);

  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  G_OBJECT_CLASS (cp_advance_dialog_parent_class)->dispose (object);
}

static void
cp_advance_dialog_finalize (GObject *object)
{
  CpAdvanceDialog *self = CP_ADVANCE_DIALOG (object);

  g_free (self->db_path);
  g_clear_pointer (&self->previous, g_array_unref);
  G_OBJECT_CLASS (cp_advance_dialog_parent_class)->finalize (object);
}

static void
cp_advance_dialog_class_init (CpAdvanceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_advance_dialog_dispose;
  object_class->finalize = cp_advance_dialog_finalize;

  signals[SIGNAL_APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          2, G_TYPE_POINTER, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/staff/"
                                               "cp-advance-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpAdvanceDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, CpAdvanceDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, CpAdvanceDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CpAdvanceDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CpAdvanceDialog, changes);
  gtk_widget_class_bind_template_child (widget_class, CpAdvanceDialog, message);
  gtk_widget_class_bind_template_child (widget_class, CpAdvanceDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
cp_advance_dialog_init (CpAdvanceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_line), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line), NULL);
  gtk_list_view_set_factory (self->changes, factory);
}

/* Public API */

CpAdvanceDialog *
cp_advance_dialog_new (GtkWindow *parent, const char *db_path, int year, gboolean read_only)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  CpAdvanceDialog *self = g_object_new (CP_TYPE_ADVANCE_DIALOG, "transient-for", parent, NULL);

  self->db_path = g_strdup (db_path);
  self->year = year;
  self->read_only = read_only;
  /* Translators: %d is the year the new levels take effect */
  g_autofree char *heading = g_strdup_printf (_("Levels on 1 January %d"), year + 1);
  gtk_label_set_text (self->heading, heading);
  start_job (self,
             cp_job_new (_("Reading grades and levels…"), db_path, CP_STORE_OPEN_READ_ONLY,
                         preview_work, GINT_TO_POINTER (year), NULL),
             preview_done, _("Reading grades and levels…"));
  return self;
}
