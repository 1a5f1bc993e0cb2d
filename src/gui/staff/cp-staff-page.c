/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-advance-dialog.h"
#include "cp-chart-view.h"
#include "cp-column-probe.h"
#include "cp-drop-down.h"
#include "cp-message.h"
#include "cp-page.h"
#include "cp-pay-params-dialog.h"
#include "cp-region-store.h"
#include "cp-reports.h"
#include "cp-staff-chart.h"
#include "cp-staff-dialog.h"
#include "cp-staff-model.h"
#include "cp-staff-page.h"
#include "cp-staff-places.h"

/* How long the undo bar of an advancement stays. */
#define UNDO_SECONDS 60

/* The response of the undo bar's button (response="1" in cp-staff-page.ui). */
typedef enum
{
  UNDO_RESPONSE_UNDO = 1,
} UndoResponse;

struct _CpStaffPage
{
  GtkBox parent_instance;

  /* template widgets */
  GtkInfoBar *undo_bar;
  GtkLabel *undo_label;
  GtkButton *undo_button;
  GtkDropDown *township_filter;
  GtkDropDown *community_filter;
  GtkDropDown *post_filter;
  GtkDropDown *status_filter;
  GtkSearchEntry *search_entry;
  GtkLabel *count_label;
  GtkButton *params_button;
  GtkButton *advance_button;
  GtkColumnView *column_view;
  GtkLabel *detail_title;
  GtkLabel *detail_facts;
  GtkLabel *detail_history;
  GtkLabel *slip_title;
  GtkGrid *slip_grid;
  GtkLabel *detail_terms;
  GtkButton *add_button;
  GtkButton *edit_button;
  GtkButton *delete_button;
  GtkToggleButton *levels_toggle;
  CpChartView *chart_view;

  /* borrowed */
  CpStore *store;

  /* owned */
  CpStaffModel *model;
  GtkSingleSelection *selection;
  GArray *township_ids;  /* gint64, parallel to the filter's entries after "all"; */
  GArray *community_ids; /* the same for the communities of the township chosen */
  GArray *undo_levels;   /* CpLevelEntry the last advancement replaced, or NULL */
  CpPayParams params;    /* of the year */
  CpJob *undo_job;
  guint undo_timeout;
  int year;
  CpColumnProbe probes[CP_N_ROSTER_COLUMNS];
  int probed_column;
  gboolean fetch_error_shown; /* since the list was last read */
  gboolean desensitize;       /* the workbook's check box, told before each export */
  gboolean stale;             /* a reload waits for the page to be shown */
  gboolean places_stale;      /* so do the township filter's names (34,000 at --scale 2000) */
  gint64 select_after_load;   /* the person to select once the list is read, or 0 */
};

static void cp_staff_page_page_init (CpPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpStaffPage, cp_staff_page, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_PAGE, cp_staff_page_page_init))

static const struct
{
  const char *title;
  gboolean numeric;
  gboolean expand;
} columns[CP_N_ROSTER_COLUMNS] = {
  [CP_ROSTER_COLUMN_NAME] = { NC_ ("staff column", "Name"), FALSE, TRUE },
  [CP_ROSTER_COLUMN_ID_NUMBER] = { NC_ ("staff column", "ID Number"), FALSE, FALSE },
  [CP_ROSTER_COLUMN_COMMUNITY] = { NC_ ("staff column", "Community"), FALSE, TRUE },
  [CP_ROSTER_COLUMN_POST] = { NC_ ("staff column", "Post"), FALSE, FALSE },
  [CP_ROSTER_COLUMN_LEVEL] = { NC_ ("staff column", "Level"), TRUE, FALSE },
  [CP_ROSTER_COLUMN_GRADE] = { NC_ ("staff column", "Grade"), FALSE, FALSE },
  [CP_ROSTER_COLUMN_STATUS] = { NC_ ("staff column", "Status"), FALSE, FALSE },
  [CP_ROSTER_COLUMN_GRID_ROLE] = { NC_ ("staff column", "Grid Role"), FALSE, FALSE },
  [CP_ROSTER_COLUMN_SERVICE_START] = { NC_ ("staff column", "Service Start"), FALSE, FALSE },
};

/* Auxiliary functions */

static CpRosterRow *
selected_row (CpStaffPage *self)
{
  CpRosterRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL && cp_roster_row_is_loaded (row) ? row : NULL;
}

static gboolean
writable (CpStaffPage *self)
{
  return self->store != NULL && !cp_store_is_read_only (self->store);
}

