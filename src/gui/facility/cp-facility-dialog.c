/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-dialog.h"
#include "cp-drop-down.h"
#include "cp-facility-store.h"
#include "cp-message.h"
#include "cp-text.h"

/* The fields cp_facility_validate() checks, in the order it checks them. */
typedef enum
{
  FIELD_NAME,
  FIELD_TOTAL_AREA,
  FIELD_SERVICE_AREA,
  FIELD_OFFICE_AREA,
  FIELD_OFFICES,
  FIELD_YEAR,
  FIELD_CLOSED_YEAR,
  N_FIELDS
} Field;

struct _CpFacilityDialog
{
  GtkWindow parent_instance;

  /* template widgets */
  GtkLabel *community_label;
  GtkEntry *name;
  GtkDropDown *kind;
  GtkEntry *total_area;
  GtkEntry *service_area;
  GtkEntry *office_area;
  GtkSpinButton *independent_offices;
  GtkDropDown *provision;
  GtkDropDown *status;
  GtkSpinButton *year;
  GtkEntry *closed_year;
  GtkSwitch *government_invested;
  GtkSwitch *property_registered;
  GtkSwitch *accessible;
  GtkSwitch *age_friendly;
  GtkSwitch *child_friendly;
  GtkLabel *messages[N_FIELDS];
  GtkLabel *save_message;
  GtkButton *save_button;

  /* borrowed */
  CpStore *store;

  /* A field's message shows once the field was touched: typed in, or left. A new dialog starts
   * with none touched, an edited record with all. */
  gboolean touched[N_FIELDS];
  gboolean filling;

  /* owned */
  CpFacility facility; /* id and community of the record; the rest is read from the fields */
};

G_DEFINE_FINAL_TYPE (CpFacilityDialog, cp_facility_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

/* Reads an area as the importer does (cp_parse_number()): 120.5, 120,5, １２０, 120㎡. */
static gboolean
parse_area (GtkEntry *entry, double *out, GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr (GError) invalid = NULL;

  if (cp_parse_number (text, CP_NUMBER_AREA_UNIT, out, &invalid))
    return TRUE;

  g_autofree char *bare = g_strstrip (g_strdup (text));
  g_autofree char *shown = cp_text_quote (bare, -1);
  if (*bare == '\0')
    g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
                 _("Enter a number of square metres, such as 120.5."));
  else
    g_set_error (error, CP_ERROR, CP_ERROR_INVALID, _("“%s” %s."), shown, invalid->message);
  return FALSE;
}

/* The name as the importer takes it: no control characters, line breaks or noncharacters. */
static gboolean
read_name (CpFacilityDialog *self, CpFacility *f, GError **error)
{
  g_autoptr (GError) invalid = NULL;

  g_free (f->name);
  f->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  if (cp_text_check (f->name, -1, &invalid))
    return TRUE;
  g_set_error (error, CP_ERROR, CP_ERROR_INVALID, _("Name %s."), invalid->message);
  return FALSE;
}

static void
set_message (CpFacilityDialog *self, Field field, const char *message)
{
  GtkLabel *label = self->messages[field];

  if (!self->touched[field])
    message = NULL;
  g_autofree char *shown = cp_message_window_units (message);
  gtk_label_set_text (label, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
read_switches (CpFacilityDialog *self, CpFacility *f)
{
  f->government_invested = gtk_switch_get_active (self->government_invested);
  f->property_registered = gtk_switch_get_active (self->property_registered);
  f->accessible = gtk_switch_get_active (self->accessible);
  f->age_friendly = gtk_switch_get_active (self->age_friendly);
  f->child_friendly = gtk_switch_get_active (self->child_friendly);
}

/* Copies @field from the form into @f; FALSE with the field's message when its text is not a
 * number or not fit to be a name. */
/* The closing year: empty for none, else a year (full-width digits and 年 are read). */
static gboolean
read_closed_year (CpFacilityDialog *self, CpFacility *f, GError **error)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->closed_year));
  g_autofree char *text = g_utf8_normalize (typed, -1, G_NORMALIZE_NFKC);
  g_strstrip (text);
  if (g_str_has_suffix (text, "年"))
    text[strlen (text) - strlen ("年")] = '\0';
  guint64 year = 0;

  f->closed_year = 0;
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, CP_YEAR_MIN, CP_YEAR_MAX, &year, NULL))
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("Closing year: “%s” is not a year; enter one such as 2027, or leave "
                           "it empty if the facility is not closed."),
                         text);
  f->closed_year = (int) year;
  return TRUE;
}

