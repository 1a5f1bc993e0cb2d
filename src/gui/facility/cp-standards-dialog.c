/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-standards-dialog.h"
#include "cp-facility-store.h"

struct _CpStandardsDialog
{
  GtkWindow parent_instance;

  /* template widgets */
  GtkLabel *year_label;
  GtkSpinButton *area;
  GtkSpinButton *rural_building;
  GtkSpinButton *service_share;
  GtkSpinButton *rural_coverage;
  GtkEntry *source;
  GtkLabel *message;
  GtkButton *save_button;

  /* borrowed */
  CpStore *store;

  int year;
};

G_DEFINE_FINAL_TYPE (CpStandardsDialog, cp_standards_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static void
read_form (CpStandardsDialog *self, CpStandards *standards)
{
  *standards = (CpStandards){
    .year = self->year,
    .area_per_100_households_m2 = gtk_spin_button_get_value (self->area),
    .rural_building_min_m2 = gtk_spin_button_get_value (self->rural_building),
    .service_share_min = gtk_spin_button_get_value (self->service_share) / 100.0,
    .rural_coverage_target = gtk_spin_button_get_value (self->rural_coverage) / 100.0,
  };
}

static void
show_message (CpStandardsDialog *self, const char *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

/* Callbacks */

static void
on_field_changed (CpStandardsDialog *self)
{
  CpStandards standards;
  g_autoptr (GError) error = NULL;

  read_form (self, &standards);
  gboolean valid = cp_standards_validate (&standards, &error);
  show_message (self, valid ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            valid && !cp_store_is_read_only (self->store));
}

static void
on_cancel_clicked (CpStandardsDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (CpStandardsDialog *self)
{
  CpStandards standards;
  g_autoptr (GError) error = NULL;

  read_form (self, &standards);
  if (!cp_facility_store_set_standards (
          self->store, &standards, gtk_editable_get_text (GTK_EDITABLE (self->source)), &error))
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject overrides */

static void
cp_standards_dialog_class_init (CpStandardsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/facility/"
                                               "cp-standards-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, year_label);
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, area);
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, rural_building);
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, service_share);
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, rural_coverage);
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, source);
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, message);
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
cp_standards_dialog_init (CpStandardsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The limits are core's, as cp_standards_validate() and the importer's are. */
  gtk_spin_button_set_range (self->area, 0, CP_STANDARDS_AREA_PER_100_MAX_M2);
  gtk_spin_button_set_range (self->rural_building, 0, CP_STANDARDS_RURAL_BUILDING_MAX_M2);
}

/* Public API */

CpStandardsDialog *
cp_standards_dialog_new (GtkWindow *parent, CpStore *store, int year)
{
  g_return_val_if_fail (store != NULL, NULL);

  CpStandardsDialog *self = g_object_new (CP_TYPE_STANDARDS_DIALOG, "transient-for", parent,
                                          NULL);
  CpStandards standards;
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;

  self->store = store;
  self->year = year;
  if (!cp_facility_store_get_standards (store, year, &standards, &source, &error))
    {
      cp_standards_init_default (&standards, year);
      show_message (self, error->message);
    }
  /* Translators: %d is a year */
  g_autofree char *title = g_strdup_printf (_("Standards in force in %d"), year);
  gtk_label_set_text (self->year_label, title);
  gtk_spin_button_set_value (self->area, standards.area_per_100_households_m2);
  gtk_spin_button_set_value (self->rural_building, standards.rural_building_min_m2);
  gtk_spin_button_set_value (self->service_share, standards.service_share_min * 100.0);
  gtk_spin_button_set_value (self->rural_coverage, standards.rural_coverage_target * 100.0);
  gtk_editable_set_text (GTK_EDITABLE (self->source), source != NULL ? source : "");
  on_field_changed (self);
  return self;
}