static void
update_buttons (CpStaffPage *self)
{
  gboolean editable = writable (self);
  gboolean has_row = selected_row (self) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), editable && has_row);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), editable && has_row);
  gtk_widget_set_sensitive (GTK_WIDGET (self->params_button), self->store != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->advance_button), self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.add", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.edit", editable && has_row);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.delete", editable && has_row);
}

/* "12,345.67": fen as yuan with two decimals. */
static char *
format_fen (gint64 fen)
{
  gint64 whole = ABS (fen) / 100;
  g_autoptr (GString) digits = g_string_new (NULL);

  g_string_printf (digits, "%" G_GINT64_FORMAT, whole);
  for (gssize at = (gssize) digits->len - 3; at > 0; at -= 3)
    g_string_insert_c (digits, at, ',');
  return g_strdup_printf ("%s%s.%02d", fen < 0 ? "−" : "", digits->str, (int) (ABS (fen) % 100));
}

static GtkWidget *
slip_label (const char *text, gboolean amount, gboolean strong)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), amount ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (amount)
    gtk_widget_add_css_class (label, "numeric");
  if (strong)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
slip_row (CpStaffPage *self, int row, const char *item, gint64 employee, gint64 employer,
          gboolean strong)
{
  g_autofree char *a = employee >= 0 ? format_fen (employee) : g_strdup ("");
  g_autofree char *b = employer >= 0 ? format_fen (employer) : g_strdup ("");

  gtk_grid_attach (self->slip_grid, slip_label (item, FALSE, strong), 0, row, 1, 1);
  gtk_grid_attach (self->slip_grid, slip_label (a, TRUE, strong), 1, row, 1, 1);
  gtk_grid_attach (self->slip_grid, slip_label (b, TRUE, strong), 2, row, 1, 1);
}

static void
clear_slip (CpStaffPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->slip_grid))) != NULL)
    gtk_grid_remove (self->slip_grid, child);
}

/* The slip in three parts: what is paid, the contributions of both sides, tax and net. -1 leaves
 * a cell empty. */
static void
show_slip (CpStaffPage *self, const CpPaySlip *s)
{
  int r = 0;

  slip_row (self, r++, _("Base pay"), s->base, -1, FALSE);
  slip_row (self, r++, _("Performance pay"), s->performance, -1, FALSE);
  slip_row (self, r++, _("Qualification allowance"), s->allowance, -1, FALSE);
  slip_row (self, r++, _("Gross pay"), s->gross, -1, TRUE);
  slip_row (self, r++, _("Contribution base"), s->contribution_base, -1, FALSE);
  gtk_grid_attach (self->slip_grid, slip_label (_("Contributions"), FALSE, TRUE), 0, r, 1, 1);
  gtk_grid_attach (self->slip_grid, slip_label (_("Employee"), TRUE, TRUE), 1, r, 1, 1);
  gtk_grid_attach (self->slip_grid, slip_label (_("Employer"), TRUE, TRUE), 2, r++, 1, 1);
  slip_row (self, r++, _("Pension"), s->employee[CP_EMPLOYEE_PENSION],
            s->employer[CP_EMPLOYER_PENSION], FALSE);
  slip_row (self, r++, _("Medical"), s->employee[CP_EMPLOYEE_MEDICAL],
            s->employer[CP_EMPLOYER_MEDICAL], FALSE);
  slip_row (self, r++, _("Unemployment"), s->employee[CP_EMPLOYEE_UNEMPLOYMENT],
            s->employer[CP_EMPLOYER_UNEMPLOYMENT], FALSE);
  slip_row (self, r++, _("Work injury"), -1, s->employer[CP_EMPLOYER_WORK_INJURY], FALSE);
  slip_row (self, r++, _("Housing fund"), s->employee[CP_EMPLOYEE_HOUSING_FUND],
            s->employer[CP_EMPLOYER_HOUSING_FUND], FALSE);
  slip_row (self, r++, _("Total contributions"), s->employee_total, s->employer_total, TRUE);
  slip_row (self, r++, _("Income tax withheld"), s->income_tax, -1, FALSE);
  slip_row (self, r++, _("Net pay"), s->net, -1, TRUE);
}

/* The month the slip shows: this month in the current year, December of a past one, January of
 * a later one. */
static int
slip_month (int year)
{
  CpDate today = cp_date_today ();

  return year == today.year ? today.month : year < today.year ? 12 : 1;
}

