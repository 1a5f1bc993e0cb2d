/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Townships and communities from CSV: their columns, how a row is checked and written. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-import.h"
#include "cp-region-import.h"
#include "cp-region-store.h"
#include "cp-region.h"
#include "cp-text.h"

enum
{
  T_CODE,
  T_NAME,
  T_KIND,
  N_T
};

enum
{
  C_TOWNSHIP,
  C_CODE,
  C_NAME,
  C_KIND,
  C_HOUSEHOLDS,
  C_POPULATION,
  C_RELOCATION,
  C_YEAR,
  N_C
};

static const CpImportColumn township_columns[N_T] = {
  { "code", "代码", N_("code"), N_("the township's statistical code, e.g. 220281001"), TRUE },
  { "name", "名称", N_("name"), N_("the township's name, e.g. 民主街道"), TRUE, TRUE },
  { "kind", "类型", N_("kind"), NULL, TRUE },
};

static const CpImportColumn community_columns[N_C] = {
  { "township", "乡镇街道", N_("township"),
    N_("the code or name of a township in the database"), TRUE },
  { "code", "代码", N_("code"), N_("the community's statistical code, e.g. 220281001001"), TRUE },
  { "name", "名称", N_("name"), N_("the community's name, at most 100 characters"), TRUE,
    TRUE },
  { "kind", "类型", N_("kind"), NULL, TRUE },
  { "households", "户数", N_("households"), N_("a whole number of households, 0 or more"), TRUE },
  { "population", "人口", N_("population"), N_("a whole number of residents, 0 or more"), TRUE },
  { "relocation_site", "易地搬迁安置点", N_("relocation site"), NULL, FALSE },
  { "year", "年份", N_("year"), N_("the year the figures hold from, or nothing"), FALSE },
};

/* A code seen twice in the file. */
static gboolean
check_unique_code (CpImport *imp, guint row, int column, const char *code)
{
  guint earlier = cp_import_first_row (imp, code, strlen (code), row);

  if (earlier != 0)
    return cp_import_add_problem (imp, row, column, _("duplicate code “%s” also on row %u"),
                                  code, earlier);
  return TRUE;
}

/* Townships */

static gboolean
parse_township (CpImport *imp, guint row, const char *const *cells, gpointer item)
{
  CpTownship *t = item;
  int kind = 0;
  gboolean ok = cp_import_parse_code (imp, row, T_CODE, cells[T_CODE], CP_REGION_CODE_MAX_CHARS,
                                      &t->code);

  ok &= cp_import_parse_text (imp, row, T_NAME, cells[T_NAME], CP_REGION_NAME_MAX_CHARS,
                              &t->name);
  ok &= cp_import_parse_choice (imp, row, T_KIND, cells[T_KIND], cp_township_kinds,
                                CP_N_TOWNSHIP_KINDS, &kind);
  if (t->code != NULL)
    ok &= check_unique_code (imp, row, T_CODE, t->code);
  t->kind = kind;
  return ok;
}

static gboolean
write_township (CpStore *store, gpointer item, GError **error)
{
  return cp_region_store_upsert_township (store, item, error);
}

static const CpImportKind townships = {
  .key = "townships",
  .zh_label = "乡镇街道",
  .display = N_("Townships"),
  .domain = "region",
  .columns = township_columns,
  .n_columns = N_T,
  .item_size = sizeof (CpTownship),
  .clear_item = (GDestroyNotify) cp_township_clear,
  .parse_row = parse_township,
  .write_item = write_township,
};

/* Communities */

typedef struct
{
  CpCommunity community;
  int year;
} CommunityRow;

static gboolean
parse_community_township (CpImport *imp, guint row, const char *text, gint64 *out)
{
  g_autofree char *township = NULL;

  if (!cp_import_parse_text (imp, row, C_TOWNSHIP, text, CP_REGION_NAME_MAX_CHARS, &township))
    return FALSE;
  *out = cp_import_lookup_id (imp, township, cp_region_store_find_township);
  if (*out == 0)
    {
      g_autofree char *value = cp_text_quote (township, -1);
      return cp_import_add_problem (imp, row, C_TOWNSHIP,
                                    _("unknown township “%s”: use the code or name of a "
                                      "township in the database"),
                                    value);
    }
  return TRUE;
}

static gboolean
parse_community (CpImport *imp, guint row, const char *const *cells, gpointer item)
{
  CommunityRow *r = item;
  CpCommunity *c = &r->community;
  int kind = 0;
  gboolean ok = parse_community_township (imp, row, cells[C_TOWNSHIP], &c->township_id);

  ok &= cp_import_parse_code (imp, row, C_CODE, cells[C_CODE], CP_REGION_CODE_MAX_CHARS,
                              &c->code);
  ok &= cp_import_parse_text (imp, row, C_NAME, cells[C_NAME], CP_REGION_NAME_MAX_CHARS,
                              &c->name);
  ok &= cp_import_parse_choice (imp, row, C_KIND, cells[C_KIND], cp_community_kinds,
                                CP_N_COMMUNITY_KINDS, &kind);
  ok &= cp_import_parse_count (imp, row, C_HOUSEHOLDS, cells[C_HOUSEHOLDS], CP_REGION_COUNT_MAX,
                               &c->households);
  ok &= cp_import_parse_count (imp, row, C_POPULATION, cells[C_POPULATION], CP_REGION_COUNT_MAX,
                               &c->population);
  ok &= cp_import_parse_flag (imp, row, C_RELOCATION, cells[C_RELOCATION], &c->relocation_site);
  ok &= cp_import_parse_year (imp, row, C_YEAR, cells[C_YEAR], &r->year);
  if (c->code != NULL)
    ok &= check_unique_code (imp, row, C_CODE, c->code);
  c->kind = kind;
  return ok;
}

static void
clear_community_row (gpointer item)
{
  cp_community_clear (&((CommunityRow *) item)->community);
}

static gboolean
write_community (CpStore *store, gpointer item, GError **error)
{
  CommunityRow *r = item;
  return cp_region_store_upsert_community (store, &r->community, r->year, error);
}

static const CpImportKind communities = {
  .key = "communities",
  .zh_label = "社区",
  .display = N_("Communities"),
  .domain = "region",
  .columns = community_columns,
  .n_columns = N_C,
  .item_size = sizeof (CommunityRow),
  .clear_item = clear_community_row,
  .parse_row = parse_community,
  .write_item = write_community,
};

/* Public API */

void
cp_region_import_register (void)
{
  cp_import_register (&townships);
  cp_import_register (&communities);
}
