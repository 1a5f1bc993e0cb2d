/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp-csv.h"
#include "cp-import.h"
#include "cp-text.h"

#define MAX_PROBLEMS 200
#define MAX_COLUMNS 16
#define MAX_CODE_CHARS 32
#define MAX_NAME_CHARS 100
#define MAX_AREA_M2 1000000.0
#define MAX_PEOPLE 100000000
#define MAX_OFFICES 1000
#define PROGRESS_EVERY 256
/* A facilities file of a million rows is about 150 MB. */
#define MAX_INPUT_BYTES ((goffset) 500 * 1000 * 1000)

const CpVocabulary cp_import_kinds[CP_N_IMPORT_KINDS] = {
  { "townships", "乡镇街道", N_("Townships") },
  { "communities", "社区", N_("Communities") },
  { "facilities", "设施", N_("Facilities") },
};

/* A column of an import file: named in the header by its key or its Chinese label. */
typedef struct
{
  const char *key;
  const char *zh_label;
  const char *display; /* N_(): the field's name in messages */
  const char *hint;    /* N_(): what a right value is; NULL for choices and yes/no */
  gboolean required;
  gboolean literal; /* a name: stored as typed, a tab at either end included */
} Column;

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

enum
{
  F_COMMUNITY,
  F_NAME,
  F_KIND,
  F_TOTAL,
  F_SERVICE,
  F_OFFICE,
  F_OFFICES,
  F_PROVISION,
  F_STATUS,
  F_YEAR,
  F_GOVERNMENT,
  F_REGISTERED,
  F_ACCESSIBLE,
  F_AGE,
  F_CHILD,
  N_F
};

static const Column township_columns[N_T] = {
  { "code", "代码", N_("code"), N_("the township's statistical code, e.g. 220281001"), TRUE },
  { "name", "名称", N_("name"), N_("the township's name, e.g. 民主街道"), TRUE, TRUE },
  { "kind", "类型", N_("kind"), NULL, TRUE },
};

static const Column community_columns[N_C] = {
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

static const Column facility_columns[N_F] = {
  { "community", "社区", N_("community"),
    N_("the code of a community in the database (import the communities first)"), TRUE },
  { "name", "名称", N_("name"), N_("the facility's name, at most 100 characters"), TRUE,
    TRUE },
  { "kind", "类型", N_("kind"), NULL, TRUE },
  { "total_area_m2", "总面积", N_("total area"), N_("an area of 0.1 m² or more"), TRUE },
  { "service_area_m2", "服务面积", N_("service area"), N_("an area of 0 m² or more"), TRUE },
  { "office_area_m2", "办公面积", N_("office area"), N_("an area of 0 m² or more"), FALSE },
  { "independent_offices", "独立办公室数", N_("independent offices"),
    N_("a whole number from 0 to 1000"), FALSE },
  { "provision", "建设方式", N_("provision"), NULL, TRUE },
  { "status", "状态", N_("status"), NULL, TRUE },
  { "year", "年份", N_("year"), N_("the year it opened or is planned to open"), TRUE },
  { "government_invested", "政府投资", N_("government invested"), NULL, FALSE },
  { "property_registered", "不动产登记", N_("property registered"), NULL, FALSE },
  { "accessible", "无障碍", N_("accessible"), NULL, FALSE },
  { "age_friendly", "适老化", N_("age-friendly"), NULL, FALSE },
  { "child_friendly", "适儿化", N_("child-friendly"), NULL, FALSE },
};

/* Columns that spreadsheets often carry and that hold nothing to import. */
static const char *const ignored_columns[] = { "序号", "备注", "#", "no", "no.", "note", "notes",
                                               "remark", "remarks" };

typedef struct _Import Import;

typedef struct
{
  const Column *columns;
  guint n_columns;
  gsize item_size;
  GDestroyNotify clear_item;
  void (*parse_row) (Import *imp, guint row, const char *const *cells);
  gboolean (*write_item) (CpStore *store, gpointer item, GError **error);
} KindSpec;

struct _Import
{
  CpStore *store;
  const char *path;
  const KindSpec *spec;
  char **header;               /* the header's names as written, trimmed */
  char **shown_header;         /* the same fit for a message (cp_text_quote); "" when empty */
  guint n_header;
  int column_at[MAX_COLUMNS];  /* the file column of each spec column, or -1 */
  gboolean chinese_header;     /* most columns named by their Chinese label */
  GString *problems;
  guint n_problems;
  GArray *items;
  GHashTable *first_row; /* key of a row → the row it first appeared on */
  GHashTable *lookups;   /* code or name → gint64 id in the database (0 when absent) */
  sqlite3_stmt *lookup;  /* prepared once: a large file names thousands of codes */
  guint unclosed_row;    /* the row of a quoted cell never closed, or 0 */
  char *unclosed_column;
};

typedef struct
{
  CpCommunity community;
  int year;
} CommunityRow;

/* Auxiliary functions: text */

static gboolean
is_trimmed (gunichar c, gboolean literal)
{
  /* A name keeps its tabs and control characters, which the checks then refuse or keep. */
  return g_unichar_isspace (c) && !(literal && g_unichar_iscntrl (c));
}

/* UTF-8 @text without white space (Unicode, e.g. U+3000) at either end; @literal keeps tabs, line
 * breaks and form feeds. */
static char *
trim_text (const char *text, gboolean literal)
{
  const char *start = text, *end = text + strlen (text);

  while (*start != '\0' && is_trimmed (g_utf8_get_char (start), literal))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_trimmed (g_utf8_get_char (prev), literal))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

static char *
trim (const char *text)
{
  return trim_text (text, FALSE);
}

/* @text fit for a one-line message. */
static char *
shown (const char *text)
{
  return cp_text_quote (text, -1);
}

/* Full-width digits and letters (２０２０) as ASCII, without spaces and without a trailing
 * @suffix of @suffixes, so that a year or yes/no typed with a Chinese input method still reads. */
static char *
normalize_number (const char *text, const char *const *suffixes)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    if (g_str_has_suffix (out->str, suffixes[i]) && out->len > strlen (suffixes[i]))
      {
        g_string_truncate (out, out->len - strlen (suffixes[i]));
        break;
      }
  return g_string_free (out, FALSE);
}