static void
load_slip (CpStaffPage *self, CpRosterRow *row)
{
  CpPayPerson person;
  CpPaySlip slip;
  int month = slip_month (self->year);
  /* Translators: the pay slip's heading: year, month */
  g_autofree char *title = g_strdup_printf (_("Pay slip of %d-%02d"), self->year, month);

  clear_slip (self);
  gtk_label_set_text (self->slip_title, title);
  cp_roster_row_pay_person (row, &person);
  if (!cp_pay_slip (&self->params, &person, self->year, month, &slip))
    {
      gtk_grid_attach (self->slip_grid,
                       slip_label (_("Not on duty this month: no pay."), FALSE, FALSE), 0, 0, 3,
                       1);
      return;
    }
  show_slip (self, &slip);
  if (slip.probation)
    {
      /* Translators: %d is the level pay is computed at in probation */
      g_autofree char *note = g_strdup_printf (_("Probation: paid at level %d."),
                                               slip.pay_level);
      gtk_grid_attach (self->slip_grid, slip_label (note, FALSE, FALSE), 0, 100, 3, 1);
    }
}

static char *
facts_text (CpRosterRow *row)
{
  const CpStaff *s = cp_roster_row_get_staff (row);
  g_autofree char *masked = cp_id_number_mask (s->id_number);
  g_autofree char *level = cp_roster_row_get_level (row) > 0
                               /* Translators: the person's level in the detail pane */
                               ? g_strdup_printf (_("level %d"), cp_roster_row_get_level (row))
                               : g_strdup (_("no level"));
  CpGrade grade = cp_roster_row_get_grade (row);

  /* Translators: the detail pane: post, role, level, education, qualification, grade, status,
   * ID number (masked), phone */
  return g_strdup_printf (_("%s %s · %s\n%s · %s\nGrade of the year: %s · %s\nID number %s · "
                            "phone %s"),
                          cp_vocabulary_display (cp_posts, CP_N_POSTS, s->post), s->role, level,
                          cp_vocabulary_display (cp_educations, CP_N_EDUCATIONS, s->education),
                          cp_vocabulary_display (cp_qualifications, CP_N_QUALIFICATIONS,
                                                 s->qualification),
                          grade == CP_GRADE_NONE
                              ? _("none recorded")
                              : cp_vocabulary_display (cp_grades, CP_N_GRADES, grade),
                          cp_vocabulary_display (cp_staff_statuses, CP_N_STAFF_STATUSES,
                                                 s->status),
                          masked, *s->phone != '\0' ? s->phone : "—");
}

static char *
history_text (CpStaffPage *self, CpRosterRow *row)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) history = cp_staff_store_level_history (self->store,
                                                             cp_roster_row_get_id (row), &error);
  g_autoptr (GString) text = g_string_new (_("Levels recorded:"));

  if (history == NULL)
    return g_strdup_printf (_("Cannot read the levels: %s"), error->message);
  if (history->len == 0)
    g_string_append_printf (text, " %s", _("none"));
  for (guint i = 0; i < history->len; i++)
    {
      const CpLevelEntry *entry = &g_array_index (history, CpLevelEntry, i);
      /* Translators: one entry of the level history: year, level */
      g_string_append_printf (text, _(" %d: level %d;"), entry->year, entry->level);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
terms_text (CpStaffPage *self, CpRosterRow *row)
{
  const CpStaff *s = cp_roster_row_get_staff (row);
  const CpAgreement *agreement = cp_roster_row_get_agreement (row);
  int leave = cp_annual_leave_days (s->work_start, s->service_start, self->year);
  CpDate birth;
  CpGender gender;
  g_autofree char *retires = NULL;
  g_autofree char *agreed = NULL;

  if (cp_id_number_check (s->id_number, cp_date_today (), &birth, &gender, NULL))
    {
      int age_months;
      CpDate month = cp_retirement_month (birth, gender, &age_months);
      /* Translators: the retirement month, then the age in years and months */
      retires = g_strdup_printf (_("%04d-%02d (at %d years %d months)"), month.year,
                                 month.month, age_months / 12, age_months % 12);
    }
  if (agreement == NULL)
    agreed = g_strdup (_("none"));
  else
    {
      g_autofree char *start = cp_date_format (agreement->start);
      g_autofree char *end = cp_date_format (agreement->end);
      /* Translators: a service agreement's start and end ("open-ended" when it has none) */
      agreed = g_strdup_printf (_("%s to %s"), start,
                                *end != '\0' ? end : _("open-ended"));
    }
  /* Translators: the detail pane: leave days of the year, retirement month, agreement */
  return g_strdup_printf (_("Paid annual leave in %d: %d days\nRetirement: %s\nService "
                            "agreement: %s"),
                          self->year, leave, retires != NULL ? retires : "—", agreed);
}

static void
show_detail (CpStaffPage *self)
{
  CpRosterRow *row = selected_row (self);

  gtk_widget_set_visible (GTK_WIDGET (self->slip_grid), row != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->slip_title), row != NULL);
  if (row == NULL)
    {
      gtk_label_set_text (self->detail_title, _("No one selected"));
      gtk_label_set_text (self->detail_facts, "");
      gtk_label_set_text (self->detail_history, "");
      gtk_label_set_text (self->detail_terms, "");
      clear_slip (self);
      update_buttons (self);
      return;
    }
  /* Translators: the person's name, community and township in the detail pane */
  g_autofree char *title = g_strdup_printf (_("%s (%s, %s)"),
                                            cp_roster_row_get_staff (row)->name,
                                            cp_roster_row_get_community (row),
                                            cp_roster_row_get_township (row));
  g_autofree char *facts = facts_text (row);
  g_autofree char *history = history_text (self, row);
  g_autofree char *terms = terms_text (self, row);
  gtk_label_set_text (self->detail_title, title);
  gtk_label_set_text (self->detail_facts, facts);
  gtk_label_set_text (self->detail_history, history);
  gtk_label_set_text (self->detail_terms, terms);
  load_slip (self, row);
  update_buttons (self);
}

