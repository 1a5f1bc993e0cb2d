/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-community-row.h"

struct _CpCommunityRow
{
  GObject parent_instance;

  gint64 id;
  char *code;
  char *name;
  char *township;
  CpCommunityKind kind;
  gboolean relocation_site;
  gint64 households;
  CpCommunityResult result;
};

G_DEFINE_FINAL_TYPE (CpCommunityRow, cp_community_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_TOWNSHIP,
  PROP_RESULT_TEXT,
  PROP_COMPLIANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

static char *
format_area (double value)
{
  return g_strdup_printf ("%.1f", value);
}

/* GObject overrides */

static void
cp_community_row_finalize (GObject *object)
{
  CpCommunityRow *self = CP_COMMUNITY_ROW (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->township);
  G_OBJECT_CLASS (cp_community_row_parent_class)->finalize (object);
}

static void
cp_community_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CpCommunityRow *self = CP_COMMUNITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TOWNSHIP:
      g_value_set_string (value, self->township);
      break;
    case PROP_RESULT_TEXT:
      g_value_take_string (value, cp_community_row_dup_result_text (self));
      break;
    case PROP_COMPLIANT:
      g_value_set_boolean (value, cp_community_row_is_compliant (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_community_row_class_init (CpCommunityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_community_row_finalize;
  object_class->get_property = cp_community_row_get_property;

  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TOWNSHIP] = g_param_spec_string ("township", NULL, NULL, NULL, flags);
  properties[PROP_RESULT_TEXT] = g_param_spec_string ("result-text", NULL, NULL, NULL, flags);
  properties[PROP_COMPLIANT] = g_param_spec_boolean ("compliant", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_community_row_init (CpCommunityRow *self)
{
}

/* Public API */

CpCommunityRow *
cp_community_row_new (gint64 id)
{
  CpCommunityRow *self = g_object_new (CP_TYPE_COMMUNITY_ROW, NULL);
  self->id = id;
  return self;
}

void
cp_community_row_update (CpCommunityRow *self, const CpCheckRow *row)
{
  g_return_if_fail (CP_IS_COMMUNITY_ROW (self) && row != NULL);

  self->id = row->id;
  g_free (self->code);
  self->code = g_strdup (row->code);
  g_free (self->name);
  self->name = g_strdup (row->name);
  g_free (self->township);
  self->township = g_strdup (row->township);
  self->kind = row->kind;
  self->relocation_site = row->relocation_site;
  self->households = row->households;
  self->result = row->result;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLIANT]);
}

gint64
cp_community_row_get_id (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), 0);
  return self->id;
}

const char *
cp_community_row_get_code (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), NULL);
  return self->code;
}

const char *
cp_community_row_get_name (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), NULL);
  return self->name;
}

const char *
cp_community_row_get_township (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), NULL);
  return self->township;
}

CpCommunityKind
cp_community_row_get_kind (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), CP_COMMUNITY_URBAN);
  return self->kind;
}

gboolean
cp_community_row_is_relocation_site (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), FALSE);
  return self->relocation_site;
}

gint64
cp_community_row_get_households (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), 0);
  return self->households;
}

const CpCommunityResult *
cp_community_row_get_result (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), NULL);
  return &self->result;
}

gboolean
cp_community_row_is_compliant (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), FALSE);
  return self->result.violations == 0;
}

char *
cp_community_row_dup_result_text (CpCommunityRow *self)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), NULL);

  if (self->result.violations == 0)
    return g_strdup (C_ ("community result", "Compliant"));

  g_autoptr (GString) rules = g_string_new (NULL);
  for (guint rule = 0; rule < CP_N_RULES; rule++)
    {
      if (!CP_VIOLATES (self->result.violations, rule))
        continue;
      if (rules->len > 0)
        /* Translators: between the names of broken rules in the list */
        g_string_append (rules, C_("rule list", ", "));
      g_string_append (rules, cp_rule_failure_display (rule));
    }
  /* Translators: %s is the list of broken rules */
  return g_strdup_printf (_("Falls short: %s"), rules->str);
}

char *
cp_community_row_dup_cell_text (CpCommunityRow *self, CpColumn column)
{
  g_return_val_if_fail (CP_IS_COMMUNITY_ROW (self), NULL);

  switch (column)
    {
    case CP_COLUMN_CODE:
      return g_strdup (self->code);
    case CP_COLUMN_TOWNSHIP:
      return g_strdup (self->township);
    case CP_COLUMN_NAME:
      return g_strdup (self->name);
    case CP_COLUMN_KIND:
      return g_strdup (cp_vocabulary_display (cp_community_kinds, CP_N_COMMUNITY_KINDS,
                                              self->kind));
    case CP_COLUMN_HOUSEHOLDS:
      return g_strdup_printf ("%" G_GINT64_FORMAT, self->households);
    case CP_COLUMN_REQUIRED:
      return format_area (self->result.required_area_m2);
    case CP_COLUMN_ACTUAL:
      return format_area (self->result.actual_area_m2);
    case CP_COLUMN_SHORTFALL:
      return format_area (self->result.shortfall_m2);
    case CP_COLUMN_RESULT:
      return cp_community_row_dup_result_text (self);
    case CP_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}
