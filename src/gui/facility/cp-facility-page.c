/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-chart-view.h"
#include "cp-column-probe.h"
#include "cp-drop-down.h"
#include "cp-community-model.h"
#include "cp-facility-chart.h"
#include "cp-facility-check.h"
#include "cp-facility-dialog.h"
#include "cp-facility-page.h"
#include "cp-facility-summary.h"
#include "cp-message.h"
#include "cp-page.h"
#include "cp-print.h"
#include "cp-region-store.h"
#include "cp-reports.h"
#include "cp-standards-dialog.h"

#define UNDO_SECONDS 15

/* The response of the undo bar's button (response="1" in cp-facility-page.ui). */
typedef enum
{
  UNDO_RESPONSE_UNDO = 1,
} UndoResponse;

/* One change to a facility made in the window, as undo needs it. */
typedef enum
{
  STEP_ADDED,   /* @facility is the record added: undo deletes it */
  STEP_EDITED,  /* @facility is the record before the change: undo writes it back */
  STEP_DELETED, /* @facility is the record deleted: undo adds it again */
} StepKind;

typedef struct
{
  StepKind kind;
  CpFacility facility;
} UndoStep;

struct _CpFacilityPage
{
  GtkBox parent_instance;

  /* template widgets */
  GtkInfoBar *undo_bar;
  GtkLabel *undo_label;
  GtkButton *undo_button;
  GtkDropDown *township_filter;
  GtkSearchEntry *search_entry;
  GtkDropDown *rule_filter;
  GtkSwitch *failing_switch;
  GtkSwitch *projected_switch;
  GtkMenuButton *sort_button;
  GtkLabel *count_label;
  GtkLabel *totals_label;
  GtkWidget *detail_pane;
  GtkButton *standards_button;
  GtkColumnView *column_view;
  GtkLabel *detail_title;
  GtkLabel *detail_result;
  GtkLabel *detail_figures;
  GtkLabel *detail_projection;
  GtkLabel *detail_reasons;
  GtkLabel *facilities_heading;
  GtkListBox *facility_list;
  GtkButton *add_button;
  GtkButton *edit_button;
  GtkButton *delete_button;
  CpChartView *chart_view;

  /* borrowed */
  CpStore *store;

  /* owned */
  CpCommunityModel *model;
  GtkSingleSelection *selection;
  GArray *township_ids;   /* gint64, parallel to the filter's entries; 0 = all */
  GArray *facilities;     /* CpFacility of the selected community that exist in the year */
  GArray *all_facilities; /* CpFacility of the selected community, every year */
  GArray *undo_steps;     /* UndoStep, oldest first: every change since the file was opened */
  guint undo_timeout;
  int year;
  CpColumnProbe probes[CP_N_COLUMNS];
  int probed_column;
  gboolean sorted_descending;
  gboolean fetch_error_shown; /* since the list was last read */
  gboolean desensitize;       /* the workbook's 脱敏 check box, told before each export */
  gboolean export_filtered;   /* the workbook of the listed communities only, told likewise */
};

static void cp_facility_page_page_init (CpPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpFacilityPage, cp_facility_page, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (CP_TYPE_PAGE, cp_facility_page_page_init))

static const struct
{
  const char *title;
  gboolean numeric;
  gboolean expand;
} columns[CP_N_COLUMNS] = {
  [CP_COLUMN_CODE] = { NC_ ("list column", "Code"), FALSE, FALSE },
  [CP_COLUMN_TOWNSHIP] = { NC_ ("list column", "Township"), FALSE, FALSE },
  [CP_COLUMN_NAME] = { NC_ ("list column", "Name"), FALSE, TRUE },
  [CP_COLUMN_KIND] = { NC_ ("list column", "Kind"), FALSE, FALSE },
  [CP_COLUMN_HOUSEHOLDS] = { NC_ ("list column", "Households"), TRUE, FALSE },
  [CP_COLUMN_REQUIRED] = { NC_ ("list column", "Required m²"), TRUE, FALSE },
  [CP_COLUMN_ACTUAL] = { NC_ ("list column", "Actual m²"), TRUE, FALSE },
  [CP_COLUMN_SHORTFALL] = { NC_ ("list column", "Shortfall m²"), TRUE, FALSE },
  [CP_COLUMN_RESULT] = { NC_ ("list column", "Result"), FALSE, TRUE },
};

/* Auxiliary functions */

static CpCommunityRow *
selected_row (CpFacilityPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static gboolean
writable (CpFacilityPage *self)
{
  return self->store != NULL && !cp_store_is_read_only (self->store);
}

static const CpFacility *
selected_facility (CpFacilityPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->facility_list);

  if (row == NULL || self->facilities == NULL)
    return NULL;
  guint index = gtk_list_box_row_get_index (row);
  return index < self->facilities->len ? &g_array_index (self->facilities, CpFacility, index)
                                       : NULL;
}

