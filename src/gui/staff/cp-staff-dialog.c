/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cp-drop-down.h"
#include "cp-staff-dialog.h"
#include "cp-staff-places.h"
#include "cp-text.h"

/* The fields with a message of their own, in the order they are checked. */
typedef enum
{
  FIELD_ID_NUMBER,
  FIELD_NAME,
  FIELD_WORK_START,
  FIELD_SERVICE_START,
  FIELD_STATUS_DATE,
  FIELD_COMMUNITY,
  FIELD_LEVEL,
  FIELD_AGREEMENT_START,
  FIELD_AGREEMENT_END,
  FIELD_DEDUCTION,
  N_FIELDS
} Field;

/* What the form holds beside the CpStaff record. */
typedef struct
{
  CpGrade grade;
  CpAgreement agreement; /* no start: none entered */
} Extra;

struct _CpStaffDialog
{
  GtkWindow parent_instance;

  /* template widgets */
  GtkEntry *name;
  GtkEntry *id_number;
  GtkLabel *derived_label;
  GtkEntry *phone;
  GtkEntry *work_start;
  GtkEntry *service_start;
  GtkDropDown *status;
  GtkEntry *status_date;
  GtkDropDown *township;
  GtkDropDown *community;
  GtkDropDown *post;
  GtkEntry *role;
  GtkDropDown *education;
  GtkDropDown *qualification;
  GtkDropDown *grid_role;
  GtkSpinButton *level;
  GtkLabel *suggestion_label;
  GtkButton *suggestion_button;
  GtkLabel *grade_label;
  GtkDropDown *grade;
  GtkLabel *previous_grade_label;
  GtkEntry *agreement_start;
  GtkEntry *agreement_end;
  GtkEntry *deduction;
  GtkLabel *messages[N_FIELDS];
  GtkLabel *save_message;
  GtkButton *save_button;

  /* borrowed */
  CpStore *store;

  /* owned */
  CpStaff staff; /* the id; the rest is read from the form */
  CpPayParams params;
  GArray *township_ids;
  GArray *community_ids;
  int year;
  int old_level;
  CpGrade old_grade;
  gboolean has_agreement;
  CpAgreement old_agreement; /* the latest on record */
  int suggestion;
  CpDate today;
  gboolean pristine; /* a new dialog shows no message until something is typed */
  gboolean filling;
  gboolean level_touched; /* a new person's level follows the suggestion until set by hand */
  gboolean following;
};

G_DEFINE_FINAL_TYPE (CpStaffDialog, cp_staff_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static const char *
text_of (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
set_message (CpStaffDialog *self, Field field, const char *message)
{
  GtkLabel *label = self->messages[field];

  if (self->pristine)
    message = NULL;
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* A date field: empty is "no date" when @optional, else it must parse. */
static gboolean
read_date (GtkEntry *entry, const char *field, gboolean optional, CpDate *out, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (entry)));

  *out = CP_DATE_NONE;
  if (*text == '\0' && optional)
    return TRUE;
  if (*text != '\0' && cp_date_parse (text, out))
    return TRUE;
  if (*text == '\0')
    /* Translators: %s is the field's name */
    g_set_error (error, CP_ERROR, CP_ERROR_INVALID, _("%s: enter a date such as 2020-03-01."),
                 field);
  else
    /* Translators: %s is the field's name, then what was typed */
    g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
                 _("%s: “%s” is no date; enter one such as 2020-03-01."), field, text);
  return FALSE;
}

static void
show_derived (CpStaffDialog *self, gboolean valid, CpDate birth, CpGender gender)
{
  if (!valid)
    {
      gtk_label_set_text (self->derived_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->derived_label), FALSE);
      return;
    }
  g_autofree char *born = cp_date_format (birth);
  CpDate retirement = cp_retirement_month (birth, gender, NULL);
  /* Translators: under the identity number: birth date, gender, retirement month */
  g_autofree char *text = g_strdup_printf (_("Born %s · %s · retires %04d-%02d"), born,
                                           gender == CP_GENDER_MALE ? _("male") : _("female"),
                                           retirement.year, retirement.month);
  gtk_label_set_text (self->derived_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->derived_label), TRUE);
}