static void
update_count (CpStaffPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = g_strdup_printf (ngettext ("%u person", "%u people", n), n);

  gtk_label_set_text (self->count_label, cp_staff_model_is_loading (self->model)
                                             ? _("Reading the roster…")
                                             : text);
}

static void
load_params (CpStaffPage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->store == NULL || !cp_staff_store_get_params (self->store, self->year, &self->params,
                                                         &error))
    cp_pay_params_init_default (&self->params, self->year);
  if (error != NULL)
    cp_message_show_error (GTK_WIDGET (self), _("Cannot read the pay parameters"), error);
}

static void select_person (CpStaffPage *self, gint64 id);

static void
list_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CpStaffPage) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = cp_staff_model_reload_finish (CP_STAFF_MODEL (source), result, &error);

  if (self->model == NULL /* disposed */
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->fetch_error_shown = FALSE;
  if (!ok)
    cp_message_show_error (GTK_WIDGET (self), _("Cannot list the staff"), error);
  update_count (self);
  show_detail (self);
  if (self->select_after_load != 0)
    select_person (self, self->select_after_load);
  self->select_after_load = 0;
}

/* The list is read in a thread (4 million people at --scale 2000): the old one stays until the
 * new one is there, and the count says it is being read. */
static void
reload_list (CpStaffPage *self)
{
  cp_staff_model_reload_async (self->model,
                               self->store != NULL ? cp_store_get_path (self->store) : NULL,
                               list_loaded, g_object_ref (self));
  update_count (self);
}

/* The pay cost needs every person's slips of the year: at scale that takes a while, so the
 * chart is drawn in a thread on its own connection. */
static void
reload_chart (CpStaffPage *self)
{
  cp_chart_view_load (self->chart_view,
                      self->store != NULL ? cp_store_get_path (self->store) : NULL, self->year,
                      gtk_toggle_button_get_active (self->levels_toggle)
                          ? cp_staff_chart_new_levels
                          : cp_staff_chart_new_pay_cost);
}

static void
load_communities (CpStaffPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  guint township = gtk_drop_down_get_selected (self->township_filter);

  g_array_set_size (self->community_ids, 0);
  gtk_string_list_append (names, _("All communities"));
  if (self->store != NULL && township > 0 && township <= self->township_ids->len
      && !cp_staff_places_communities (self->store, self->year,
                                       g_array_index (self->township_ids, gint64, township - 1),
                                       self->community_ids, names, &error))
    cp_message_show_error (GTK_WIDGET (self), _("Cannot list the communities"), error);
  cp_drop_down_set_names (self->community_filter, names, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->community_filter), self->community_ids->len > 0);
}

static void
load_townships (CpStaffPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;

  g_array_set_size (self->township_ids, 0);
  gtk_string_list_append (names, _("All townships"));
  if (self->store != NULL
      && !cp_staff_places_townships (self->store, self->township_ids, names, &error))
    cp_message_show_error (GTK_WIDGET (self), _("Cannot list the townships"), error);
  cp_drop_down_set_names (self->township_filter, names, self);
  load_communities (self);
}