static void
update_buttons (CpFacilityPage *self)
{
  gboolean editable = writable (self);
  gboolean has_facility = selected_facility (self) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            editable && selected_row (self) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), editable && has_facility);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), editable && has_facility);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facility.add",
                                 editable && selected_row (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facility.edit", editable && has_facility);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facility.delete", editable && has_facility);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facility.undo",
                                 editable && self->undo_steps->len > 0);
}

static void
set_result_style (GtkWidget *label, gboolean compliant)
{
  gtk_widget_remove_css_class (label, compliant ? "result-fail" : "result-pass");
  gtk_widget_add_css_class (label, compliant ? "result-pass" : "result-fail");
}

static GtkWidget *
facility_row_widget (const CpFacility *f)
{
  /* Translators: a facility in the detail pane: name, kind, area, status, year */
  g_autofree char *text = g_strdup_printf (_("%s\n%s · %.1f m² · %s · %d"), f->name,
                                           cp_vocabulary_display (cp_facility_kinds,
                                                                  CP_N_FACILITY_KINDS, f->kind),
                                           f->total_area_m2,
                                           cp_vocabulary_display (cp_statuses, CP_N_STATUSES,
                                                                  f->status),
                                           f->year);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  return label;
}

static void
load_facilities (CpFacilityPage *self, CpCommunityRow *row)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facility_list))) != NULL)
    gtk_list_box_remove (self->facility_list, child);
  g_clear_pointer (&self->facilities, g_array_unref);
  g_clear_pointer (&self->all_facilities, g_array_unref);
  gtk_label_set_text (self->facilities_heading, _("Facilities"));
  if (row == NULL || self->store == NULL)
    return;
  self->all_facilities
      = cp_facility_store_list (self->store, cp_community_row_get_id (row), &error);
  if (self->all_facilities == NULL)
    {
      cp_message_show_error (GTK_WIDGET (self), _("Cannot read the community’s facilities"),
                             error);
      return;
    }
  /* The pane lists what exists in the year: opened by then and not yet closed. */
  self->facilities = g_array_new (FALSE, TRUE, sizeof (CpFacility));
  for (guint i = 0; i < self->all_facilities->len; i++)
    {
      const CpFacility *f = &g_array_index (self->all_facilities, CpFacility, i);
      if (!cp_facility_exists_in_year (f, self->year))
        continue;
      CpFacility copy = *f;
      g_array_append_val (self->facilities, copy); /* borrows the name from all_facilities */
    }
  guint others = self->all_facilities->len - self->facilities->len;
  if (others > 0)
    {
      g_autofree char *heading = g_strdup_printf (
          ngettext ("Facilities in %d (%u more in other years: see why above)",
                    "Facilities in %d (%u more in other years: see why above)", others),
          self->year, others);
      gtk_label_set_text (self->facilities_heading, heading);
    }
  for (guint i = 0; i < self->facilities->len; i++)
    gtk_list_box_append (self->facility_list,
                         facility_row_widget (&g_array_index (self->facilities, CpFacility, i)));
}

static gboolean
projected (CpFacilityPage *self)
{
  return gtk_switch_get_active (self->projected_switch);
}

/* With the projection on: from which year the community passes with the planned work, or what
 * the plan leaves short. */
static void
show_projection (CpFacilityPage *self, CpCommunityRow *row)
{
  g_autoptr (GError) error = NULL;
  gint64 id = cp_community_row_get_id (row);
  g_autoptr (GHashTable) projections
      = cp_facility_check_projection (self->store, self->year, 0, &id, 1, NULL, &error);
  const CpProjection *p = projections != NULL ? g_hash_table_lookup (projections, &id) : NULL;
  g_autofree char *text = NULL;

  if (p == NULL)
    text = g_strdup_printf (_("Projection unavailable: %s"),
                            error != NULL ? error->message : _("the community was not found"));
  else if (p->compliant_from == self->year)
    text = g_strdup_printf (_("Projection: compliant from %d on, also with the planned work "
                              "counted"),
                            p->compliant_from);
  else if (p->compliant_from != 0)
    text = g_strdup_printf (_("Projection: compliant from %d, once the planned work is done"),
                            p->compliant_from);
  else if (p->shortfall_m2 > 0)
    text = g_strdup_printf (_("Projection: the planned work does not close the gap; after it "
                              "(%d) still %.1f m² short"),
                            p->horizon, p->shortfall_m2);
  else
    {
      g_autoptr (GString) rules = g_string_new (NULL);
      for (guint rule = 0; rule < CP_N_RULES; rule++)
        if (CP_VIOLATES (p->violations, rule))
          {
            if (rules->len > 0)
              g_string_append (rules, C_ ("rule list", ", "));
            g_string_append (rules, cp_rule_failure_display (rule));
          }
      text = g_strdup_printf (_("Projection: after the planned work (%d) still: %s"),
                              p->horizon, rules->str);
    }
  gtk_label_set_text (self->detail_projection, text);
  set_result_style (GTK_WIDGET (self->detail_projection), p != NULL && p->compliant_from != 0);
}

