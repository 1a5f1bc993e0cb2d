/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-pay-params-dialog.h"
#include "cp-staff-store.h"

struct _CpPayParamsDialog
{
  GtkWindow parent_instance;

  /* template widgets */
  GtkLabel *year_label;
  GtkGrid *params_grid;
  GtkLabel *message;
  GtkButton *save_button;

  /* built in code, one a parameter (the mode a drop-down instead of an entry; the 18 levels'
   * coefficients one source label for all, coefficient_sources) */
  GtkEntry *entries[CP_N_PAY_PARAMS];
  GtkLabel *sources[CP_N_PAY_PARAMS];
  GtkDropDown *mode;
  GtkLabel *coefficient_sources;

  /* borrowed */
  CpStore *store;

  CpPayParams in_force;
};

G_DEFINE_FINAL_TYPE (CpPayParamsDialog, cp_pay_params_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static char *
format_value (CpPayParam param, double value)
{
  if (cp_pay_params_info[param].whole)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.10g", value);
}

/* The mode's entries, in the order of its values (CP_QUALIFICATION_MODE_*). */
static const char *const mode_names[] = {
  N_("Count toward the level"),
  N_("Paid as an allowance"),
};

static gboolean
is_coefficient (CpPayParam param)
{
  return param >= CP_PARAM_LEVEL_COEFFICIENT_1 && param <= CP_PARAM_LEVEL_COEFFICIENT_18;
}

/* Where the value in force comes from, as the clerk reads it. */
static char *
source_text (const CpPayParams *params, CpPayParam param)
{
  int from = params->from_year[param];

  if (from == 0)
    /* Translators: a default value of a pay parameter and where it comes from */
    return g_strdup_printf (_("Sample value (source: %s)"),
                            _(cp_pay_params_info[param].source));
  if (from == params->year)
    /* Translators: %d is a year */
    return g_strdup_printf (_("Set for %d"), from);
  /* Translators: %d is an earlier year whose value is still in force */
  return g_strdup_printf (_("Carried over from %d"), from);
}

static void
show_message (CpPayParamsDialog *self, const char *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

/* Reads every entry into @out; FALSE with a message naming the first parameter that is wrong. */
static gboolean
read_form (CpPayParamsDialog *self, CpPayParams *out, GError **error)
{
  *out = self->in_force;
  for (CpPayParam p = 0; p < CP_N_PAY_PARAMS; p++)
    {
      g_autoptr (GError) invalid = NULL;
      if (p == CP_PARAM_QUALIFICATION_MODE)
        {
          out->value[p] = gtk_drop_down_get_selected (self->mode) == CP_QUALIFICATION_MODE_ALLOWANCE
                              ? CP_QUALIFICATION_MODE_ALLOWANCE
                              : CP_QUALIFICATION_MODE_LEVEL;
          continue;
        }
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entries[p]));
      if (!cp_pay_param_parse_value (p, text, &out->value[p], &invalid))
        {
          /* Translators: a parameter's name, then what is wrong with its value */
          g_set_error (error, CP_ERROR, CP_ERROR_INVALID, _("%s: %s"),
                       _(cp_pay_params_info[p].display), invalid->message);
          return FALSE;
        }
    }
  return cp_pay_params_validate (out, error);
}

static char *
param_source (CpPayParamsDialog *self, const CpPayParams *form, CpPayParam p)
{
  if (form != NULL && form->value[p] != self->in_force.value[p])
    /* Translators: %d is the year a changed value will be recorded for */
    return g_strdup_printf (_("Changed: to be set for %d"), self->in_force.year);
  return source_text (&self->in_force, p);
}

/* One line for the 18 coefficients: their source when they share one, else each run of levels
 * with its own ("Levels 1–9: Set for 2026; levels 10–18: …"). */