static gboolean
check_id_number (CpStaffDialog *self, CpStaff *s, GError **error)
{
  CpDate birth;
  CpGender gender;
  g_autoptr (GError) invalid = NULL;
  g_autofree char *text = g_strstrip (g_strdup (text_of (self->id_number)));
  gboolean valid = cp_id_number_check (text, self->today, &birth, &gender, &invalid);

  show_derived (self, valid, birth, gender);
  if (!valid)
    {
      /* Translators: %s says what is wrong with the identity number */
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID, _("ID number: %s"), invalid->message);
      return FALSE;
    }
  g_free (s->id_number);
  s->id_number = g_ascii_strup (text, -1);
  return TRUE;
}

static gboolean
check_community (CpStaffDialog *self, CpStaff *s, GError **error)
{
  guint selected = gtk_drop_down_get_selected (self->community);

  if (selected >= self->community_ids->len)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
                   _("Community: choose the community the person works in."));
      return FALSE;
    }
  s->community_id = g_array_index (self->community_ids, gint64, selected);
  return TRUE;
}

static void
show_suggestion (CpStaffDialog *self, const CpStaff *s)
{
  gboolean levels = cp_post_has_levels (s->post);

  self->suggestion = levels && cp_date_is_set (s->service_start)
                         ? cp_staff_entry_level (&self->params, s->post, s->education,
                                                 s->qualification, s->service_start, self->year)
                         : 0;
  if (self->suggestion > 0)
    {
      /* Translators: %d is a level of 1..18 */
      g_autofree char *text = g_strdup_printf (_("Entry level by the rules: %d"),
                                               self->suggestion);
      gtk_label_set_text (self->suggestion_label, text);
    }
  else
    gtk_label_set_text (self->suggestion_label,
                        levels ? _("Enter the service start for a suggestion.")
                               : _("A public welfare post has no level."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggestion_button),
                            self->suggestion > 0
                                && gtk_spin_button_get_value_as_int (self->level)
                                       != self->suggestion);
  gtk_widget_set_sensitive (GTK_WIDGET (self->level), levels);
}

static gboolean
check_level (CpStaffDialog *self, const CpStaff *s, GError **error)
{
  int level = gtk_spin_button_get_value_as_int (self->level);

  if (!cp_post_has_levels (s->post))
    return TRUE;
  return cp_post_check_level (&self->params, s->post, level, error);
}

static gboolean
same_date (CpDate a, CpDate b)
{
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* The start of the agreement: empty only while the expiry is empty too and none is on record
 * (agreements are kept as history; the dialog does not remove one). */
static gboolean
check_agreement_start (CpStaffDialog *self, Extra *x, GError **error)
{
  const char *field = _("Service agreement begins");
  g_autofree char *end = g_strstrip (g_strdup (text_of (self->agreement_end)));

  if (!read_date (self->agreement_start, field, TRUE, &x->agreement.start, error))
    return FALSE;
  if (cp_date_is_set (x->agreement.start))
    return TRUE;
  if (self->has_agreement)
    {
      g_autofree char *start = cp_date_format (self->old_agreement.start);
      /* Translators: %s is the start date of the agreement on record */
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
                   _("Service agreement begins: an agreement from %s is on record; enter its "
                     "start, or the start of a new one."),
                   start);
      return FALSE;
    }
  if (*end == '\0')
    return TRUE;
  g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
               _("Service agreement begins: enter the day the agreement begins, or clear its "
                 "expiry."));
  return FALSE;
}

/* The end of the agreement: empty for an open-ended one, else on or after the start. */
static gboolean
check_agreement_end (CpStaffDialog *self, Extra *x, GError **error)
{
  if (!read_date (self->agreement_end, _("Service agreement expires"), TRUE, &x->agreement.end,
                  error))
    return FALSE;
  if (!cp_date_is_set (x->agreement.end) || !cp_date_is_set (x->agreement.start)
      || cp_date_compare (x->agreement.end, x->agreement.start) >= 0)
    return TRUE;
  g_autofree char *end = cp_date_format (x->agreement.end);
  g_autofree char *start = cp_date_format (x->agreement.start);
  /* Translators: the end date, then the start date */
  g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
               _("Service agreement expires: %s is before the start, %s; enter a day on or after "
                 "it, or nothing for an open-ended agreement."),
               end, start);
  return FALSE;
}