/* Every rule's decision with its figures, and the facilities that do not count. */
static void
show_reasons (CpFacilityPage *self, CpCommunityRow *row)
{
  CpStandards standards;
  CpExplanation explanation;

  gtk_widget_set_visible (GTK_WIDGET (self->detail_projection), row != NULL && projected (self));
  if (row == NULL || self->all_facilities == NULL
      || !cp_facility_store_get_standards (self->store, self->year, &standards, NULL, NULL))
    {
      gtk_label_set_text (self->detail_reasons, "");
      return;
    }
  cp_facility_rules_explain (cp_community_row_get_kind (row),
                             cp_community_row_is_relocation_site (row),
                             cp_community_row_get_households (row),
                             (const CpFacility *) self->all_facilities->data,
                             self->all_facilities->len, &standards, projected (self),
                             &explanation);
  g_autofree char *text = cp_explanation_to_text (&explanation);
  gtk_label_set_text (self->detail_reasons, text);
  cp_explanation_clear (&explanation);
  if (projected (self))
    show_projection (self, row);
}

static void
show_detail (CpFacilityPage *self)
{
  CpCommunityRow *row = selected_row (self);

  gtk_widget_set_visible (GTK_WIDGET (self->detail_result), row != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_figures), row != NULL);
  if (row == NULL)
    gtk_label_set_text (self->detail_title, _("No community selected"));
  else
    {
      const CpCommunityResult *result = cp_community_row_get_result (row);
      /* Translators: community name, code and township in the detail pane */
      g_autofree char *title = g_strdup_printf (_("%s (%s, %s)"), cp_community_row_get_name (row),
                                                cp_community_row_get_code (row),
                                                cp_community_row_get_township (row));
      g_autofree char *verdict = cp_community_row_dup_result_text (row);
      g_autofree char *figures = g_strdup_printf (
          _("Required %.1f m², actual %.1f m², shortfall %.1f m²"), result->required_area_m2,
          result->actual_area_m2, result->shortfall_m2);
      gtk_label_set_text (self->detail_title, title);
      gtk_label_set_text (self->detail_result, verdict);
      set_result_style (GTK_WIDGET (self->detail_result), cp_community_row_is_compliant (row));
      gtk_label_set_text (self->detail_figures, figures);
    }
  load_facilities (self, row);
  show_reasons (self, row);
  update_buttons (self);
}

static gint64
selected_township (CpFacilityPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->township_filter);

  return selected < self->township_ids->len ? g_array_index (self->township_ids, gint64, selected)
                                            : 0;
}

/* The rules the list is narrowed to: one rule, else every rule with the switch on, else none. */
static CpViolations
selected_failing (CpFacilityPage *self)
{
  guint rule = gtk_drop_down_get_selected (self->rule_filter);

  if (rule >= 1 && rule <= CP_N_RULES)
    return 1u << (rule - 1);
  return gtk_switch_get_active (self->failing_switch) ? CP_ALL_RULES : 0;
}

/* How many communities the other townships hold that the search and rule would show: the
 * township filter hides them. */
static guint
count_hidden_by_township (CpFacilityPage *self)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CpCommunityFilter filter = { 0, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                               selected_failing (self) };

  if (self->store == NULL
      || !cp_facility_store_filter_community_ids (self->store, self->year, &filter,
                                                  CP_COMMUNITY_SORT_NATURAL, FALSE, ids, NULL,
                                                  NULL))
    return 0;
  return ids->len;
}

static void
update_count (CpFacilityPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const CpCommunityTotals *totals = cp_community_model_get_totals (self->model);
  g_autofree char *text = NULL;
  guint hidden = 0;

  if (n == 0 && selected_township (self) != 0
      && (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0'
          || selected_failing (self) != 0))
    hidden = count_hidden_by_township (self);
  if (hidden > 0)
    text = g_strdup_printf (
        ngettext ("None in this township; the township filter hides %u match in other "
                  "townships (choose “All townships”).",
                  "None in this township; the township filter hides %u matches in other "
                  "townships (choose “All townships”).",
                  hidden),
        hidden);
  else if (n != totals->matched)
    /* Translators: shown of all, e.g. "56 of 290 communities and villages" */
    text = g_strdup_printf (ngettext ("%u of %u community or village",
                                      "%u of %u communities and villages", totals->matched),
                            n, totals->matched);
  else
    text = g_strdup_printf (
        ngettext ("%u community or village", "%u communities and villages", n), n);
  gtk_label_set_text (self->count_label, text);

  g_autofree char *totals_text = g_strdup_printf (
      _("Compliant %u · Falling short %u · Shortfall in all %.1f m²"), totals->compliant,
      totals->failing, totals->shortfall_m2);
  gtk_label_set_text (self->totals_label, self->store != NULL ? totals_text : "");
}