static void
fill_vocabulary_filter (CpStaffPage *self, GtkDropDown *drop_down, const char *all,
                        const CpVocabulary *vocabulary, guint n)
{
  g_autoptr (GtkStringList) names = cp_drop_down_vocabulary (all, vocabulary, n);

  cp_drop_down_set_names (drop_down, names, self);
}

static gint64
selected_id (GtkDropDown *drop_down, GArray *ids)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  return selected > 0 && selected <= ids->len ? g_array_index (ids, gint64, selected - 1) : 0;
}

static void
hide_undo (CpStaffPage *self)
{
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_info_bar_set_revealed (self->undo_bar, FALSE);
  g_clear_pointer (&self->undo_levels, g_array_unref);
}

static void
select_person (CpStaffPage *self, gint64 id)
{
  guint position = cp_sql_list_model_find (CP_SQL_LIST_MODEL (self->model), id);

  if (position == G_MAXUINT)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  /* Brings the row into view (GTK 4.8 has no gtk_column_view_scroll_to). */
  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u",
                              position);
}

/* Callbacks */

/* The list itself is sorted in SQL, by the column the view sorts by. */
static void
on_sorter_changed (CpStaffPage *self, GtkSorterChange change, GtkSorter *sorter)
{
  gboolean descending;
  int column = cp_column_probe_read (sorter, &self->probed_column, &descending);

  if (column < 0)
    cp_staff_model_set_sort (self->model, CP_N_ROSTER_COLUMNS, FALSE);
  else
    cp_staff_model_set_sort (self->model, column, descending);
  reload_list (self);
}

static void
on_filter_changed (CpStaffPage *self)
{
  guint post = gtk_drop_down_get_selected (self->post_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  CpStaffFilter filter = {
    .township_id = selected_id (self->township_filter, self->township_ids),
    .community_id = selected_id (self->community_filter, self->community_ids),
    .post = post > 0 && post <= CP_N_POSTS ? (int) post - 1 : -1,
    .status = status > 0 && status <= CP_N_STAFF_STATUSES ? (int) status - 1 : -1,
    .search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
  };

  cp_staff_model_set_filter (self->model, &filter);
  reload_list (self);
}

static void
on_township_changed (CpStaffPage *self)
{
  load_communities (self);
  on_filter_changed (self);
}

/* Rows the list could not read stay empty: say so, once a reading of the list. */
static void
on_fetch_failed (CpStaffPage *self, const GError *error)
{
  if (self->fetch_error_shown)
    return;
  self->fetch_error_shown = TRUE;
  cp_message_show_error (GTK_WIDGET (self), _("Cannot read the staff"), error);
}

static void
on_selection_changed (CpStaffPage *self)
{
  show_detail (self);
}

static void
on_staff_saved (CpStaffPage *self, gint64 id)
{
  self->select_after_load = id;
  reload_list (self);
  reload_chart (self);
}

static void
open_staff_dialog (CpStaffPage *self, const CpStaff *staff, int level, gint64 township_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CpStaffDialog *dialog = cp_staff_dialog_new (GTK_WINDOW (root), self->store, self->year, staff,
                                               level, township_id);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_staff_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A new person starts in the community the list is filtered to (or the first of the township),
 * on duty, with their community service starting today. */
static void
on_add_clicked (CpStaffPage *self)
{
  if (!writable (self))
    return;
  CpStaff staff = {
    .community_id = selected_id (self->community_filter, self->community_ids),
    .post = CP_POST_STAFF,
    .education = CP_EDUCATION_BACHELOR,
    .status = CP_STAFF_ACTIVE,
  };
  open_staff_dialog (self, &staff, 0, selected_id (self->township_filter, self->township_ids));
}

static void
on_edit_clicked (CpStaffPage *self)
{
  CpRosterRow *row = selected_row (self);

  if (row == NULL || !writable (self))
    return;
  const CpStaff *staff = cp_roster_row_get_staff (row);
  g_autoptr (GError) error = NULL;
  CpCommunity community = { 0 };
  gint64 township_id = 0;
  if (cp_region_store_get_community (self->store, staff->community_id, self->year, &community,
                                     &error))
    township_id = community.township_id;
  cp_community_clear (&community);
  open_staff_dialog (self, staff, cp_roster_row_get_level (row), township_id);
}

static void
on_delete_response (GtkDialog *dialog, int response, gpointer user_data)
{
  CpStaffPage *self = CP_STAFF_PAGE (user_data);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "staff-id"));
  g_autoptr (GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_OK || self->store == NULL)
    return;
  if (!cp_staff_store_delete (self->store, id, &error))
    cp_message_show_error (GTK_WIDGET (self), _("Cannot delete the staff member"), error);
  reload_list (self);
  reload_chart (self);
}

