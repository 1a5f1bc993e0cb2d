/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-roster-row.h"

struct _CpRosterRow
{
  GObject parent_instance;

  gint64 id;
  gboolean loaded;
  CpStaff staff; /* strings owned */
  char *township;
  char *community;
  int level;
  CpDate level_since;
  CpGrade grade;
  CpGrade previous_grade;
  gboolean has_agreement;
  CpAgreement agreement;
};

G_DEFINE_FINAL_TYPE (CpRosterRow, cp_roster_row, G_TYPE_OBJECT)

/* GObject overrides */

static void
cp_roster_row_finalize (GObject *object)
{
  CpRosterRow *self = CP_ROSTER_ROW (object);

  cp_staff_clear (&self->staff);
  g_free (self->township);
  g_free (self->community);
  G_OBJECT_CLASS (cp_roster_row_parent_class)->finalize (object);
}

static void
cp_roster_row_class_init (CpRosterRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_roster_row_finalize;
}

static void
cp_roster_row_init (CpRosterRow *self)
{
}

/* Public API */

CpRosterRow *
cp_roster_row_new (gint64 id)
{
  CpRosterRow *self = g_object_new (CP_TYPE_ROSTER_ROW, NULL);

  self->id = id;
  self->staff.id = id;
  return self;
}

static void
copy_staff (CpStaff *to, const CpStaff *from)
{
  cp_staff_clear (to);
  *to = *from;
  to->id_number = g_strdup (from->id_number);
  to->name = g_strdup (from->name);
  to->role = g_strdup (from->role);
  to->phone = g_strdup (from->phone);
}

void
cp_roster_row_update (CpRosterRow *self, const CpStaffRow *row)
{
  g_return_if_fail (CP_IS_ROSTER_ROW (self) && row != NULL && row->staff != NULL);

  copy_staff (&self->staff, row->staff);
  self->id = row->staff->id;
  g_free (self->township);
  self->township = g_strdup (row->township);
  g_free (self->community);
  self->community = g_strdup (row->community);
  self->level = row->level;
  self->level_since = row->level_since;
  self->grade = row->grade;
  self->previous_grade = row->previous_grade;
  self->has_agreement = row->has_agreement;
  self->agreement = row->agreement;
  self->loaded = TRUE;
}

gint64
cp_roster_row_get_id (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), 0);
  return self->id;
}

gboolean
cp_roster_row_is_loaded (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), FALSE);
  return self->loaded;
}

const CpStaff *
cp_roster_row_get_staff (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), NULL);
  return &self->staff;
}

const char *
cp_roster_row_get_community (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), NULL);
  return self->community;
}

const char *
cp_roster_row_get_township (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), NULL);
  return self->township;
}

int
cp_roster_row_get_level (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), 0);
  return self->level;
}

CpGrade
cp_roster_row_get_grade (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), CP_GRADE_NONE);
  return self->grade;
}

const CpAgreement *
cp_roster_row_get_agreement (CpRosterRow *self)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), NULL);
  return self->has_agreement ? &self->agreement : NULL;
}

void
cp_roster_row_pay_person (CpRosterRow *self, CpPayPerson *out)
{
  g_return_if_fail (CP_IS_ROSTER_ROW (self) && out != NULL);

  *out = (CpPayPerson){
    .post = self->staff.post,
    .level = self->level,
    .qualification = self->staff.qualification,
    .previous_grade = self->previous_grade,
    .service_start = self->staff.service_start,
    .status = self->staff.status,
    .status_date = self->staff.status_date,
    .special_deduction_fen = self->staff.special_deduction_fen,
  };
}

char *
cp_roster_row_dup_cell_text (CpRosterRow *self, CpRosterColumn column)
{
  g_return_val_if_fail (CP_IS_ROSTER_ROW (self), NULL);

  if (!self->loaded)
    return g_strdup ("");
  switch (column)
    {
    case CP_ROSTER_COLUMN_NAME:
      return g_strdup (self->staff.name);
    case CP_ROSTER_COLUMN_ID_NUMBER:
      return cp_id_number_mask (self->staff.id_number);
    case CP_ROSTER_COLUMN_COMMUNITY:
      return g_strdup (self->community);
    case CP_ROSTER_COLUMN_POST:
      return g_strdup (cp_vocabulary_display (cp_posts, CP_N_POSTS, self->staff.post));
    case CP_ROSTER_COLUMN_LEVEL:
      return self->level > 0 ? g_strdup_printf ("%d", self->level) : g_strdup ("—");
    case CP_ROSTER_COLUMN_GRADE:
      return self->grade == CP_GRADE_NONE
                 ? g_strdup ("—")
                 : g_strdup (cp_vocabulary_display (cp_grades, CP_N_GRADES, self->grade));
    case CP_ROSTER_COLUMN_STATUS:
      return g_strdup (cp_vocabulary_display (cp_staff_statuses, CP_N_STAFF_STATUSES,
                                              self->staff.status));
    case CP_ROSTER_COLUMN_GRID_ROLE:
      return self->staff.grid_role == CP_GRID_NONE
                 ? g_strdup ("")
                 : g_strdup (cp_vocabulary_display (cp_grid_roles, CP_N_GRID_ROLES,
                                                    self->staff.grid_role));
    case CP_ROSTER_COLUMN_SERVICE_START:
      return cp_date_format (self->staff.service_start);
    case CP_N_ROSTER_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}