static void
reload_list (CpFacilityPage *self)
{
  g_autoptr (GError) error = NULL;

  self->fetch_error_shown = FALSE;
  if (!cp_sql_list_model_reload (CP_SQL_LIST_MODEL (self->model), &error))
    cp_message_show_error (GTK_WIDGET (self), _("Cannot list the communities"), error);
  update_count (self);
  show_detail (self);
}

/* The chart needs the check of every community: at national scale that takes a moment, so it
 * runs in a thread on its own connection. */
static void
reload_chart (CpFacilityPage *self)
{
  cp_chart_view_load (self->chart_view,
                      self->store != NULL ? cp_store_get_path (self->store) : NULL, self->year,
                      cp_facility_chart_new);
}

static void
load_townships (CpFacilityPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) townships = NULL;
  gint64 all = 0;

  g_array_set_size (self->township_ids, 0);
  gtk_string_list_append (names, _("All townships"));
  g_array_append_val (self->township_ids, all);
  if (self->store != NULL)
    {
      townships = cp_region_store_list_townships (self->store, &error);
      if (townships == NULL)
        cp_message_show_error (GTK_WIDGET (self), _("Cannot list the townships"), error);
    }
  for (guint i = 0; townships != NULL && i < townships->len; i++)
    {
      const CpTownship *township = &g_array_index (townships, CpTownship, i);
      g_array_append_val (self->township_ids, township->id);
      gtk_string_list_append (names, township->name);
    }
  cp_drop_down_set_names (self->township_filter, names, self);
}

static void
refresh_community (CpFacilityPage *self, gint64 community_id)
{
  g_autoptr (GError) error = NULL;

  if (!cp_sql_list_model_refresh (CP_SQL_LIST_MODEL (self->model), community_id, &error)
      || (self->store != NULL && !cp_community_model_recount (self->model, self->store, &error)))
    cp_message_show_error (GTK_WIDGET (self), _("Cannot read the community again"), error);
  update_count (self);
  show_detail (self);
  reload_chart (self);
}

static void
undo_step_clear (UndoStep *step)
{
  cp_facility_clear (&step->facility);
}

static void
hide_undo (CpFacilityPage *self)
{
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_info_bar_set_revealed (self->undo_bar, FALSE);
}

static gboolean
on_undo_timeout (gpointer user_data)
{
  CpFacilityPage *self = user_data;

  self->undo_timeout = 0;
  hide_undo (self);
  return G_SOURCE_REMOVE;
}

/* Says @text in the undo bar, with how many steps Undo (Ctrl+Z) can still take back. The bar
 * hides after a while; the steps stay until another file is opened. */
static void
show_undo (CpFacilityPage *self, const char *text)
{
  guint n = self->undo_steps->len;
  g_autofree char *steps = g_strdup_printf (
      ngettext ("%u change can be undone (Ctrl+Z).", "%u changes can be undone (Ctrl+Z).", n),
      n);
  g_autofree char *line = n > 0 ? g_strdup_printf ("%s %s", text, steps) : g_strdup (text);

  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_label_set_text (self->undo_label, line);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), n > 0);
  gtk_info_bar_set_revealed (self->undo_bar, TRUE);
  self->undo_timeout = g_timeout_add_seconds (UNDO_SECONDS, on_undo_timeout, self);
  update_buttons (self);
}

static void
push_step (CpFacilityPage *self, StepKind kind, const CpFacility *facility)
{
  UndoStep step = { kind, *facility };

  step.facility.name = g_strdup (facility->name);
  g_array_append_val (self->undo_steps, step);
}

static void
clear_steps (CpFacilityPage *self)
{
  g_array_set_size (self->undo_steps, 0);
  hide_undo (self);
}

/* Callbacks */

/* The list itself is sorted in SQL, by the column the view sorts by. */
static void
on_sorter_changed (CpFacilityPage *self, GtkSorterChange change, GtkSorter *sorter)
{
  int column = cp_column_probe_read (sorter, &self->probed_column, &self->sorted_descending);

  if (column < 0)
    cp_community_model_set_sort (self->model, CP_N_COLUMNS, FALSE);
  else
    cp_community_model_set_sort (self->model, column, self->sorted_descending);
  reload_list (self);
}