/* The monthly special additional deduction in yuan: empty is 0; at most two decimals. */
static gboolean
check_deduction (CpStaffDialog *self, CpStaff *s, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (self->deduction)));
  g_autoptr (GError) invalid = NULL;
  double yuan = 0;

  s->special_deduction_fen = 0;
  if (*text == '\0')
    return TRUE;
  if (!cp_parse_number (text, CP_NUMBER_DECIMAL, &yuan, &invalid))
    {
      /* Translators: what was typed, then what is wrong with it */
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID, _("Special deduction: “%s” %s"), text,
                   invalid->message);
      return FALSE;
    }
  if (yuan < 0 || yuan * 100 > (double) CP_SPECIAL_DEDUCTION_MAX_FEN)
    {
      /* Translators: the largest amount, in yuan */
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
                   _("Special deduction: enter an amount from 0 to %.2f yuan a month."),
                   (double) CP_SPECIAL_DEDUCTION_MAX_FEN / 100);
      return FALSE;
    }
  if (fabs (yuan * 100 - round (yuan * 100)) > 1e-6)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID,
                   _("Special deduction: “%s” has fractions of a fen; enter at most two "
                     "decimals."),
                   text);
      return FALSE;
    }
  s->special_deduction_fen = cp_money_round_fen (yuan * 100);
  return TRUE;
}

/* Copies @field from the form into @s or @x; FALSE with the field's message. */
static gboolean
read_field (CpStaffDialog *self, Field field, CpStaff *s, Extra *x, GError **error)
{
  switch (field)
    {
    case FIELD_ID_NUMBER:
      return check_id_number (self, s, error);
    case FIELD_NAME:
      g_free (s->name);
      s->name = g_strstrip (g_strdup (text_of (self->name)));
      if (*s->name != '\0')
        return TRUE;
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID, _("Full name: enter the person’s name."));
      return FALSE;
    case FIELD_WORK_START:
      return read_date (self->work_start, _("Work start"), FALSE, &s->work_start, error);
    case FIELD_SERVICE_START:
      return read_date (self->service_start, _("Community service start"), FALSE,
                        &s->service_start, error);
    case FIELD_STATUS_DATE:
      return read_date (self->status_date, _("Status date"), TRUE, &s->status_date, error);
    case FIELD_COMMUNITY:
      return check_community (self, s, error);
    case FIELD_LEVEL:
      return check_level (self, s, error);
    case FIELD_AGREEMENT_START:
      return check_agreement_start (self, x, error);
    case FIELD_AGREEMENT_END:
      return check_agreement_end (self, x, error);
    case FIELD_DEDUCTION:
      return check_deduction (self, s, error);
    case N_FIELDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The form over a record that passes (dates today, the first community), one field at a time
 * in the order the checks take them: the first field that makes cp_staff_validate() fail is the
 * one its message is shown beside. The rules stay in core. */
static gboolean
validate_form (CpStaffDialog *self, CpStaff *s, Extra *x)
{
  *s = (CpStaff){
    .id = self->staff.id,
    .id_number = g_strdup ("11010519491231002X"),
    .name = g_strdup ("-"),
    .post = gtk_drop_down_get_selected (self->post),
    .role = g_strstrip (g_strdup (text_of (self->role))),
    .education = gtk_drop_down_get_selected (self->education),
    .qualification = gtk_drop_down_get_selected (self->qualification),
    .work_start = self->today,
    .service_start = self->today,
    .status = gtk_drop_down_get_selected (self->status),
    .grid_role = gtk_drop_down_get_selected (self->grid_role),
    .phone = g_strstrip (g_strdup (text_of (self->phone))),
  };
  gboolean valid = TRUE;

  *x = (Extra){
    .grade = gtk_drop_down_get_selected (self->grade),
    .agreement = { self->staff.id, CP_DATE_NONE, CP_DATE_NONE },
  };

  for (Field field = 0; field < N_FIELDS; field++)
    {
      g_autoptr (GError) error = NULL;
      gboolean on_record = field != FIELD_LEVEL && field != FIELD_AGREEMENT_START
                           && field != FIELD_AGREEMENT_END;
      gboolean ok = read_field (self, field, s, x, &error)
                    && (!on_record || cp_staff_validate (s, self->today, &error));
      if (valid && !ok)
        set_message (self, field, error->message);
      else
        set_message (self, field, NULL);
      valid = valid && ok;
    }
  return valid;
}

static void
fill_communities (CpStaffDialog *self, gint64 select_id)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  guint township = gtk_drop_down_get_selected (self->township);

  g_array_set_size (self->community_ids, 0);
  if (township < self->township_ids->len
      && !cp_staff_places_communities (self->store, self->year,
                                       g_array_index (self->township_ids, gint64, township),
                                       self->community_ids, names, &error))
    {
      gtk_label_set_text (self->save_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_message), TRUE);
    }
  gtk_drop_down_set_model (self->community, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->community,
                              cp_staff_places_find (self->community_ids, select_id, 0));
}