static gboolean
parse_double (const char *text, double *out)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

/* "A1" style column letters, for cells that have no header. */
static char *
column_letters (guint index)
{
  char buffer[8];
  int i = G_N_ELEMENTS (buffer) - 1;

  buffer[i] = '\0';
  do
    {
      buffer[--i] = 'A' + index % 26;
      index = index / 26;
    }
  while (index-- > 0 && i > 0);
  return g_strdup (buffer + i);
}

static char *
vocabulary_list (const CpVocabulary *vocabulary, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s (%s)", i > 0 ? ", " : "", vocabulary[i].key,
                            vocabulary[i].zh_label);
  return g_string_free (out, FALSE);
}

static char *
column_list (const KindSpec *spec)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spec->n_columns; i++)
    g_string_append_printf (out, "%s%s (%s)", i > 0 ? ", " : "", spec->columns[i].key,
                            spec->columns[i].zh_label);
  return g_string_free (out, FALSE);
}

/* Auxiliary functions: problems */

static void G_GNUC_PRINTF (4, 0)
add_problem_valist (Import *imp, guint row, const char *column_name, const char *format,
                    va_list args)
{
  imp->n_problems++;
  if (imp->n_problems > MAX_PROBLEMS)
    return;
  if (imp->problems->len > 0)
    g_string_append_c (imp->problems, '\n');
  g_string_append_printf (imp->problems, "%s:%u:%s: ", imp->path, row, column_name);
  g_string_append_vprintf (imp->problems, format, args);
}

static void G_GNUC_PRINTF (4, 5)
add_problem_named (Import *imp, guint row, const char *column_name, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (imp, row, column_name, format, args);
  va_end (args);
}

/* The name of spec column @column as the file writes it; a missing column is named in the
 * header's language. */
static const char *
column_name (Import *imp, int column)
{
  const Column *c = &imp->spec->columns[column];

  if (imp->column_at[column] >= 0)
    return imp->shown_header[imp->column_at[column]];
  return imp->chinese_header ? c->zh_label : c->key;
}

/* Always returns FALSE, so that a check reads `return add_problem (…)`. */
static gboolean G_GNUC_PRINTF (4, 5)
add_problem (Import *imp, guint row, int column, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (imp, row, column_name (imp, column), format, args);
  va_end (args);
  return FALSE;
}

static const char *
display (Import *imp, int column)
{
  return _(imp->spec->columns[column].display);
}

static const char *
hint (Import *imp, int column)
{
  return _(imp->spec->columns[column].hint);
}

/* Auxiliary functions: cells. Each parser takes the trimmed cell, NULL when the file has no such
 * column; an empty optional cell leaves the default in *out. */

static gboolean
cell_is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* FALSE when a required cell is empty; a missing required column was reported on the header. */
static gboolean
check_present (Import *imp, guint row, int column, const char *text)
{
  if (!cell_is_empty (text) || !imp->spec->columns[column].required)
    return TRUE;
  if (text == NULL)
    return FALSE;
  if (imp->spec->columns[column].hint != NULL)
    return add_problem (imp, row, column, _("%s is empty; enter %s"), display (imp, column),
                        hint (imp, column));
  return add_problem (imp, row, column, _("%s is empty"), display (imp, column));
}

static gboolean
parse_text (Import *imp, guint row, int column, const char *text, guint max_chars, char **out)
{
  if (!check_present (imp, row, column, text))
    return FALSE;
  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      g_autofree char *value = shown (text);
      return add_problem (imp, row, column, _("%s “%s” is longer than %u characters; enter %s"),
                          display (imp, column), value, max_chars, hint (imp, column));
    }
  *out = g_strdup (text);
  return TRUE;
}

/* Excel saves a long numeric code as "2.20281E+11" unless the column is formatted as text. */
static gboolean
looks_like_scientific (const char *text)
{
  double value;
  return (strchr (text, 'E') != NULL || strchr (text, 'e') != NULL)
         && parse_double (text, &value);
}

static gboolean
parse_code (Import *imp, guint row, int column, const char *text, char **out)
{
  if (text != NULL && looks_like_scientific (text))
    {
      g_autofree char *value = shown (text);
      return add_problem (imp, row, column,
                          _("%s “%s” was turned into a number in scientific notation by the "
                            "spreadsheet; format the column as text, enter the full code and "
                            "save again"),
                          display (imp, column), value);
    }
  return parse_text (imp, row, column, text, MAX_CODE_CHARS, out);
}

static gboolean
parse_choice (Import *imp, guint row, int column, const char *text,
              const CpVocabulary *vocabulary, guint n, int *out)
{
  g_autofree char *choices = vocabulary_list (vocabulary, n);

  if (text == NULL)
    return FALSE;
  if (cell_is_empty (text))
    return add_problem (imp, row, column, _("%s is empty; use one of %s"), display (imp, column),
                        choices);
  int index = cp_vocabulary_lookup (vocabulary, n, text);
  if (index < 0)
    {
      g_autofree char *value = shown (text);
      return add_problem (imp, row, column, _("unknown %s “%s”: use one of %s"),
                          display (imp, column), value, choices);
    }
  *out = index;
  return TRUE;
}