/* Deleting removes the person's levels, grades and agreements too: asked first, as no undo
 * brings all of them back. */
static void
on_delete_clicked (CpStaffPage *self)
{
  CpRosterRow *row = selected_row (self);

  if (row == NULL || !writable (self))
    return;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = gtk_message_dialog_new (
      GTK_WINDOW (root), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
      GTK_BUTTONS_NONE, _("Delete “%s” from the roster?"), cp_roster_row_get_staff (row)->name);
  gtk_message_dialog_format_secondary_text (
      GTK_MESSAGE_DIALOG (dialog), "%s",
      _("Their levels, grades and service agreements are deleted with them. A person who left "
        "or retired can stay on the roster with that status instead."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Delete"),
                          GTK_RESPONSE_OK, NULL);
  g_object_set_data (G_OBJECT (dialog), "staff-id",
                     GSIZE_TO_POINTER ((gsize) cp_roster_row_get_id (row)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_params_saved (CpStaffPage *self)
{
  load_params (self);
  reload_list (self);
  reload_chart (self);
}

static void
on_params_clicked (CpStaffPage *self)
{
  if (self->store == NULL)
    return;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CpPayParamsDialog *dialog = cp_pay_params_dialog_new (GTK_WINDOW (root), self->store,
                                                        self->year);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_params_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_undo_timeout (gpointer user_data)
{
  CpStaffPage *self = user_data;

  self->undo_timeout = 0;
  hide_undo (self);
  return G_SOURCE_REMOVE;
}

static void
on_advance_applied (CpAdvanceDialog *dialog, GArray *previous, guint changed, CpStaffPage *self)
{
  hide_undo (self);
  self->undo_levels = g_array_ref (previous);
  g_autofree char *text = g_strdup_printf (
      ngettext ("%u person has a new level on 1 January %d.",
                "%u people have a new level on 1 January %d.", changed),
      changed, self->year + 1);
  gtk_label_set_text (self->undo_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), TRUE);
  gtk_info_bar_set_revealed (self->undo_bar, TRUE);
  self->undo_timeout = g_timeout_add_seconds (UNDO_SECONDS, on_undo_timeout, self);
  reload_list (self);
}

static void
on_advance_clicked (CpStaffPage *self)
{
  if (self->store == NULL)
    return;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CpAdvanceDialog *dialog = cp_advance_dialog_new (GTK_WINDOW (root),
                                                   cp_store_get_path (self->store), self->year,
                                                   !writable (self));
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_advance_applied), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
undo_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable,
           GError **error)
{
  GArray *levels = data;

  return cp_staff_store_write_levels (store, (const CpLevelEntry *) levels->data, levels->len,
                                      error);
}

static void
undo_done (CpJob *job, const GError *error, gpointer user_data)
{
  g_autoptr (CpStaffPage) self = user_data;

  g_clear_object (&self->undo_job);
  if (error != NULL && !cp_job_error_is_cancel (error))
    cp_message_show_error (GTK_WIDGET (self), _("Cannot undo the advancement"), error);
  gtk_label_set_text (self->undo_label, error == NULL ? _("The advancement was undone.") : "");
  reload_list (self);
}

/* Writes back the levels the advancement replaced, in one transaction of a job of its own. */
static void
on_undo_bar_response (CpStaffPage *self, int response)
{
  if (response != UNDO_RESPONSE_UNDO || self->undo_levels == NULL || !writable (self)
      || self->undo_job != NULL)
    {
      hide_undo (self);
      return;
    }
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  GArray *levels = g_steal_pointer (&self->undo_levels);
  gtk_label_set_text (self->undo_label, _("Undoing the advancement…"));
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), FALSE);
  self->undo_job = cp_job_new (_("Undoing the advancement…"), cp_store_get_path (self->store),
                               CP_STORE_OPEN_DEFAULT, undo_work, levels,
                               (GDestroyNotify) g_array_unref);
  cp_job_start (self->undo_job, undo_done, g_object_ref (self));
  self->undo_timeout = g_timeout_add_seconds (UNDO_SECONDS, on_undo_timeout, self);
}

/* The keyboard's way to the buttons (the page's actions, see class_init). */
static void
add_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  on_add_clicked (CP_STAFF_PAGE (widget));
}

