/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-standards-dialog.h"
#include "cp-facility-store.h"
#include "cp-message.h"

struct _CpStandardsDialog
{
  GtkWindow parent_instance;

  /* template widgets */
  GtkLabel *year_label;
  GtkLabel *origin_label;
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
  /* The standards in force when the dialog opened, and where they came from. */
  CpStandards loaded;
  int from; /* the year of the recorded standards in force, 0: the plan's defaults */
  int next; /* the next year with standards of its own, 0: none */
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
  g_autofree char *shown = cp_message_window_units (message);
  gtk_label_set_text (self->message, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

/* Where the standards in force in the year come from, in words. */
static char *
describe_origin (int year, int from, int next)
{
  if (from == 0)
    /* Translators: %d is a year */
    return g_strdup_printf (_("The plan's defaults (no standards recorded for %d or before)"),
                            year);
  if (from != year)
    /* Translators: %d is the year whose standards a later year without its own carries over */
    return g_strdup_printf (_("Carried over from the %d standards"), from);
  if (next == 0)
    /* Translators: %d is a year */
    return g_strdup_printf (_("In force from %d (until changed)"), year);
  /* Translators: the first %d is this year, the second the last year before the next change */
  return g_strdup_printf (_("In force from %d to %d"), year, next - 1);
}

static gboolean
standards_equal (const CpStandards *a, const CpStandards *b)
{
  return a->area_per_100_households_m2 == b->area_per_100_households_m2
         && a->rural_building_min_m2 == b->rural_building_min_m2
         && a->service_share_min == b->service_share_min
         && a->rural_coverage_target == b->rural_coverage_target;
}

static void
save (CpStandardsDialog *self, gboolean later_keep_old)
{
  CpStandards standards;
  g_autoptr (GError) error = NULL;

  read_form (self, &standards);
  if (!cp_facility_store_set_standards_keeping (
          self->store, &standards, gtk_editable_get_text (GTK_EDITABLE (self->source)),
          later_keep_old, &error))
    {
      show_message (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

enum
{
  RESPONSE_KEEP_OLD = 1,
  RESPONSE_TAKE_NEW = 2,
};

static void
on_later_years_response (GtkDialog *question, int response, CpStandardsDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (question));
  if (response == RESPONSE_KEEP_OLD || response == RESPONSE_TAKE_NEW)
    save (self, response == RESPONSE_KEEP_OLD);
}

/* The years after this one that take their standards from it: from year + 1 to the next year
 * with its own (or on and on), unless the next year has its own. */
static void
ask_about_later_years (CpStandardsDialog *self)
{
  g_autofree char *years = self->next == 0
                               /* Translators: %d is a year */
                               ? g_strdup_printf (_("The years from %d on"), self->year + 1)
                           : self->next == self->year + 2
                               /* Translators: %d is a year */
                               ? g_strdup_printf (_("The year %d"), self->year + 1)
                               /* Translators: %d and %d are years */
                               : g_strdup_printf (_("The years %d to %d"), self->year + 1,
                                                  self->next - 1);
  GtkWidget *question = gtk_message_dialog_new (
      GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
      GTK_BUTTONS_NONE, _("Should later years keep the old standards?"));

  gtk_message_dialog_format_secondary_text (
      GTK_MESSAGE_DIALOG (question),
      /* Translators: the first %s is "The years from 2027 on" or the like, %d a year */
      _("%s had no standards of their own and took those of %d. They can keep the values they "
        "had, or take the new ones."),
      years, self->year);
  gtk_dialog_add_buttons (GTK_DIALOG (question), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Keep Old Values"), RESPONSE_KEEP_OLD, _("_Take New Values"),
                          RESPONSE_TAKE_NEW, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (question), RESPONSE_KEEP_OLD);
  g_signal_connect (question, "response", G_CALLBACK (on_later_years_response), self);
  gtk_window_present (GTK_WINDOW (question));
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

  read_form (self, &standards);
  /* Only a change of values reaches the later years; none take them when the next has its own. */
  if (!standards_equal (&standards, &self->loaded) && self->next != self->year + 1)
    ask_about_later_years (self);
  else
    save (self, FALSE);
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
  gtk_widget_class_bind_template_child (widget_class, CpStandardsDialog, origin_label);
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
  else if (!cp_facility_store_standards_span (store, year, &self->from, &self->next, &error))
    show_message (self, error->message);
  self->loaded = standards;
  g_autofree char *origin = describe_origin (year, self->from, self->next);
  gtk_label_set_text (self->origin_label, origin);
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