static gboolean
parse_flag (Import *imp, guint row, int column, const char *text, gboolean *out)
{
  if (cell_is_empty (text))
    return TRUE;

  g_autofree char *normal = normalize_number (text, NULL);
  g_autofree char *value = shown (text);
  if (!cp_parse_yes_no (normal, out))
    return add_problem (imp, row, column,
                        _("%s “%s” is not yes or no; enter 是 or 否 (or yes/no, true/false, "
                          "1/0)"),
                        display (imp, column), value);
  return TRUE;
}

/* Reads a number with cp_parse_number(), the one reading the dialogs use too. */
static gboolean
parse_number (Import *imp, guint row, int column, const char *text, CpNumberFlags flags,
              double *out)
{
  g_autoptr (GError) error = NULL;

  if (cp_parse_number (text, flags, out, &error))
    return TRUE;

  g_autofree char *value = shown (text);
  return add_problem (imp, row, column, _("%s “%s” %s"), display (imp, column), value,
                      error->message);
}

static gboolean
parse_area (Import *imp, guint row, int column, const char *text, double minimum, double *out)
{
  double value;

  if (!check_present (imp, row, column, text))
    return FALSE;
  if (cell_is_empty (text))
    return TRUE;
  if (!parse_number (imp, row, column, text, CP_NUMBER_AREA_UNIT, &value))
    return FALSE;

  g_autofree char *shown_text = shown (text);
  if (value < 0)
    return add_problem (imp, row, column, _("%s “%s” is negative; enter %s"),
                        display (imp, column), shown_text, hint (imp, column));
  if (value < minimum)
    return add_problem (imp, row, column, _("%s “%s” is too small; enter %s"),
                        display (imp, column), shown_text, hint (imp, column));
  if (value > MAX_AREA_M2)
    return add_problem (imp, row, column, _("%s “%s” is more than %.0f m²; enter %s"),
                        display (imp, column), shown_text, MAX_AREA_M2, hint (imp, column));
  *out = value;
  return TRUE;
}

static gboolean
parse_count (Import *imp, guint row, int column, const char *text, gint64 maximum, gint64 *out)
{
  double value;

  if (!check_present (imp, row, column, text))
    return FALSE;
  if (cell_is_empty (text))
    return TRUE;
  if (!parse_number (imp, row, column, text, CP_NUMBER_WHOLE, &value))
    return FALSE;

  g_autofree char *shown_text = shown (text);
  g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, maximum);
  if (value < 0)
    return add_problem (imp, row, column, _("%s “%s” is negative; enter %s"),
                        display (imp, column), shown_text, hint (imp, column));
  if (value > (double) maximum)
    return add_problem (imp, row, column, _("%s “%s” is more than %s; enter %s"),
                        display (imp, column), shown_text, max_text, hint (imp, column));
  *out = (gint64) value;
  return TRUE;
}

static gboolean
parse_year (Import *imp, guint row, int column, const char *text, int *out)
{
  static const char *const suffixes[] = { "年", NULL };

  if (!check_present (imp, row, column, text))
    return FALSE;
  if (cell_is_empty (text))
    return TRUE;

  g_autofree char *normal = normalize_number (text, suffixes);
  guint64 year = 0;
  if (!g_ascii_string_to_unsigned (normal, 10, CP_YEAR_MIN, CP_YEAR_MAX, &year, NULL))
    {
      g_autofree char *value = shown (text);
      return add_problem (imp, row, column, _("%s “%s” is not a year from %d to %d"),
                          display (imp, column), value, CP_YEAR_MIN, CP_YEAR_MAX);
    }
  *out = (int) year;
  return TRUE;
}

/* The row on which @key was first seen, or 0 when this is the first time (then it is noted). */
static guint
earlier_row (Import *imp, char *key, guint row)
{
  gpointer earlier = g_hash_table_lookup (imp->first_row, key);

  if (earlier != NULL)
    {
      g_free (key);
      return GPOINTER_TO_UINT (earlier);
    }
  g_hash_table_insert (imp->first_row, key, GUINT_TO_POINTER (row));
  return 0;
}

static gboolean
check_unique_code (Import *imp, guint row, int column, const char *code)
{
  guint earlier = earlier_row (imp, g_strdup (code), row);

  if (earlier != 0)
    return add_problem (imp, row, column, _("duplicate code “%s” also on row %u"), code, earlier);
  return TRUE;
}

/* The same lookups as cp_store_find_township() and cp_store_find_community(). */
#define FIND_TOWNSHIP_SQL                                                                          \
  "SELECT id FROM township WHERE code = ?1 UNION ALL SELECT id FROM township WHERE name = ?1 "     \
  "LIMIT 1"
#define FIND_COMMUNITY_SQL "SELECT id FROM community WHERE code = ?1"

/* Database ids of townships (by code or name) or communities (by code), looked up once each;
 * an import looks up one kind only, with @sql. */
static gint64
lookup_id (Import *imp, const char *text, const char *sql)
{
  gint64 *cached = g_hash_table_lookup (imp->lookups, text);

  if (cached == NULL)
    {
      gint64 id = 0;
      if (imp->lookup == NULL)
        imp->lookup = cp_store_prepare (imp->store, sql, NULL);
      if (imp->lookup != NULL)
        {
          sqlite3_bind_text (imp->lookup, 1, text, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (imp->lookup) == SQLITE_ROW)
            id = sqlite3_column_int64 (imp->lookup, 0);
          sqlite3_reset (imp->lookup);
        }
      cached = g_memdup2 (&id, sizeof id);
      g_hash_table_insert (imp->lookups, g_strdup (text), cached);
    }
  return *cached;
}