static void
fill_places (CpStaffDialog *self, gint64 township_id, gint64 community_id)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;

  if (!cp_staff_places_townships (self->store, self->township_ids, names, &error))
    {
      gtk_label_set_text (self->save_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_message), TRUE);
    }
  gtk_drop_down_set_model (self->township, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->township,
                              cp_staff_places_find (self->township_ids, township_id, 0));
  fill_communities (self, community_id);
}

static void
set_date (GtkEntry *entry, CpDate date)
{
  g_autofree char *text = cp_date_format (date);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
fill_form (CpStaffDialog *self, const CpStaff *s, int level)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name), s->name != NULL ? s->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->id_number),
                         s->id_number != NULL ? s->id_number : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone), s->phone != NULL ? s->phone : "");
  gtk_editable_set_text (GTK_EDITABLE (self->role), s->role != NULL ? s->role : "");
  set_date (self->work_start, s->work_start);
  set_date (self->service_start, s->service_start);
  set_date (self->status_date, s->status_date);
  gtk_drop_down_set_selected (self->status, s->status);
  gtk_drop_down_set_selected (self->post, s->post);
  gtk_drop_down_set_selected (self->education, s->education);
  gtk_drop_down_set_selected (self->qualification, s->qualification);
  gtk_drop_down_set_selected (self->grid_role, s->grid_role);
  gtk_spin_button_set_value (self->level, level);
  g_autofree char *deduction
      = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", s->special_deduction_fen / 100,
                         (int) (s->special_deduction_fen % 100));
  gtk_editable_set_text (GTK_EDITABLE (self->deduction), deduction);
  gtk_drop_down_set_selected (self->grade, self->old_grade);
  set_date (self->agreement_start, self->old_agreement.start);
  set_date (self->agreement_end, self->old_agreement.end);
}

/* Callbacks */

static void
on_field_changed (CpStaffDialog *self)
{
  CpStaff s;
  Extra x;

  if (self->township_ids == NULL)
    return; /* still building the template */
  if (!self->filling)
    self->pristine = FALSE;
  gboolean valid = validate_form (self, &s, &x);
  show_suggestion (self, &s);
  cp_staff_clear (&s);
  if (self->staff.id == 0 && !self->level_touched && self->suggestion > 0
      && gtk_spin_button_get_value_as_int (self->level) != self->suggestion)
    {
      self->following = TRUE;
      gtk_spin_button_set_value (self->level, self->suggestion); /* validates again */
      self->following = FALSE;
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->save_message), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            valid && !cp_store_is_read_only (self->store));
}

static void
on_level_changed (CpStaffDialog *self)
{
  if (!self->filling && !self->following)
    self->level_touched = TRUE;
  on_field_changed (self);
}

static void
on_township_changed (CpStaffDialog *self)
{
  if (self->township_ids == NULL || self->filling)
    return;
  fill_communities (self, 0);
  on_field_changed (self);
}

static void
on_suggestion_clicked (CpStaffDialog *self)
{
  if (self->suggestion > 0)
    gtk_spin_button_set_value (self->level, self->suggestion);
}