static char *
coefficient_sources (CpPayParamsDialog *self, const CpPayParams *form)
{
  g_autoptr (GString) text = g_string_new (NULL);
  CpPayParam first = CP_PARAM_LEVEL_COEFFICIENT_1;

  for (CpPayParam p = first; p <= CP_PARAM_LEVEL_COEFFICIENT_18 + 1; p++)
    {
      g_autofree char *run = param_source (self, form, first);
      g_autofree char *next = is_coefficient (p) ? param_source (self, form, p) : NULL;
      if (next != NULL && g_str_equal (run, next))
        continue;
      int from = first - CP_PARAM_LEVEL_COEFFICIENT_1 + 1, to = p - CP_PARAM_LEVEL_COEFFICIENT_1;
      if (from == 1 && to == 18)
        return g_steal_pointer (&run);
      if (text->len > 0)
        g_string_append (text, C_("explanation list", "; "));
      if (from == to)
        /* Translators: a level and where its coefficient comes from */
        g_string_append_printf (text, _("level %d: %s"), from, run);
      else
        /* Translators: a run of levels and where their coefficients come from */
        g_string_append_printf (text, _("levels %d–%d: %s"), from, to, run);
      first = p;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_sources (CpPayParamsDialog *self, const CpPayParams *form)
{
  for (CpPayParam p = 0; p < CP_N_PAY_PARAMS; p++)
    if (self->sources[p] != NULL)
      {
        g_autofree char *text = param_source (self, form, p);
        gtk_label_set_text (self->sources[p], text);
      }
  g_autofree char *coefficients = coefficient_sources (self, form);
  gtk_label_set_text (self->coefficient_sources, coefficients);
}

static GtkWidget *
source_label (void)
{
  GtkWidget *source = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_label_set_wrap (GTK_LABEL (source), TRUE);
  gtk_widget_set_hexpand (source, TRUE);
  gtk_widget_add_css_class (source, "dim-label");
  return source;
}

static void on_entry_changed (CpPayParamsDialog *self);

static void
add_row (CpPayParamsDialog *self, CpPayParam p, int row)
{
  const CpPayParamInfo *info = &cp_pay_params_info[p];
  GtkWidget *label = gtk_label_new (_(info->display));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *source = source_label ();
  g_autofree char *value = format_value (p, self->in_force.value[p]);
  g_autofree char *range_min = format_value (p, info->min);
  g_autofree char *range_max = format_value (p, info->max);
  /* Translators: the range a parameter may take */
  g_autofree char *range = g_strdup_printf (_("From %s to %s"), range_min, range_max);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), value);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_widget_set_tooltip_text (entry, range);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(info->display), -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_entry_changed), self);
  gtk_grid_attach (self->params_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->params_grid, entry, 1, row, 1, 1);
  gtk_grid_attach (self->params_grid, source, 2, row, 1, 1);
  self->entries[p] = GTK_ENTRY (entry);
  self->sources[p] = GTK_LABEL (source);
}

/* Whether qualifications count toward the level or are paid as an allowance: a choice of two. */
static void
add_mode_row (CpPayParamsDialog *self, int row)
{
  CpPayParam p = CP_PARAM_QUALIFICATION_MODE;
  GtkWidget *label = gtk_label_new (_("Qualifications"));
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *source = source_label ();

  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    gtk_string_list_append (names, _(mode_names[i]));
  self->mode = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_drop_down_set_selected (self->mode, self->in_force.value[p] == CP_QUALIFICATION_MODE_ALLOWANCE
                                              ? CP_QUALIFICATION_MODE_ALLOWANCE
                                              : CP_QUALIFICATION_MODE_LEVEL);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mode), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Qualifications"), -1);
  g_signal_connect_swapped (self->mode, "notify::selected", G_CALLBACK (on_entry_changed), self);
  gtk_grid_attach (self->params_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->params_grid, GTK_WIDGET (self->mode), 1, row, 1, 1);
  gtk_grid_attach (self->params_grid, source, 2, row, 1, 1);
  self->sources[p] = GTK_LABEL (source);
}