static void
edit_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  on_edit_clicked (CP_STAFF_PAGE (widget));
}

static void
delete_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  on_delete_clicked (CP_STAFF_PAGE (widget));
}

static void
on_chart_toggled (CpStaffPage *self, GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    reload_chart (self);
}

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  CpRosterColumn column = GPOINTER_TO_UINT (user_data);
  /* A masked identity number is 18 characters, a date 10: never cut them short. */
  int width = column == CP_ROSTER_COLUMN_ID_NUMBER      ? 18
              : column == CP_ROSTER_COLUMN_SERVICE_START ? 10
                                                         : 0;

  gtk_list_item_set_child (item, cp_column_cell_label_new (columns[column].numeric, width));
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  CpRosterColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  CpRosterRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = cp_roster_row_dup_cell_text (row, column);

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
add_columns (CpStaffPage *self)
{
  for (CpRosterColumn c = 0; c < CP_N_ROSTER_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (c));
      g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "staff column", columns[c].title), factory);
      self->probes[c] = (CpColumnProbe){ &self->probed_column, c };
      if (cp_staff_model_column_sortable (c))
        {
          g_autoptr (GtkSorter) sorter = cp_column_probe_sorter (&self->probes[c]);
          gtk_column_view_column_set_sorter (column, sorter);
        }
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_append_column (self->column_view, column);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
}

/* GtkWidget overrides */

/* What was asked while the page was hidden is read when it is first shown: at startup the
 * window shows another page, and the roster and its chart need not be read yet. */
static void
cp_staff_page_map (GtkWidget *widget)
{
  CpStaffPage *self = CP_STAFF_PAGE (widget);

  GTK_WIDGET_CLASS (cp_staff_page_parent_class)->map (widget);
  if (self->stale)
    cp_page_reload (CP_PAGE (self));
}

/* GObject overrides */

static void
cp_staff_page_dispose (GObject *object)
{
  CpStaffPage *self = CP_STAFF_PAGE (object);

  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_STAFF_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (cp_staff_page_parent_class)->dispose (object);
}