static void
on_filter_changed (CpFacilityPage *self)
{
  /* A rule chosen shows the communities falling short on it: the switch says so. */
  gboolean one_rule = gtk_drop_down_get_selected (self->rule_filter) > 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->failing_switch), !one_rule);

  cp_community_model_set_filter (self->model, selected_township (self),
                                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  cp_community_model_set_failing (self->model, selected_failing (self));
  cp_community_model_set_projected (self->model, projected (self));
  reload_list (self);
}

/* Rows the list could not read stay empty: say so, once a reading of the list. */
static void
on_fetch_failed (CpFacilityPage *self, const GError *error)
{
  if (self->fetch_error_shown)
    return;
  self->fetch_error_shown = TRUE;
  cp_message_show_error (GTK_WIDGET (self), _("Cannot read the communities"), error);
}

static void
on_selection_changed (CpFacilityPage *self)
{
  show_detail (self);
}

static void
on_facility_selected (CpFacilityPage *self)
{
  update_buttons (self);
}

static void
on_facility_saved (CpFacilityDialog *dialog, gint64 community_id, const CpFacility *before,
                   const CpFacility *after, CpFacilityPage *self)
{
  g_autofree char *text = NULL;

  if (before->id == 0)
    {
      push_step (self, STEP_ADDED, after);
      text = g_strdup_printf (_("Added “%s”."), after->name);
    }
  else
    {
      push_step (self, STEP_EDITED, before);
      text = g_strdup_printf (_("Changed “%s”."), after->name);
    }
  refresh_community (self, community_id);
  show_undo (self, text);
}

static void
open_facility_dialog (CpFacilityPage *self, const CpFacility *facility)
{
  CpCommunityRow *row = selected_row (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CpFacilityDialog *dialog = cp_facility_dialog_new (GTK_WINDOW (root), self->store, facility,
                                                     cp_community_row_get_name (row));

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_facility_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_clicked (CpFacilityPage *self)
{
  CpCommunityRow *row = selected_row (self);

  if (row == NULL || !writable (self))
    return;
  CpFacility facility = {
    .community_id = cp_community_row_get_id (row),
    .kind = CP_FACILITY_COMPREHENSIVE,
    .provision = CP_PROVISION_NEW,
    .status = CP_STATUS_IN_USE,
    .year = self->year,
  };
  open_facility_dialog (self, &facility);
}

static void
on_edit_clicked (CpFacilityPage *self)
{
  const CpFacility *facility = selected_facility (self);

  if (facility != NULL && writable (self))
    open_facility_dialog (self, facility);
}

static void
on_delete_clicked (CpFacilityPage *self)
{
  const CpFacility *facility = selected_facility (self);
  g_autoptr (GError) error = NULL;

  if (facility == NULL || !writable (self))
    return;
  if (!cp_facility_store_delete (self->store, facility->id, &error))
    {
      g_autofree char *primary = g_strdup_printf (_("Cannot delete “%s”"), facility->name);
      cp_message_show_error (GTK_WIDGET (self), primary, error);
      return;
    }
  push_step (self, STEP_DELETED, facility);
  const UndoStep *step = &g_array_index (self->undo_steps, UndoStep, self->undo_steps->len - 1);
  g_autofree char *text = g_strdup_printf (_("Deleted “%s”."), step->facility.name);
  refresh_community (self, step->facility.community_id);
  /* Nothing else is selected in its place: the next Delete needs a new choice. */
  gtk_list_box_unselect_all (self->facility_list);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
  show_undo (self, text);
}

/* A facility deleted and added again has a new id: the steps before it name it by that one. */
static void
renumber_steps (CpFacilityPage *self, gint64 old_id, gint64 new_id)
{
  for (guint i = 0; i < self->undo_steps->len; i++)
    {
      UndoStep *step = &g_array_index (self->undo_steps, UndoStep, i);
      if (step->facility.id == old_id)
        step->facility.id = new_id;
    }
}

/* Takes back @step; FALSE with @error when the database refuses (the facility was changed by
 * the command line meanwhile, the file went read-only). */
static gboolean
undo_step (CpFacilityPage *self, UndoStep *step, GError **error)
{
  switch (step->kind)
    {
    case STEP_ADDED:
      return cp_facility_store_delete (self->store, step->facility.id, error);
    case STEP_EDITED:
      return cp_facility_store_upsert (self->store, &step->facility, error);
    case STEP_DELETED:
    default:
      {
        gint64 old_id = step->facility.id;
        step->facility.id = 0;
        if (!cp_facility_store_insert (self->store, &step->facility, error))
          return FALSE;
        renumber_steps (self, old_id, step->facility.id);
        return TRUE;
      }
    }
}

/* Takes back the latest change; a step the database refuses is dropped with a message. */
static void
undo_last (CpFacilityPage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->undo_steps->len == 0 || !writable (self))
    return;
  UndoStep *last = &g_array_index (self->undo_steps, UndoStep, self->undo_steps->len - 1);
  UndoStep step = *last;
  last->facility.name = NULL; /* now the copy's: the array's clear function must not free it */
  g_array_remove_index (self->undo_steps, self->undo_steps->len - 1);
  if (!undo_step (self, &step, &error))
    {
      /* Undoing a delete restores the facility: say it in those words. */
      g_autofree char *primary
          = g_strdup_printf (step.kind == STEP_DELETED ? _("Cannot restore “%s”")
                                                       : _("Cannot undo the change to “%s”"),
                             step.facility.name);
      cp_message_show_error (GTK_WIDGET (self), primary, error);
      undo_step_clear (&step);
      update_buttons (self);
      return;
    }
  g_autofree char *text = g_strdup_printf (_("Undone: the change to “%s”."), step.facility.name);
  refresh_community (self, step.facility.community_id);
  undo_step_clear (&step);
  show_undo (self, text);
}

static void
on_undo_bar_response (CpFacilityPage *self, int response)
{
  if (response == UNDO_RESPONSE_UNDO)
    undo_last (self);
  else
    hide_undo (self);
}

static void
on_standards_saved (CpFacilityPage *self)
{
  reload_list (self);
  reload_chart (self);
}

static void
on_standards_clicked (CpFacilityPage *self)
{
  if (self->store == NULL)
    return;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CpStandardsDialog *dialog = cp_standards_dialog_new (GTK_WINDOW (root), self->store,
                                                       self->year);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_standards_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  CpColumn column = GPOINTER_TO_UINT (user_data);

  /* A statistical code is 12 digits: never cut it short. */
  gtk_list_item_set_child (item, cp_column_cell_label_new (columns[column].numeric,
                                                           column == CP_COLUMN_CODE ? 12 : 0));
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  CpColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  CpCommunityRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = cp_community_row_dup_cell_text (row, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == CP_COLUMN_RESULT)
    {
      /* The list of broken rules may be longer than the column: show it whole on hover. */
      gtk_widget_set_tooltip_text (label, text);
      set_result_style (label, cp_community_row_is_compliant (row));
    }
}

static void
add_columns (CpFacilityPage *self)
{
  for (CpColumn c = 0; c < CP_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (c));
      g_autoptr (GtkColumnViewColumn) column
          = gtk_column_view_column_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "list column", columns[c].title), factory);
      self->probes[c] = (CpColumnProbe){ &self->probed_column, c };
      g_autoptr (GtkSorter) sorter = cp_column_probe_sorter (&self->probes[c]);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_append_column (self->column_view, column);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
}