static void
on_cancel_clicked (CpStaffDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The person, the level, the grade and the agreement, as far as they changed. A start of its
 * own is a new agreement (the earlier stay as history); the same start updates its expiry. */
static gboolean
save_all (CpStaffDialog *self, CpStaff *s, Extra *x, GError **error)
{
  int level = cp_post_has_levels (s->post) ? gtk_spin_button_get_value_as_int (self->level) : 0;
  gboolean new_person = self->staff.id == 0;

  if (!cp_staff_store_save (self->store, s, error))
    return FALSE;
  if (level != self->old_level || new_person)
    {
      CpLevelEntry entry = { s->id, self->year, level };
      if (!cp_staff_store_write_levels (self->store, &entry, 1, error))
        return FALSE;
    }
  if (x->grade != self->old_grade
      && !cp_staff_store_set_grade (self->store, s->id, self->year, x->grade, error))
    return FALSE;
  x->agreement.staff_id = s->id;
  if (!cp_date_is_set (x->agreement.start)
      || (self->has_agreement && same_date (x->agreement.start, self->old_agreement.start)
          && same_date (x->agreement.end, self->old_agreement.end)))
    return TRUE;
  return cp_staff_store_add_agreement (self->store, &x->agreement, error);
}

/* Everything in one transaction: nothing is half saved. */
static gboolean
save (CpStaffDialog *self, CpStaff *s, Extra *x, GError **error)
{
  if (!cp_store_begin (self->store, error))
    return FALSE;
  if (save_all (self, s, x, error) && cp_store_commit (self->store, error))
    return TRUE;
  cp_store_rollback (self->store);
  s->id = self->staff.id;
  return FALSE;
}

static void
on_save_clicked (CpStaffDialog *self)
{
  CpStaff s;
  Extra x;
  g_autoptr (GError) error = NULL;

  if (!validate_form (self, &s, &x))
    {
      cp_staff_clear (&s);
      return;
    }
  if (save (self, &s, &x, &error))
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0, s.id);
      cp_staff_clear (&s);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  cp_staff_clear (&s);
  gtk_label_set_text (self->save_message, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->save_message), TRUE);
}

/* GObject overrides */

static void
cp_staff_dialog_finalize (GObject *object)
{
  CpStaffDialog *self = CP_STAFF_DIALOG (object);

  cp_staff_clear (&self->staff);
  g_clear_pointer (&self->township_ids, g_array_unref);
  g_clear_pointer (&self->community_ids, g_array_unref);
  G_OBJECT_CLASS (cp_staff_dialog_parent_class)->finalize (object);
}

#define BIND_MESSAGE(name, field)                                                                \
  gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,                          \
                                             G_STRUCT_OFFSET (CpStaffDialog, messages[field]))