/* Rows of each kind */

static void
parse_township (Import *imp, guint row, const char *const *cells)
{
  CpTownship t = { 0 };
  int kind = 0;
  gboolean ok = parse_code (imp, row, T_CODE, cells[T_CODE], &t.code);

  ok &= parse_text (imp, row, T_NAME, cells[T_NAME], MAX_NAME_CHARS, &t.name);
  ok &= parse_choice (imp, row, T_KIND, cells[T_KIND], cp_township_kinds, CP_N_TOWNSHIP_KINDS,
                      &kind);
  if (t.code != NULL)
    ok &= check_unique_code (imp, row, T_CODE, t.code);
  t.kind = kind;
  if (ok)
    g_array_append_val (imp->items, t);
  else
    cp_township_clear (&t);
}

static gboolean
parse_community_township (Import *imp, guint row, const char *text, gint64 *out)
{
  g_autofree char *township = NULL;

  if (!parse_text (imp, row, C_TOWNSHIP, text, MAX_NAME_CHARS, &township))
    return FALSE;
  *out = lookup_id (imp, township, FIND_TOWNSHIP_SQL);
  if (*out == 0)
    {
      g_autofree char *value = shown (township);
      return add_problem (imp, row, C_TOWNSHIP,
                          _("unknown township “%s”: use the code or name of a township in the "
                            "database"),
                          value);
    }
  return TRUE;
}

static void
parse_community (Import *imp, guint row, const char *const *cells)
{
  CommunityRow r = { 0 };
  CpCommunity *c = &r.community;
  int kind = 0;
  gboolean ok = parse_community_township (imp, row, cells[C_TOWNSHIP], &c->township_id);

  ok &= parse_code (imp, row, C_CODE, cells[C_CODE], &c->code);
  ok &= parse_text (imp, row, C_NAME, cells[C_NAME], MAX_NAME_CHARS, &c->name);
  ok &= parse_choice (imp, row, C_KIND, cells[C_KIND], cp_community_kinds, CP_N_COMMUNITY_KINDS,
                      &kind);
  ok &= parse_count (imp, row, C_HOUSEHOLDS, cells[C_HOUSEHOLDS], MAX_PEOPLE, &c->households);
  ok &= parse_count (imp, row, C_POPULATION, cells[C_POPULATION], MAX_PEOPLE, &c->population);
  ok &= parse_flag (imp, row, C_RELOCATION, cells[C_RELOCATION], &c->relocation_site);
  ok &= parse_year (imp, row, C_YEAR, cells[C_YEAR], &r.year);
  if (c->code != NULL)
    ok &= check_unique_code (imp, row, C_CODE, c->code);
  c->kind = kind;
  if (ok)
    g_array_append_val (imp->items, r);
  else
    cp_community_clear (c);
}

static void
clear_community_row (CommunityRow *r)
{
  cp_community_clear (&r->community);
}

static gboolean
parse_facility_community (Import *imp, guint row, const char *text, gint64 *out)
{
  g_autofree char *code = NULL;

  if (!parse_code (imp, row, F_COMMUNITY, text, &code))
    return FALSE;
  *out = lookup_id (imp, code, FIND_COMMUNITY_SQL);
  if (*out == 0)
    return add_problem (imp, row, F_COMMUNITY,
                        _("unknown community “%s”: use the code of a community in the database "
                          "(import the communities first)"),
                        code);
  return TRUE;
}

static gboolean
parse_facility_choices (Import *imp, guint row, const char *const *cells, CpFacility *f)
{
  int kind = 0, provision = 0, status = 0;
  gboolean ok = parse_choice (imp, row, F_KIND, cells[F_KIND], cp_facility_kinds,
                              CP_N_FACILITY_KINDS, &kind);

  ok &= parse_choice (imp, row, F_PROVISION, cells[F_PROVISION], cp_provisions, CP_N_PROVISIONS,
                      &provision);
  ok &= parse_choice (imp, row, F_STATUS, cells[F_STATUS], cp_statuses, CP_N_STATUSES, &status);
  f->kind = kind;
  f->provision = provision;
  f->status = status;
  return ok;
}

static gboolean
parse_facility_areas (Import *imp, guint row, const char *const *cells, CpFacility *f)
{
  gboolean total_ok = parse_area (imp, row, F_TOTAL, cells[F_TOTAL], 0.1, &f->total_area_m2);
  gboolean service_ok = parse_area (imp, row, F_SERVICE, cells[F_SERVICE], 0,
                                    &f->service_area_m2);
  gboolean office_ok = parse_area (imp, row, F_OFFICE, cells[F_OFFICE], 0, &f->office_area_m2);

  if (total_ok && service_ok && f->service_area_m2 > f->total_area_m2)
    service_ok = add_problem (imp, row, F_SERVICE,
                              _("service area %.1f m² is larger than the total area %.1f m²"),
                              f->service_area_m2, f->total_area_m2);
  if (total_ok && office_ok && f->office_area_m2 > f->total_area_m2)
    office_ok = add_problem (imp, row, F_OFFICE,
                             _("office area %.1f m² is larger than the total area %.1f m²"),
                             f->office_area_m2, f->total_area_m2);
  return total_ok && service_ok && office_ok;
}