/* Actions: facility.add, .edit, .delete and .undo, bound to keys in class_init and listed in the
 * shortcuts window. */

static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_add_clicked (CP_FACILITY_PAGE (widget));
}

static void
edit_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_edit_clicked (CP_FACILITY_PAGE (widget));
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  on_delete_clicked (CP_FACILITY_PAGE (widget));
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  undo_last (CP_FACILITY_PAGE (widget));
}

/* facility.sort (column): sorts by a column from the keyboard, through the view's own sorter as
 * a click on the header does; the amounts and the result largest first, the rest A to Z. A
 * second choice of the same column reverses the order. */
static void
sort_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (widget);
  guint column = g_variant_get_int32 (parameter);
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  if (column >= CP_N_COLUMNS)
    return;
  g_autoptr (GtkColumnViewColumn) target = g_list_model_get_item (view_columns, column);
  gboolean descending = columns[column].numeric || column == CP_COLUMN_RESULT;
  if ((int) column == self->probed_column)
    descending = !self->sorted_descending;
  gtk_column_view_sort_by_column (self->column_view, target,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
build_sort_menu (CpFacilityPage *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();

  for (CpColumn c = 0; c < CP_N_COLUMNS; c++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "list column", columns[c].title), NULL);
      g_menu_item_set_action_and_target_value (item, "facility.sort", g_variant_new_int32 (c));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->sort_button, G_MENU_MODEL (menu));
}

/* The list is one Tab stop: the arrows move inside it, Tab and Shift+Tab leave it. */
static gboolean
on_list_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                     GdkModifierType state, CpFacilityPage *self)
{
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    return gtk_widget_child_focus (self->detail_pane, GTK_DIR_TAB_FORWARD);
  if (keyval == GDK_KEY_ISO_Left_Tab)
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return FALSE;
}

/* A drop-down's or menu button's inner toggle button is what takes the focus, and GTK 4.8 names
 * it "GtkToggleButton": it gets @name. */