/* The 18 coefficients as a table: three columns of six levels, one source line under it. */
static void
add_coefficient_table (CpPayParamsDialog *self, int row)
{
  GtkWidget *table = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (table), 4);
  gtk_grid_set_column_spacing (GTK_GRID (table), 8);
  gtk_widget_set_margin_start (table, 12);
  gtk_widget_set_halign (table, GTK_ALIGN_START);
  for (int level = 1; level <= 18; level++)
    {
      CpPayParam p = CP_PARAM_LEVEL_COEFFICIENT_1 + level - 1;
      const CpPayParamInfo *info = &cp_pay_params_info[p];
      /* Translators: a level in the table of the 18 levels' coefficients */
      g_autofree char *name = g_strdup_printf (_("Level %d"), level);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *value = format_value (p, self->in_force.value[p]);
      g_autofree char *range_min = format_value (p, info->min);
      g_autofree char *range_max = format_value (p, info->max);
      /* Translators: the range a parameter may take */
      g_autofree char *range = g_strdup_printf (_("From %s to %s"), range_min, range_max);
      int column = (level - 1) / 6, line = (level - 1) % 6;

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_set_margin_start (label, column > 0 ? 18 : 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_editable_set_text (GTK_EDITABLE (entry), value);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
      gtk_widget_set_tooltip_text (entry, range);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(info->display), -1);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_entry_changed), self);
      gtk_grid_attach (GTK_GRID (table), label, column * 2, line, 1, 1);
      gtk_grid_attach (GTK_GRID (table), entry, column * 2 + 1, line, 1, 1);
      self->entries[p] = GTK_ENTRY (entry);
    }
  gtk_grid_attach (self->params_grid, table, 0, row, 3, 1);
  self->coefficient_sources = GTK_LABEL (source_label ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->coefficient_sources), 12);
  gtk_grid_attach (self->params_grid, GTK_WIDGET (self->coefficient_sources), 0, row + 1, 3, 1);
}

static void
add_heading (CpPayParamsDialog *self, const char *text, int row)
{
  GtkWidget *heading = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, row > 0 ? 12 : 0);
  gtk_grid_attach (self->params_grid, heading, 0, row, 3, 1);
}

/* The table in three parts: the scale and its posts, the 18 levels' coefficients, the rest of
 * pay and the contributions. */
static void
build_rows (CpPayParamsDialog *self)
{
  int row = 0;

  add_heading (self, _("Posts and the scale"), row++);
  for (CpPayParam p = 0; p < CP_PARAM_LEVEL_COEFFICIENT_1; p++)
    if (p == CP_PARAM_QUALIFICATION_MODE)
      add_mode_row (self, row++);
    else
      add_row (self, p, row++);
  add_heading (self, _("Coefficients of the 18 levels"), row++);
  add_coefficient_table (self, row);
  row += 2;
  add_heading (self, _("Pay, allowances and contributions"), row++);
  for (CpPayParam p = CP_PARAM_LEVEL_COEFFICIENT_18 + 1; p < CP_N_PAY_PARAMS; p++)
    add_row (self, p, row++);
}

/* Callbacks */

static void
on_entry_changed (CpPayParamsDialog *self)
{
  CpPayParams form;
  g_autoptr (GError) error = NULL;
  gboolean valid = read_form (self, &form, &error);

  update_sources (self, valid ? &form : NULL);
  show_message (self, valid ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            valid && !cp_store_is_read_only (self->store));
}

static void
on_cancel_clicked (CpPayParamsDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (CpPayParamsDialog *self)
{
  CpPayParams form;
  g_autoptr (GError) error = NULL;

  if (read_form (self, &form, &error) && cp_staff_store_set_params (self->store, &form, &error))
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_message (self, error->message);
}

/* GObject overrides */

static void
cp_pay_params_dialog_class_init (CpPayParamsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/gov/jiaohe/CommunityPlanner/ui/staff/"
                                               "cp-pay-params-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpPayParamsDialog, year_label);
  gtk_widget_class_bind_template_child (widget_class, CpPayParamsDialog, params_grid);
  gtk_widget_class_bind_template_child (widget_class, CpPayParamsDialog, message);
  gtk_widget_class_bind_template_child (widget_class, CpPayParamsDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
cp_pay_params_dialog_init (CpPayParamsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

CpPayParamsDialog *
cp_pay_params_dialog_new (GtkWindow *parent, CpStore *store, int year)
{
  g_return_val_if_fail (store != NULL, NULL);

  CpPayParamsDialog *self = g_object_new (CP_TYPE_PAY_PARAMS_DIALOG, "transient-for", parent,
                                          NULL);
  g_autoptr (GError) error = NULL;

  self->store = store;
  if (!cp_staff_store_get_params (store, year, &self->in_force, &error))
    {
      cp_pay_params_init_default (&self->in_force, year);
      show_message (self, error->message);
    }
  /* Translators: %d is a year */
  g_autofree char *title = g_strdup_printf (_("Pay parameters in force in %d"), year);
  gtk_label_set_text (self->year_label, title);
  build_rows (self);
  on_entry_changed (self);
  if (error != NULL)
    show_message (self, error->message);
  return self;
}