static gboolean
parse_facility_flags (Import *imp, guint row, const char *const *cells, CpFacility *f)
{
  gboolean ok = parse_flag (imp, row, F_GOVERNMENT, cells[F_GOVERNMENT], &f->government_invested);

  ok &= parse_flag (imp, row, F_REGISTERED, cells[F_REGISTERED], &f->property_registered);
  ok &= parse_flag (imp, row, F_ACCESSIBLE, cells[F_ACCESSIBLE], &f->accessible);
  ok &= parse_flag (imp, row, F_AGE, cells[F_AGE], &f->age_friendly);
  ok &= parse_flag (imp, row, F_CHILD, cells[F_CHILD], &f->child_friendly);
  return ok;
}

static gboolean
check_unique_facility (Import *imp, guint row, const CpFacility *f, const char *community)
{
  char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", f->community_id, f->name);
  guint earlier = earlier_row (imp, key, row);

  if (earlier != 0)
    {
      g_autofree char *name = shown (f->name);
      return add_problem (imp, row, F_NAME,
                          _("duplicate facility “%s” of community “%s” also on row %u"), name,
                          community, earlier);
    }
  return TRUE;
}

static void
parse_facility (Import *imp, guint row, const char *const *cells)
{
  CpFacility f = { 0 };
  gboolean ok = parse_facility_community (imp, row, cells[F_COMMUNITY], &f.community_id);

  ok &= parse_text (imp, row, F_NAME, cells[F_NAME], MAX_NAME_CHARS, &f.name);
  ok &= parse_facility_choices (imp, row, cells, &f);
  ok &= parse_facility_areas (imp, row, cells, &f);
  ok &= parse_count (imp, row, F_OFFICES, cells[F_OFFICES], MAX_OFFICES, &f.independent_offices);
  ok &= parse_year (imp, row, F_YEAR, cells[F_YEAR], &f.year);
  ok &= parse_facility_flags (imp, row, cells, &f);
  if (f.community_id != 0 && f.name != NULL)
    ok &= check_unique_facility (imp, row, &f, cells[F_COMMUNITY]);

  /* The store's own rules, in case they know more than the checks above. */
  g_autoptr (GError) invalid = NULL;
  if (ok && !cp_facility_validate (&f, &invalid))
    ok = add_problem (imp, row, F_NAME, "%s", invalid->message);
  if (ok)
    g_array_append_val (imp->items, f);
  else
    cp_facility_clear (&f);
}

static gboolean
write_township (CpStore *store, gpointer item, GError **error)
{
  return cp_store_upsert_township (store, item, error);
}

static gboolean
write_community (CpStore *store, gpointer item, GError **error)
{
  CommunityRow *r = item;
  return cp_store_upsert_community (store, &r->community, r->year, error);
}

static gboolean
write_facility (CpStore *store, gpointer item, GError **error)
{
  return cp_store_upsert_facility (store, item, error);
}

static const KindSpec kind_specs[CP_N_IMPORT_KINDS] = {
  { township_columns, N_T, sizeof (CpTownship), (GDestroyNotify) cp_township_clear,
    parse_township, write_township },
  { community_columns, N_C, sizeof (CommunityRow), (GDestroyNotify) clear_community_row,
    parse_community, write_community },
  { facility_columns, N_F, sizeof (CpFacility), (GDestroyNotify) cp_facility_clear,
    parse_facility, write_facility },
};

/* The header */

static gboolean
names_match (const char *name, const Column *c)
{
  return g_ascii_strcasecmp (name, c->key) == 0 || strcmp (name, c->zh_label) == 0
         || g_ascii_strcasecmp (name, c->display) == 0 || strcmp (name, _(c->display)) == 0;
}

/* The spec column named @name, also when a unit follows in brackets ("总面积（㎡）"), or -1. */
static int
find_column (const KindSpec *spec, const char *name)
{
  g_autofree char *bare = g_strdup (name);
  char *bracket = strstr (bare, "（");

  if (bracket == NULL)
    bracket = strchr (bare, '(');
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < spec->n_columns; i++)
        if (names_match (pass == 0 ? name : bare, &spec->columns[i]))
          return (int) i;
      if (bracket == NULL)
        break;
      *bracket = '\0';
      g_strstrip (bare);
    }
  return -1;
}