static gboolean
read_field (CpFacilityDialog *self, Field field, CpFacility *f, GError **error)
{
  switch (field)
    {
    case FIELD_NAME:
      return read_name (self, f, error);
    case FIELD_TOTAL_AREA:
      return parse_area (self->total_area, &f->total_area_m2, error);
    case FIELD_SERVICE_AREA:
      return parse_area (self->service_area, &f->service_area_m2, error);
    case FIELD_OFFICE_AREA:
      return parse_area (self->office_area, &f->office_area_m2, error);
    case FIELD_OFFICES:
      f->independent_offices = gtk_spin_button_get_value_as_int (self->independent_offices);
      return TRUE;
    case FIELD_YEAR:
      f->year = gtk_spin_button_get_value_as_int (self->year);
      return TRUE;
    case FIELD_CLOSED_YEAR:
      return read_closed_year (self, f, error);
    case N_FIELDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Puts back into @f the value of @field that @before had (a field not touched yet and not
 * valid: the fields after it are still judged). */
static void
restore_field (CpFacility *f, const CpFacility *before, Field field)
{
  switch (field)
    {
    case FIELD_NAME:
      g_free (f->name);
      f->name = g_strdup (before->name);
      break;
    case FIELD_TOTAL_AREA:
      f->total_area_m2 = before->total_area_m2;
      break;
    case FIELD_SERVICE_AREA:
      f->service_area_m2 = before->service_area_m2;
      break;
    case FIELD_OFFICE_AREA:
      f->office_area_m2 = before->office_area_m2;
      break;
    case FIELD_OFFICES:
      f->independent_offices = before->independent_offices;
      break;
    case FIELD_YEAR:
      f->year = before->year;
      break;
    case FIELD_CLOSED_YEAR:
      f->closed_year = before->closed_year;
      break;
    case N_FIELDS:
    default:
      g_return_if_reached ();
    }
}

/* Which field a message belongs to: start from a record that passes, take the form's fields
 * in the order the validation checks them, and the first touched one that makes it fail is the
 * one. A field not touched that fails makes the form invalid without a message, and the fields
 * after it are judged with its passing value. The rules stay in cp_facility_validate(); this
 * only finds where to show its message. */
static gboolean
validate_form (CpFacilityDialog *self, CpFacility *f)
{
  *f = (CpFacility){
    .id = self->facility.id,
    .community_id = self->facility.community_id,
    .name = g_strdup ("-"),
    .kind = gtk_drop_down_get_selected (self->kind),
    .total_area_m2 = 1,
    .provision = gtk_drop_down_get_selected (self->provision),
    .status = gtk_drop_down_get_selected (self->status),
    .year = 2000,
  };
  read_switches (self, f);

  gboolean valid = TRUE, shown = FALSE;
  for (Field field = 0; field < N_FIELDS; field++)
    {
      g_autoptr (GError) error = NULL;
      if (shown)
        {
          set_message (self, field, NULL);
          continue;
        }
      CpFacility before = *f;
      before.name = g_strdup (f->name);
      if (!read_field (self, field, f, &error) || !cp_facility_validate (f, &error))
        {
          valid = FALSE;
          shown = self->touched[field];
          set_message (self, field, error->message);
          if (!shown)
            restore_field (f, &before, field);
        }
      else
        set_message (self, field, NULL);
      g_free (before.name);
    }
  return valid;
}

static gboolean
name_taken (CpFacilityDialog *self, const CpFacility *f)
{
  g_autoptr (GArray) facilities = cp_facility_store_list (self->store, f->community_id, NULL);

  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      const CpFacility *other = &g_array_index (facilities, CpFacility, i);
      if (other->id != f->id && g_strcmp0 (other->name, f->name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
fill_form (CpFacilityDialog *self, const CpFacility *f)
{
  g_autofree char *total = g_strdup_printf ("%.1f", f->total_area_m2);
  g_autofree char *service = g_strdup_printf ("%.1f", f->service_area_m2);
  g_autofree char *office = g_strdup_printf ("%.1f", f->office_area_m2);

  gtk_editable_set_text (GTK_EDITABLE (self->name), f->name != NULL ? f->name : "");
  gtk_drop_down_set_selected (self->kind, f->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->total_area), f->id > 0 ? total : "");
  gtk_editable_set_text (GTK_EDITABLE (self->service_area), f->id > 0 ? service : "");
  gtk_editable_set_text (GTK_EDITABLE (self->office_area), office);
  gtk_spin_button_set_value (self->independent_offices, f->independent_offices);
  gtk_drop_down_set_selected (self->provision, f->provision);
  gtk_drop_down_set_selected (self->status, f->status);
  gtk_spin_button_set_value (self->year, f->year);
  g_autofree char *closed = f->closed_year != 0 ? g_strdup_printf ("%d", f->closed_year)
                                                : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->closed_year), closed);
  gtk_switch_set_active (self->government_invested, f->government_invested);
  gtk_switch_set_active (self->property_registered, f->property_registered);
  gtk_switch_set_active (self->accessible, f->accessible);
  gtk_switch_set_active (self->age_friendly, f->age_friendly);
  gtk_switch_set_active (self->child_friendly, f->child_friendly);
}

/* Callbacks */

/* The field @widget is the input of, or N_FIELDS (a drop-down or a switch). */
static Field
field_of (CpFacilityDialog *self, gpointer widget)
{
  if (widget == self->name)
    return FIELD_NAME;
  if (widget == self->total_area)
    return FIELD_TOTAL_AREA;
  if (widget == self->service_area)
    return FIELD_SERVICE_AREA;
  if (widget == self->office_area)
    return FIELD_OFFICE_AREA;
  if (widget == self->independent_offices)
    return FIELD_OFFICES;
  if (widget == self->year)
    return FIELD_YEAR;
  if (widget == self->closed_year)
    return FIELD_CLOSED_YEAR;
  return N_FIELDS;
}

static void
revalidate (CpFacilityDialog *self)
{
  CpFacility f;
  gboolean valid = validate_form (self, &f);

  cp_facility_clear (&f);
  gtk_widget_set_visible (GTK_WIDGET (self->save_message), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
}

/* Typing in a field touches it (filling the form does not). */
static void
on_field_changed (CpFacilityDialog *self, GObject *source)
{
  Field field = field_of (self, source);

  if (!self->filling && field < N_FIELDS)
    self->touched[field] = TRUE;
  revalidate (self);
}

/* Leaving a field touches it: an empty area left behind says what it needs. */
static void
on_field_left (GtkEventControllerFocus *controller, CpFacilityDialog *self)
{
  Field field = field_of (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if (field < N_FIELDS && !self->touched[field]
      && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      self->touched[field] = TRUE;
      revalidate (self);
    }
}

static void
on_cancel_clicked (CpFacilityDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (CpFacilityDialog *self)
{
  CpFacility f;
  g_autoptr (GError) error = NULL;

  if (!validate_form (self, &f))
    {
      cp_facility_clear (&f);
      return;
    }
  if (name_taken (self, &f))
    g_set_error (&error, CP_ERROR, CP_ERROR_INVALID,
                 _("Name: this community already has a facility named “%s”."), f.name);
  /* A new one is only ever added: a name taken meanwhile (by the command line) is refused. */
  if (error == NULL
      && (f.id == 0 ? cp_facility_store_insert (self->store, &f, &error)
                    : cp_facility_store_upsert (self->store, &f, &error)))
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0, f.community_id, &self->facility, &f);
      cp_facility_clear (&f);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  cp_facility_clear (&f);
  g_autofree char *shown = cp_message_window_units (error->message);
  gtk_label_set_text (self->save_message, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->save_message), TRUE);
}

/* GObject overrides */

static void
cp_facility_dialog_finalize (GObject *object)
{
  CpFacilityDialog *self = CP_FACILITY_DIALOG (object);

  cp_facility_clear (&self->facility);
  G_OBJECT_CLASS (cp_facility_dialog_parent_class)->finalize (object);
}

static void
cp_facility_dialog_class_init (CpFacilityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cp_facility_dialog_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64,
                                        G_TYPE_POINTER, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/facility/"
                                               "cp-facility-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, community_label);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, name);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, kind);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, total_area);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, service_area);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, office_area);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, independent_offices);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, provision);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, status);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, year);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, closed_year);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, government_invested);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, property_registered);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, accessible);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, age_friendly);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, child_friendly);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, save_message);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityDialog, save_button);
  gtk_widget_class_bind_template_child_full (widget_class, "name_message", FALSE,
                                             G_STRUCT_OFFSET (CpFacilityDialog,
                                                              messages[FIELD_NAME]));
  gtk_widget_class_bind_template_child_full (widget_class, "total_area_message", FALSE,
                                             G_STRUCT_OFFSET (CpFacilityDialog,
                                                              messages[FIELD_TOTAL_AREA]));
  gtk_widget_class_bind_template_child_full (widget_class, "service_area_message", FALSE,
                                             G_STRUCT_OFFSET (CpFacilityDialog,
                                                              messages[FIELD_SERVICE_AREA]));
  gtk_widget_class_bind_template_child_full (widget_class, "office_area_message", FALSE,
                                             G_STRUCT_OFFSET (CpFacilityDialog,
                                                              messages[FIELD_OFFICE_AREA]));
  gtk_widget_class_bind_template_child_full (widget_class, "independent_offices_message", FALSE,
                                             G_STRUCT_OFFSET (CpFacilityDialog,
                                                              messages[FIELD_OFFICES]));
  gtk_widget_class_bind_template_child_full (widget_class, "year_message", FALSE,
                                             G_STRUCT_OFFSET (CpFacilityDialog,
                                                              messages[FIELD_YEAR]));
  gtk_widget_class_bind_template_child_full (widget_class, "closed_year_message", FALSE,
                                             G_STRUCT_OFFSET (CpFacilityDialog,
                                                              messages[FIELD_CLOSED_YEAR]));
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
cp_facility_dialog_init (CpFacilityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The limits are core's, as the importer's and the schema's are. */
  gtk_spin_button_set_range (self->independent_offices, 0, CP_FACILITY_OFFICES_MAX);
  gtk_spin_button_set_range (self->year, CP_YEAR_MIN, CP_YEAR_MAX);

  GtkWidget *inputs[] = { GTK_WIDGET (self->name),         GTK_WIDGET (self->total_area),
                          GTK_WIDGET (self->service_area), GTK_WIDGET (self->office_area),
                          GTK_WIDGET (self->independent_offices), GTK_WIDGET (self->year),
                          GTK_WIDGET (self->closed_year) };
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (on_field_left), self);
      gtk_widget_add_controller (inputs[i], focus);
    }

  cp_drop_down_set_vocabulary (self->kind, cp_facility_kinds, CP_N_FACILITY_KINDS);
  cp_drop_down_set_vocabulary (self->provision, cp_provisions, CP_N_PROVISIONS);
  cp_drop_down_set_vocabulary (self->status, cp_statuses, CP_N_STATUSES);
}

/* Public API */

CpFacilityDialog *
cp_facility_dialog_new (GtkWindow *parent,
                        CpStore *store,
                        const CpFacility *facility,
                        const char *community_name)
{
  g_return_val_if_fail (store != NULL && facility != NULL, NULL);

  CpFacilityDialog *self = g_object_new (CP_TYPE_FACILITY_DIALOG, "transient-for", parent, NULL);
  self->store = store;
  self->facility = *facility;
  self->facility.name = g_strdup (facility->name);
  gtk_window_set_title (GTK_WINDOW (self),
                        facility->id > 0 ? _("Edit Facility") : _("Add Facility"));
  gtk_label_set_text (self->community_label, community_name);
  for (Field field = 0; field < N_FIELDS; field++)
    self->touched[field] = facility->id > 0;
  self->filling = TRUE;
  fill_form (self, facility);
  revalidate (self);
  self->filling = FALSE;
  return self;
}