static void
cp_staff_page_finalize (GObject *object)
{
  CpStaffPage *self = CP_STAFF_PAGE (object);

  g_array_unref (self->township_ids);
  g_array_unref (self->community_ids);
  g_clear_pointer (&self->undo_levels, g_array_unref);
  G_OBJECT_CLASS (cp_staff_page_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CpStaffPage, name)

static void
cp_staff_page_class_init (CpStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_staff_page_dispose;
  object_class->finalize = cp_staff_page_finalize;
  widget_class->map = cp_staff_page_map;

  g_type_ensure (CP_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/staff/"
                                               "cp-staff-page.ui");
  BIND (undo_bar);
  BIND (undo_label);
  BIND (undo_button);
  BIND (township_filter);
  BIND (community_filter);
  BIND (post_filter);
  BIND (status_filter);
  BIND (search_entry);
  BIND (count_label);
  BIND (params_button);
  BIND (advance_button);
  BIND (column_view);
  BIND (detail_title);
  BIND (detail_facts);
  BIND (detail_history);
  BIND (slip_title);
  BIND (slip_grid);
  BIND (detail_terms);
  BIND (add_button);
  BIND (edit_button);
  BIND (delete_button);
  BIND (levels_toggle);
  BIND (chart_view);
  gtk_widget_class_install_action (widget_class, "staff.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "staff.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "staff.delete", NULL, delete_activated);
  /* As on the facility page (listed in the shortcuts window); Enter and a double click edit
   * through the list's activate. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "staff.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "staff.edit", NULL);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_township_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_params_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_advance_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_toggled);
}

static void
cp_staff_page_init (CpStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->township_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->year = 0; /* the window sets it */
  cp_pay_params_init_default (&self->params, 2025);
  self->model = cp_staff_model_new ();
  g_signal_connect_object (self->model, "fetch-failed", G_CALLBACK (on_fetch_failed), self,
                           G_CONNECT_SWAPPED);
  fill_vocabulary_filter (self, self->post_filter, _("All posts"), cp_posts, CP_N_POSTS);
  fill_vocabulary_filter (self, self->status_filter, _("All statuses"), cp_staff_statuses,
                          CP_N_STAFF_STATUSES);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  /* Delete asks to delete the selected person only while the roster has the focus (in the
   * search entry it deletes text). */
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                        gtk_named_action_new ("staff.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  load_townships (self);
  show_detail (self);
  update_count (self);
}

/* CpPage implementation */

static const char *
cp_staff_page_get_name (CpPage *page)
{
  return "staff";
}

static const char *
cp_staff_page_get_title (CpPage *page)
{
  return _("Pay Grades");
}

static void
cp_staff_page_set_store (CpPage *page, CpStore *store)
{
  CpStaffPage *self = CP_STAFF_PAGE (page);

  hide_undo (self);
  self->store = store;
  cp_sql_list_model_set_store (CP_SQL_LIST_MODEL (self->model), store);
  self->places_stale = TRUE;
  cp_page_reload (page);
}

static void
cp_staff_page_set_year (CpPage *page, int year)
{
  CpStaffPage *self = CP_STAFF_PAGE (page);

  if (self->year == year)
    return;
  self->year = year;
  cp_staff_model_set_year (self->model, year);
  hide_undo (self);
  cp_page_reload (page);
}

static void
cp_staff_page_reload (CpPage *page)
{
  CpStaffPage *self = CP_STAFF_PAGE (page);

  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    return;
  if (self->places_stale)
    load_townships (self);
  self->places_stale = FALSE;
  load_params (self);
  on_filter_changed (self);
  reload_chart (self);
}

static void
cp_staff_page_focus_search (CpPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (CP_STAFF_PAGE (page)->search_entry));
}

static const CpPageExport *
cp_staff_page_list_exports (CpPage *page, guint *n_exports)
{
  static CpPageExport exports[3];

  /* Translated when asked: the locale is set by then. The workbook's roster is desensitized
   * by a check box in the file chooser. */
  exports[0] = (CpPageExport){ "workbook", _("_Workbook…"), _("Export the Workbook"),
                               _("Excel workbooks"), "*.xlsx", ".xlsx",
                               _("Desensitize: ID numbers masked, no phones or birth dates") };
  exports[1] = (CpPageExport){ "staff-levels", _("Staff by Post and _Level Chart…"),
                               _("Export the Chart as PNG, SVG or PDF"), NULL, NULL, NULL, NULL };
  exports[2] = (CpPageExport){ "pay-cost", _("Pay _Cost Chart…"),
                               _("Export the Chart as PNG, SVG or PDF"), NULL, NULL, NULL, NULL };
  *n_exports = G_N_ELEMENTS (exports);
  return exports;
}

static char *
cp_staff_page_suggest_export_name (CpPage *page, const char *id, int year)
{
  if (g_str_equal (id, "workbook"))
    /* Translators: the suggested file name of the workbook; %d is the year */
    return g_strdup_printf (_("staff-%d.xlsx"), year);
  /* Translators: the suggested file name of a chart: its name, the year */
  return g_strdup_printf (_("%s-%d.png"), id, year);
}

static CpJob *
cp_staff_page_export (CpPage *page, const char *id, const char *db_path, int year,
                      const char *out_path)
{
  if (g_str_equal (id, "workbook"))
    return cp_page_workbook_job (db_path, year, out_path, CP_STAFF_PAGE (page)->desensitize);
  return cp_page_chart_job (db_path, id, year, out_path);
}

static void
cp_staff_page_set_export_option (CpPage *page, const char *id, gboolean active)
{
  CP_STAFF_PAGE (page)->desensitize = g_str_equal (id, "workbook") && active;
}

static const char *const *
cp_staff_page_get_import_domains (CpPage *page)
{
  static const char *const domains[] = { "staff", NULL };

  return domains;
}

static void
cp_staff_page_page_init (CpPageInterface *iface)
{
  iface->get_name = cp_staff_page_get_name;
  iface->get_title = cp_staff_page_get_title;
  iface->set_store = cp_staff_page_set_store;
  iface->set_year = cp_staff_page_set_year;
  iface->reload = cp_staff_page_reload;
  iface->focus_search = cp_staff_page_focus_search;
  iface->list_exports = cp_staff_page_list_exports;
  iface->suggest_export_name = cp_staff_page_suggest_export_name;
  iface->export = cp_staff_page_export;
  iface->set_export_option = cp_staff_page_set_export_option;
  iface->get_import_domains = cp_staff_page_get_import_domains;
}

/* Public API */

CpPage *
cp_staff_page_new (void)
{
  return g_object_new (CP_TYPE_STAFF_PAGE, NULL);
}