static gboolean
is_ignored_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (ignored_columns); i++)
    if (g_ascii_strcasecmp (name, ignored_columns[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
match_header_cell (Import *imp, guint row, guint index, guint *chinese, guint *keys)
{
  const char *name = imp->header[index];
  const char *name_shown = imp->shown_header[index];
  int column = find_column (imp->spec, name);

  if (*name == '\0' || is_ignored_column (name))
    return;
  if (column < 0)
    {
      g_autofree char *names = column_list (imp->spec);
      add_problem_named (imp, row, name_shown, _("unknown column “%s”: use one of %s"),
                         name_shown, names);
      return;
    }
  if (imp->column_at[column] >= 0)
    {
      add_problem_named (imp, row, name_shown,
                         _("column “%s” appears twice; keep one of them"), name_shown);
      return;
    }
  imp->column_at[column] = (int) index;
  if (strstr (name, imp->spec->columns[column].zh_label) != NULL)
    (*chinese)++;
  else
    (*keys)++;
}

/* The name of file column @index: its header, else its letter. */
static char *
file_column_name (Import *imp, guint index)
{
  if (imp->shown_header != NULL && index < imp->n_header && *imp->shown_header[index] != '\0')
    return g_strdup (imp->shown_header[index]);
  return column_letters (index);
}

/* Cells that are not text at all: bytes that are not UTF-8 (a row pasted from a file saved in
 * GB18030, see cp_csv_decode()) or encoded surrogates. TRUE when there are none; then the record
 * is valid UTF-8 and may be trimmed and parsed. */
static gboolean
check_utf8 (Import *imp, const char *const *record, guint row)
{
  gboolean ok = TRUE;

  for (guint i = 0; record[i] != NULL; i++)
    {
      gunichar c = 0;
      glong at = 0;
      const char *bad = NULL;
      CpTextProblem problem = cp_text_find_problem (record[i], -1, &c, &at);
      g_autofree char *name = NULL;
      /* The first problem may be another one (a form feed) before the bytes that are not
       * UTF-8, and nothing after this may read the cell as UTF-8. */
      if (problem != CP_TEXT_NOT_UTF8 && problem != CP_TEXT_SURROGATE
          && !g_utf8_validate (record[i], -1, &bad))
        {
          problem = CP_TEXT_NOT_UTF8;
          c = (guchar) *bad;
          at = g_utf8_strlen (record[i], bad - record[i]) + 1;
        }
      if (problem != CP_TEXT_NOT_UTF8 && problem != CP_TEXT_SURROGATE)
        continue;
      name = file_column_name (imp, i);
      if (problem == CP_TEXT_NOT_UTF8)
        {
          /* One line for the row: it was saved in another encoding as a whole. */
          add_problem_named (imp, row, name,
                             _("not UTF-8 (byte 0x%02X at position %ld of the cell): this row "
                               "was saved in another encoding, such as GB18030; save the whole "
                               "file as “CSV UTF-8 (comma delimited)” and import it again"),
                             c, at);
          return FALSE;
        }
      g_autoptr (GError) error = NULL;
      g_autofree char *value = shown (record[i]);
      cp_text_check (record[i], -1, &error);
      add_problem_named (imp, row, name, _("“%s” %s"), value, error->message);
      ok = FALSE;
    }
  return ok;
}

/* At most CP_CSV_MAX_CELLS cells are read; a longer row is a problem of its own. */
static gboolean
check_n_cells (Import *imp, CpCsvReader *reader, guint row)
{
  guint n_cells = cp_csv_reader_get_n_cells (reader);

  if (n_cells <= CP_CSV_MAX_CELLS)
    return TRUE;

  g_autofree char *name = column_letters (CP_CSV_MAX_CELLS);
  add_problem_named (imp, row, name,
                     _("the row has %u cells, more than the %u an import reads; delete the "
                       "cells from column %s on (often empty cells or a run of delimiters)"),
                     n_cells, CP_CSV_MAX_CELLS, name);
  return FALSE;
}

static void
read_header (Import *imp, CpCsvReader *reader, const char *const *record, guint row)
{
  guint chinese = 0, keys = 0;
  gboolean utf8 = check_utf8 (imp, record, row);

  check_n_cells (imp, reader, row);
  imp->n_header = g_strv_length ((char **) record);
  imp->header = g_new0 (char *, imp->n_header + 1);
  imp->shown_header = g_new0 (char *, imp->n_header + 1);
  for (guint i = 0; i < imp->n_header; i++)
    {
      /* A name that is not UTF-8 was reported above; its column is then left out. */
      gboolean valid = utf8 || g_utf8_validate (record[i], -1, NULL);
      imp->header[i] = valid ? trim (record[i]) : g_strdup ("");
      imp->shown_header[i] = valid ? shown (imp->header[i]) : column_letters (i);
    }

  for (guint i = 0; i < imp->n_header; i++)
    match_header_cell (imp, row, i, &chinese, &keys);
  imp->chinese_header = chinese > keys;
  for (guint i = 0; i < imp->spec->n_columns; i++)
    if (imp->spec->columns[i].required && imp->column_at[i] < 0)
      add_problem (imp, row, i, _("missing column “%s” (%s); add it to the header row"),
                   imp->spec->columns[i].key, imp->spec->columns[i].zh_label);
}

/* Data rows */

static void
check_cells_without_header (Import *imp, const char *const *record, guint row)
{
  for (guint i = 0; record[i] != NULL; i++)
    {
      gboolean headed = i < imp->n_header && *imp->shown_header[i] != '\0';
      g_autofree char *value = trim (record[i]);
      if (headed || *value == '\0')
        continue;
      g_autofree char *name = column_letters (i);
      g_autofree char *value_shown = shown (value);
      add_problem_named (imp, row, name,
                         _("“%s” is in a column without a header; name the column or clear "
                           "the cell"),
                         value_shown);
    }
}

/* Control characters, line breaks, noncharacters: refused in every cell that is imported, so
 * that no report ever has to write them. */
static gboolean
check_cell_text (Import *imp, guint row, int column, const char *value)
{
  g_autoptr (GError) error = NULL;

  if (cp_text_check (value, -1, &error))
    return TRUE;

  g_autofree char *value_shown = shown (value);
  return add_problem (imp, row, column, _("%s “%s” %s"), display (imp, column), value_shown,
                      error->message);
}

static void
read_row (Import *imp, CpCsvReader *reader, const char *const *record, guint row)
{
  const char *cells[MAX_COLUMNS] = { NULL };
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  guint n_cells = g_strv_length ((char **) record);
  gboolean ok = TRUE;

  if (!check_n_cells (imp, reader, row) || !check_utf8 (imp, record, row))
    return;
  check_cells_without_header (imp, record, row);
  for (guint i = 0; i < imp->spec->n_columns; i++)
    {
      int at = imp->column_at[i];
      if (at < 0)
        continue;
      char *value = trim_text ((guint) at < n_cells ? record[at] : "",
                               imp->spec->columns[i].literal);
      g_ptr_array_add (owned, value);
      cells[i] = value;
      ok &= check_cell_text (imp, row, i, value);
    }
  if (ok)
    imp->spec->parse_row (imp, row, cells);
}

static void
report_progress (CpProgressFunc progress, gpointer data, double fraction, guint i)
{
  if (progress != NULL && i % PROGRESS_EVERY == 0)
    progress (fraction, data);
}

static gboolean
cancelled (Import *imp, GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  cp_set_error (error, CP_ERROR_CANCELLED, _("The import of “%s” was cancelled; nothing was "
                                             "written."), imp->path);
  return TRUE;
}

/* Blank records are skipped; one with more cells than are read is not blank. */
static gboolean
is_blank (CpCsvReader *reader, const char *const *record)
{
  return cp_csv_reader_get_n_cells (reader) <= CP_CSV_MAX_CELLS
         && cp_csv_record_is_blank (record);
}

/* The first record that is not blank, or NULL. */
static const char *const *
next_filled (CpCsvReader *reader)
{
  const char *const *record;

  while ((record = cp_csv_reader_next (reader)) != NULL && is_blank (reader, record))
    ;
  return record;
}

/* A quoted cell never closed runs to the end of the file: its record is the last one. It is
 * reported after every other problem, at the column where it starts. */
static void
note_unclosed (Import *imp, const char *const *record, guint row)
{
  guint last = g_strv_length ((char **) record) - 1;

  imp->unclosed_row = row;
  imp->unclosed_column = imp->header != NULL ? file_column_name (imp, last)
                                             : column_letters (last);
}

static void
report_unclosed (Import *imp)
{
  if (imp->unclosed_row == 0)
    return;
  add_problem_named (imp, imp->unclosed_row, imp->unclosed_column,
                     _("a quoted cell is never closed; add the closing quote (\") at the end of "
                       "its text"));
}

static void
report_empty (Import *imp)
{
  g_autofree char *keys = NULL;
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < imp->spec->n_columns; i++)
    if (imp->spec->columns[i].required)
      g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "",
                              imp->spec->columns[i].key);
  keys = g_string_free (names, FALSE);
  add_problem_named (imp, 1, imp->spec->columns[0].key,
                     _("the file is empty; its first row must name the columns, e.g. %s"), keys);
}

/* Reads and checks every row, one record at a time; TRUE unless cancelled. */
static gboolean
read_records (Import *imp, const char *text, CpProgressFunc progress, gpointer progress_data,
              GCancellable *cancellable, GError **error)
{
  g_autoptr (CpCsvReader) reader = cp_csv_reader_new (text, cp_csv_guess_delimiter (text));
  const char *const *record = next_filled (reader);
  gboolean has_rows = FALSE;

  if (record == NULL)
    {
      report_empty (imp);
      return TRUE;
    }

  guint header_row = cp_csv_reader_get_index (reader) + 1;
  read_header (imp, reader, record, header_row);
  if (cp_csv_reader_get_unclosed (reader))
    note_unclosed (imp, record, header_row);
  while ((record = cp_csv_reader_next (reader)) != NULL)
    {
      guint index = cp_csv_reader_get_index (reader);
      if (cancelled (imp, cancellable, error))
        return FALSE;
      report_progress (progress, progress_data, 0.5 * cp_csv_reader_get_fraction (reader),
                       index);
      if (is_blank (reader, record))
        continue;
      has_rows = TRUE;
      if (cp_csv_reader_get_unclosed (reader))
        note_unclosed (imp, record, index + 1);
      else
        read_row (imp, reader, record, index + 1);
    }
  if (!has_rows)
    add_problem (imp, header_row + 1, 0,
                 _("the file has a header but no rows below it; add the rows to import"));
  report_unclosed (imp);
  return TRUE;
}

static gboolean
write_items (Import *imp, CpProgressFunc progress, gpointer progress_data,
             GCancellable *cancellable, GError **error)
{
  if (!cp_store_begin (imp->store, error))
    return FALSE;
  for (guint i = 0; i < imp->items->len; i++)
    {
      gpointer item = imp->items->data + i * imp->spec->item_size;
      report_progress (progress, progress_data, 0.5 + 0.5 * i / imp->items->len, i);
      if (cancelled (imp, cancellable, error) || !imp->spec->write_item (imp->store, item, error))
        {
          cp_store_rollback (imp->store);
          return FALSE;
        }
    }
  if (!cp_store_commit (imp->store, error))
    {
      cp_store_rollback (imp->store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fail_with_problems (Import *imp, GError **error)
{
  if (imp->n_problems > MAX_PROBLEMS)
    {
      guint more = imp->n_problems - MAX_PROBLEMS;
      g_string_append_c (imp->problems, '\n');
      g_string_append_printf (imp->problems,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                           "… and %u more problems", more),
                              more);
    }
  return cp_set_error (error, CP_ERROR_IMPORT, "%s", imp->problems->str);
}

static void
import_clear (Import *imp)
{
  g_strfreev (imp->header);
  g_strfreev (imp->shown_header);
  g_free (imp->unclosed_column);
  g_string_free (imp->problems, TRUE);
  g_array_unref (imp->items);
  g_hash_table_unref (imp->first_row);
  g_hash_table_unref (imp->lookups);
  sqlite3_finalize (imp->lookup);
}

/* The input file */

static gboolean G_GNUC_PRINTF (4, 5)
file_error (Import *imp, CpError code, GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  return cp_set_error (error, code, "%s: %s", imp->path, message);
}

static gboolean
errno_error (Import *imp, int saved_errno, GError **error)
{
  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      return file_error (imp, CP_ERROR_NOT_FOUND, error,
                         _("there is no such file; check its name and folder"));
    case ELOOP:
      return file_error (imp, CP_ERROR_IMPORT, error,
                         _("the path goes round a loop of symbolic links; give the path of the "
                           "CSV file itself"));
    case EACCES:
    case EPERM:
      return file_error (imp, CP_ERROR_IMPORT, error,
                         _("you may not read this file; ask for read permission, or copy the "
                           "file to a folder of your own and import the copy"));
    default:
      return file_error (imp, CP_ERROR_IMPORT, error, _("cannot read the file (%s)"),
                         g_strerror (saved_errno));
    }
}

static const char *
file_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a pipe (FIFO)");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  return _("a special file");
}

static gboolean
too_large (Import *imp, goffset size, GError **error)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit = g_format_size (MAX_INPUT_BYTES);

  return file_error (imp, CP_ERROR_IMPORT, error,
                     _("the file is %s, more than the %s an import reads; split it into smaller "
                       "files and import them one after the other"),
                     size_text, limit);
}