static void
name_inner_button (GtkWidget *widget, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK 4.8's drop-down opens with the focus on the chosen item, and what is typed then is lost:
 * the search entry of its popup takes the keys typed anywhere in the popup (an input method's
 * text too), while the arrows and Return still move in and choose from the list. */
static void
capture_typing_in_search (GtkWidget *drop_down)
{
  GtkWidget *popup = find_descendant (drop_down, GTK_TYPE_POPOVER);
  GtkWidget *search = popup != NULL ? find_descendant (popup, GTK_TYPE_SEARCH_ENTRY) : NULL;

  if (search != NULL)
    gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (search), popup);
}

static void
setup_keyboard (CpFacilityPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  /* Delete deletes the selected facility only while the facility list has the focus. */
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                        gtk_named_action_new ("facility.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->facility_list), shortcuts);

  name_inner_button (GTK_WIDGET (self->township_filter), _("Township"));
  name_inner_button (GTK_WIDGET (self->rule_filter), _("Rule"));
  name_inner_button (GTK_WIDGET (self->sort_button), _("Sort"));
  build_sort_menu (self);
}

/* GObject overrides */

static void
cp_facility_page_dispose (GObject *object)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (object);

  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_FACILITY_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (cp_facility_page_parent_class)->dispose (object);
}

static void
cp_facility_page_finalize (GObject *object)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (object);

  g_clear_pointer (&self->facilities, g_array_unref);
  g_clear_pointer (&self->all_facilities, g_array_unref);
  g_array_unref (self->township_ids);
  g_array_unref (self->undo_steps);
  G_OBJECT_CLASS (cp_facility_page_parent_class)->finalize (object);
}

static void
cp_facility_page_class_init (CpFacilityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_facility_page_dispose;
  object_class->finalize = cp_facility_page_finalize;

  g_type_ensure (CP_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/facility/"
                                               "cp-facility-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, undo_bar);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, undo_label);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, township_filter);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, rule_filter);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, failing_switch);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, projected_switch);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, detail_projection);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, detail_reasons);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, facilities_heading);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, sort_button);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, standards_button);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, detail_result);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, detail_figures);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, facility_list);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CpFacilityPage, chart_view);
  gtk_widget_class_install_action (widget_class, "facility.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "facility.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "facility.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "facility.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "facility.sort", "i", sort_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "facility.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "facility.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "facility.undo",
                                       NULL);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_facility_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_standards_clicked);
}

static void
cp_facility_page_init (CpFacilityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->township_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->undo_steps = g_array_new (FALSE, FALSE, sizeof (UndoStep));
  g_array_set_clear_func (self->undo_steps, (GDestroyNotify) undo_step_clear);
  self->year = 0; /* the window sets it */
  self->model = cp_community_model_new ();
  g_signal_connect_object (self->model, "fetch-failed", G_CALLBACK (on_fetch_failed), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  setup_keyboard (self);
  /* The search of the township drop-down matches the names (typing 河南 leaves 河南街道). */
  gtk_drop_down_set_expression (
      self->township_filter,
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  capture_typing_in_search (GTK_WIDGET (self->township_filter));
  g_autoptr (GtkStringList) rules = cp_drop_down_vocabulary (_("All rules"), cp_rules, CP_N_RULES);
  gtk_drop_down_set_model (self->rule_filter, G_LIST_MODEL (rules));
  add_columns (self);
  show_detail (self);
  update_count (self);
}

/* CpPage implementation */

static const char *
cp_facility_page_get_name (CpPage *page)
{
  return "facility";
}

static const char *
cp_facility_page_get_title (CpPage *page)
{
  return _("Facility Planning");
}

static void
cp_facility_page_set_store (CpPage *page, CpStore *store)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (page);

  clear_steps (self);
  self->store = store;
  cp_community_model_set_store (self->model, store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->standards_button), store != NULL);
  load_townships (self);
  cp_page_reload (page);
}

static void
cp_facility_page_set_year (CpPage *page, int year)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (page);

  if (self->year == year)
    return;
  self->year = year;
  cp_community_model_set_year (self->model, year);
  cp_page_reload (page);
}

static void
cp_facility_page_reload (CpPage *page)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (page);

  on_filter_changed (self);
  reload_chart (self);
}

static void
cp_facility_page_focus_search (CpPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (CP_FACILITY_PAGE (page)->search_entry));
}

static const CpPageExport *
cp_facility_page_list_exports (CpPage *page, guint *n_exports)
{
  static CpPageExport exports[2];

  /* Translated when asked: the locale is set by then. The workbook holds the staff sheets too:
   * the same 脱敏 check box as on the staff page. */
  exports[0] = (CpPageExport){ "workbook", _("_Workbook…"), _("Export the Workbook"),
                               _("Excel workbooks"), "*.xlsx", ".xlsx",
                               _("Desensitize: ID numbers masked, no phones or birth dates") };
  exports[1] = (CpPageExport){ "chart", _("_Chart…"), _("Export the Chart as PNG, SVG or PDF"),
                               NULL, NULL, NULL };
  *n_exports = G_N_ELEMENTS (exports);
  return exports;
}