static void
cp_staff_dialog_class_init (CpStaffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cp_staff_dialog_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/staff/"
                                               "cp-staff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, name);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, id_number);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, derived_label);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, phone);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, work_start);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, service_start);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, status);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, status_date);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, township);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, community);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, post);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, role);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, education);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, qualification);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, grid_role);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, level);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, suggestion_button);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, grade_label);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, grade);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, previous_grade_label);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, agreement_start);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, agreement_end);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, deduction);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, save_message);
  gtk_widget_class_bind_template_child (widget_class, CpStaffDialog, save_button);
  BIND_MESSAGE ("id_number_message", FIELD_ID_NUMBER);
  BIND_MESSAGE ("name_message", FIELD_NAME);
  BIND_MESSAGE ("work_start_message", FIELD_WORK_START);
  BIND_MESSAGE ("service_start_message", FIELD_SERVICE_START);
  BIND_MESSAGE ("status_date_message", FIELD_STATUS_DATE);
  BIND_MESSAGE ("community_message", FIELD_COMMUNITY);
  BIND_MESSAGE ("level_message", FIELD_LEVEL);
  BIND_MESSAGE ("agreement_start_message", FIELD_AGREEMENT_START);
  BIND_MESSAGE ("agreement_end_message", FIELD_AGREEMENT_END);
  BIND_MESSAGE ("deduction_message", FIELD_DEDUCTION);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_township_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_level_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
cp_staff_dialog_init (CpStaffDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  cp_drop_down_set_vocabulary (self->post, cp_posts, CP_N_POSTS);
  cp_drop_down_set_vocabulary (self->education, cp_educations, CP_N_EDUCATIONS);
  cp_drop_down_set_vocabulary (self->qualification, cp_qualifications, CP_N_QUALIFICATIONS);
  cp_drop_down_set_vocabulary (self->status, cp_staff_statuses, CP_N_STAFF_STATUSES);
  cp_drop_down_set_vocabulary (self->grid_role, cp_grid_roles, CP_N_GRID_ROLES);
  g_autoptr (GtkStringList) grades = gtk_string_list_new (NULL);
  gtk_string_list_append (grades, _("Not entered"));
  for (int grade = CP_GRADE_NONE + 1; grade < CP_N_GRADES; grade++)
    gtk_string_list_append (grades, cp_vocabulary_display (cp_grades, CP_N_GRADES, grade));
  gtk_drop_down_set_model (self->grade, G_LIST_MODEL (grades));
  /* The limits are core's. */
  gtk_spin_button_set_range (self->level, 0, CP_LEVEL_MAX);
  gtk_entry_set_max_length (self->name, CP_STAFF_NAME_MAX_CHARS);
  gtk_entry_set_max_length (self->role, CP_STAFF_ROLE_MAX_CHARS);
  gtk_entry_set_max_length (self->phone, CP_STAFF_PHONE_MAX_CHARS);
  self->today = cp_date_today ();
}

/* The grade of the year (and of the year before, shown) and the latest agreement on record. */
static void
load_record (CpStaffDialog *self, int year)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;
  CpGrade previous = CP_GRADE_NONE;

  self->old_agreement = (CpAgreement){ self->staff.id, CP_DATE_NONE, CP_DATE_NONE };
  /* Translators: %d is the year; the letter after _ is the access key */
  label = g_strdup_printf (_("Grade for _year %d"), year);
  gtk_label_set_text_with_mnemonic (self->grade_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_grade_label), self->staff.id > 0);
  if (self->staff.id == 0)
    return;
  self->old_grade = cp_staff_store_get_grade (self->store, self->staff.id, year, &error);
  if (error == NULL)
    previous = cp_staff_store_get_grade (self->store, self->staff.id, year - 1, &error);
  if (error == NULL)
    cp_staff_store_latest_agreement (self->store, self->staff.id, &self->old_agreement,
                                     &self->has_agreement, &error);
  if (error != NULL)
    {
      gtk_label_set_text (self->save_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_message), TRUE);
    }
  g_autofree char *text
      = previous == CP_GRADE_NONE
            /* Translators: %d is the year before; pay's performance part follows its grade */
            ? g_strdup_printf (_("No grade entered for %d"), year - 1)
            /* Translators: the year before, then its grade */
            : g_strdup_printf (_("Grade for %d: %s"), year - 1,
                               cp_vocabulary_display (cp_grades, CP_N_GRADES, previous));
  gtk_label_set_text (self->previous_grade_label, text);
}

/* Public API */

CpStaffDialog *
cp_staff_dialog_new (GtkWindow *parent, CpStore *store, int year, const CpStaff *staff,
                     int level, gint64 township_id)
{
  g_return_val_if_fail (store != NULL && staff != NULL, NULL);

  CpStaffDialog *self = g_object_new (CP_TYPE_STAFF_DIALOG, "transient-for", parent, NULL);
  g_autoptr (GError) error = NULL;

  self->store = store;
  self->year = year;
  self->old_level = level;
  self->staff = *staff;
  self->staff.id_number = g_strdup (staff->id_number);
  self->staff.name = g_strdup (staff->name);
  self->staff.role = g_strdup (staff->role);
  self->staff.phone = g_strdup (staff->phone);
  if (!cp_staff_store_get_params (store, year, &self->params, &error))
    cp_pay_params_init_default (&self->params, year);
  load_record (self, year);
  gtk_window_set_title (GTK_WINDOW (self),
                        staff->id > 0 ? _("Edit Staff Member") : _("Add Staff Member"));
  self->pristine = staff->id == 0;
  self->filling = TRUE;
  self->township_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fill_places (self, township_id, staff->community_id);
  fill_form (self, staff, level);
  on_field_changed (self);
  self->filling = FALSE;
  return self;
}