/* What stat() tells of the input before it is opened: a FIFO would block the open, a device
 * such as /dev/zero never ends. */
static gboolean
check_input (Import *imp, const struct stat *st, GError **error)
{
  if (!S_ISREG (st->st_mode))
    return file_error (imp, CP_ERROR_IMPORT, error,
                       _("this is %s, not a CSV file; give the path of a CSV file"),
                       file_kind (st->st_mode));
  if (cp_store_owns_file (imp->store, imp->path))
    return file_error (imp, CP_ERROR_IMPORT, error,
                       _("this is the database the import writes to, not a CSV file; give the "
                         "path of the CSV file"));
  if (st->st_size > MAX_INPUT_BYTES)
    return too_large (imp, st->st_size, error);
  return TRUE;
}

/* Reads the open file whole, but never more than MAX_INPUT_BYTES (it may grow while read). */
static char *
read_all (Import *imp, int fd, gsize size_hint, gsize *out_length, GError **error)
{
  gsize capacity = MIN (size_hint, (gsize) MAX_INPUT_BYTES) + 1, length = 0;
  g_autofree char *data = g_malloc (capacity);

  for (;;)
    {
      if (length == capacity)
        {
          if (length > (gsize) MAX_INPUT_BYTES)
            break;
          capacity = MIN (capacity * 2, (gsize) MAX_INPUT_BYTES + 1);
          data = g_realloc (data, capacity);
        }
      gssize n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          errno_error (imp, errno, error);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  if (length > (gsize) MAX_INPUT_BYTES)
    {
      too_large (imp, length, error);
      return NULL;
    }
  *out_length = length;
  return g_steal_pointer (&data);
}

static char *
read_input (Import *imp, gsize *out_length, GError **error)
{
  struct stat before, opened;
  char *data = NULL;

  if (stat (imp->path, &before) != 0)
    {
      errno_error (imp, errno, error);
      return NULL;
    }
  if (!check_input (imp, &before, error))
    return NULL;
  /* O_NONBLOCK: should the path have been replaced by a FIFO since, open() does not wait. */
  int fd = g_open (imp->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      errno_error (imp, errno, error);
      return NULL;
    }
  if (fstat (fd, &opened) != 0 || !S_ISREG (opened.st_mode) || opened.st_dev != before.st_dev
      || opened.st_ino != before.st_ino)
    file_error (imp, CP_ERROR_IMPORT, error,
                _("the file was replaced while it was being opened; import it again"));
  else
    data = read_all (imp, fd, opened.st_size, out_length, error);
  close (fd);
  return data;
}

static char *
read_text (Import *imp, GError **error)
{
  gsize length = 0;
  g_autofree char *data = read_input (imp, &length, error);
  g_autoptr (GError) local = NULL;

  if (data == NULL)
    return NULL;
  char *text = cp_csv_decode (data, length, NULL, &local);
  if (text == NULL)
    add_problem_named (imp, 1, imp->spec->columns[0].key, "%s", local->message);
  return text;
}

static gboolean
run_import (Import *imp, CpProgressFunc progress, gpointer progress_data, guint *out_rows,
            GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *text = read_text (imp, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (text != NULL && !read_records (imp, text, progress, progress_data, cancellable, error))
    return FALSE;
  if (imp->n_problems > 0)
    return fail_with_problems (imp, error);
  if (!write_items (imp, progress, progress_data, cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  if (out_rows != NULL)
    *out_rows = imp->items->len;
  return TRUE;
}

/* Public API */

gboolean
cp_import_file_full (CpStore *store, CpImportKind kind, const char *path, CpProgressFunc progress,
                     gpointer progress_data, guint *out_rows, GCancellable *cancellable,
                     GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (kind < CP_N_IMPORT_KINDS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_rows != NULL)
    *out_rows = 0;
  if (!cp_store_check_writable (store, error))
    return FALSE;

  Import imp = {
    .store = store,
    .path = path,
    .spec = &kind_specs[kind],
    .problems = g_string_new (NULL),
    .first_row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .lookups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  imp.items = g_array_new (FALSE, TRUE, imp.spec->item_size);
  g_array_set_clear_func (imp.items, imp.spec->clear_item);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    imp.column_at[i] = -1;

  gboolean ok = run_import (&imp, progress, progress_data, out_rows, cancellable, error);
  import_clear (&imp);
  return ok;
}

gboolean
cp_import_file (CpStore *store, CpImportKind kind, const char *path, guint *out_rows,
                GCancellable *cancellable, GError **error)
{
  return cp_import_file_full (store, kind, path, NULL, NULL, out_rows, cancellable, error);
}