static char *
cp_facility_page_suggest_export_name (CpPage *page, const char *id, int year)
{
  if (g_str_equal (id, "workbook"))
    /* Translators: the suggested file name of the workbook; %d is the year */
    return g_strdup_printf (_("facilities-%d.xlsx"), year);
  /* Translators: the suggested file name of the chart; %d is the year */
  return g_strdup_printf (_("facilities-chart-%d.png"), year);
}

static CpJob *
cp_facility_page_export (CpPage *page, const char *id, const char *db_path, int year,
                         const char *out_path)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (page);

  if (g_str_equal (id, "workbook") && self->export_filtered)
    {
      g_autoptr (GArray) ids = cp_sql_list_model_dup_sorted_ids (CP_SQL_LIST_MODEL (self->model));
      return cp_page_workbook_job_filtered (db_path, year, out_path, self->desensitize, ids);
    }
  if (g_str_equal (id, "workbook"))
    return cp_page_workbook_job (db_path, year, out_path, self->desensitize);
  return cp_page_chart_job (db_path, "facilities", year, out_path);
}

static void
cp_facility_page_set_export_option (CpPage *page, const char *id, gboolean active)
{
  CP_FACILITY_PAGE (page)->desensitize = g_str_equal (id, "workbook") && active;
}

/* The workbook can hold only the communities listed: offered when a township, search, rule or
 * the 只看未达标 switch narrows the list. */
static char *
cp_facility_page_describe_filter (CpPage *page, const char *id)
{
  CpFacilityPage *self = CP_FACILITY_PAGE (page);

  if (!g_str_equal (id, "workbook") || self->store == NULL
      || (selected_township (self) == 0
          && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0'
          && selected_failing (self) == 0))
    return NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  return g_strdup_printf (ngettext ("The %u community or village listed (facility sheets only)",
                                    "The %u communities and villages listed (facility sheets "
                                    "only)",
                                    n),
                          n);
}

static void
cp_facility_page_set_export_filtered (CpPage *page, const char *id, gboolean filtered)
{
  CP_FACILITY_PAGE (page)->export_filtered = g_str_equal (id, "workbook") && filtered;
}

static gboolean
summary_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable,
              GError **error)
{
  CpSummary *summary = cp_summary_new (store, GPOINTER_TO_INT (data), cancellable, error);

  if (summary == NULL)
    return FALSE;
  cp_job_set_result (job, summary, (GDestroyNotify) cp_summary_free);
  return TRUE;
}

static CpJob *
cp_facility_page_gather_print (CpPage *page, const char *db_path, int year)
{
  return cp_job_new (_("Gathering the summary…"), db_path, CP_STORE_OPEN_READ_ONLY,
                     summary_work, GINT_TO_POINTER (year), NULL);
}

static GtkPrintOperation *
cp_facility_page_print_operation (CpPage *page, CpJob *job)
{
  CpSummary *summary = cp_job_steal_result (job);

  if (summary == NULL)
    return NULL;
  return cp_print_operation_new (cp_summary_get_document (summary), summary,
                                 (GDestroyNotify) cp_summary_free);
}

/* The townships and communities the facilities belong to are imported here too. */
static const char *const *
cp_facility_page_get_import_domains (CpPage *page)
{
  static const char *const domains[] = { "region", "facility", NULL };

  return domains;
}

static void
cp_facility_page_page_init (CpPageInterface *iface)
{
  iface->get_name = cp_facility_page_get_name;
  iface->get_title = cp_facility_page_get_title;
  iface->set_store = cp_facility_page_set_store;
  iface->set_year = cp_facility_page_set_year;
  iface->reload = cp_facility_page_reload;
  iface->focus_search = cp_facility_page_focus_search;
  iface->list_exports = cp_facility_page_list_exports;
  iface->suggest_export_name = cp_facility_page_suggest_export_name;
  iface->export = cp_facility_page_export;
  iface->set_export_option = cp_facility_page_set_export_option;
  iface->describe_filter = cp_facility_page_describe_filter;
  iface->set_export_filtered = cp_facility_page_set_export_filtered;
  iface->gather_print = cp_facility_page_gather_print;
  iface->print_operation = cp_facility_page_print_operation;
  iface->get_import_domains = cp_facility_page_get_import_domains;
}

/* Public API */

CpPage *
cp_facility_page_new (void)
{
  return g_object_new (CP_TYPE_FACILITY_PAGE, NULL);
}
