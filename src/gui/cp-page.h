/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A page of the window, one domain each. The window shell knows pages only through this
 * interface: it hands them the open database and the year, and sends find, reload, export, print
 * and import to the visible page. */
#pragma once

#include <gtk/gtk.h>

#include "cp-job.h"
#include "cp-store.h"

G_BEGIN_DECLS

#define CP_TYPE_PAGE (cp_page_get_type ())
G_DECLARE_INTERFACE (CpPage, cp_page, CP, PAGE, GtkWidget)

/* One thing a page exports; the window lists them in its Export menu, asks for a file and runs
 * the page's job. Strings are translated (menu_label with a mnemonic). */
typedef struct
{
  const char *id;            /* stable, e.g. "workbook" */
  const char *menu_label;    /* "_Workbook…" */
  const char *chooser_title; /* the file chooser's title */
  const char *filter_name;   /* NULL: no filter */
  const char *pattern;       /* the filter's pattern, e.g. "*.xlsx" */
  const char *suffix;        /* added when the chosen name lacks it, or NULL */
  const char *option_label;  /* a check box in the file chooser, or NULL (set_export_option) */
} CpPageExport;

struct _CpPageInterface
{
  GTypeInterface g_iface;

  /* The stack child's name and the switcher's (translated) title. */
  const char *(*get_name) (CpPage *self);
  const char *(*get_title) (CpPage *self);
  /* @store is borrowed: the window keeps it open while it is set; NULL before closing it. */
  void (*set_store) (CpPage *self, CpStore *store);
  void (*set_year) (CpPage *self, int year);
  /* Reads everything again (after an import). */
  void (*reload) (CpPage *self);
  void (*focus_search) (CpPage *self);

  /* Optional: what the page exports, in menu order (the first is the Ctrl+E one). */
  const CpPageExport *(*list_exports) (CpPage *self, guint *n_exports);
  /* The file name the chooser suggests for export @id in @year (newly allocated). */
  char *(*suggest_export_name) (CpPage *self, const char *id, int year);
  /* A job writing export @id of @year to @out_path (the job opens @db_path read-only). */
  CpJob *(*export) (CpPage *self, const char *id, const char *db_path, int year,
                    const char *out_path);
  /* Optional: whether the chooser's check box of export @id was ticked, told before export. */
  void (*set_export_option) (CpPage *self, const char *id, gboolean active);

  /* Optional: a job gathering what to print, then (main thread, job done) the operation. */
  CpJob *(*gather_print) (CpPage *self, const char *db_path, int year);
  GtkPrintOperation *(*print_operation) (CpPage *self, CpJob *job);

  /* Optional: the domains whose kinds of import file (in the import registry) the page takes,
   * NULL-terminated. */
  const char *const *(*get_import_domains) (CpPage *self);

  /* Optional: when the list is filtered, the label (translated, newly allocated) of the file
   * chooser's choice to export only what it shows for export @id; NULL when the list shows
   * everything or @id is not narrowed. */
  char *(*describe_filter) (CpPage *self, const char *id);
  /* Optional: whether that choice was taken (FALSE: everything), told before export. */
  void (*set_export_filtered) (CpPage *self, const char *id, gboolean filtered);
};

const char *cp_page_get_name (CpPage *self);
const char *cp_page_get_title (CpPage *self);
void cp_page_set_store (CpPage *self, CpStore *store);
void cp_page_set_year (CpPage *self, int year);
void cp_page_reload (CpPage *self);
void cp_page_focus_search (CpPage *self);

/* Empty (NULL, @n_exports 0) when the page exports nothing. */
const CpPageExport *cp_page_list_exports (CpPage *self, guint *n_exports);
/* The export @id of the page, or NULL. */
const CpPageExport *cp_page_find_export (CpPage *self, const char *id);
char *cp_page_suggest_export_name (CpPage *self, const char *id, int year);
CpJob *cp_page_export (CpPage *self, const char *id, const char *db_path, int year,
                       const char *out_path);
/* Nothing when the page has no options. */
void cp_page_set_export_option (CpPage *self, const char *id, gboolean active);

gboolean cp_page_can_print (CpPage *self);
CpJob *cp_page_gather_print (CpPage *self, const char *db_path, int year);
GtkPrintOperation *cp_page_print_operation (CpPage *self, CpJob *job);

/* An empty list when the page imports nothing (never NULL). */
const char *const *cp_page_get_import_domains (CpPage *self);

/* NULL when the page's list is not filtered (or it has no filter). */
char *cp_page_describe_filter (CpPage *self, const char *id);
/* Nothing when the page has no filter. */
void cp_page_set_export_filtered (CpPage *self, const char *id, gboolean filtered);

/* Export jobs the pages share; each opens @db_path read-only. */
/* Writes the workbook of @year to @out_path, its roster desensitized or not. */
CpJob *cp_page_workbook_job (const char *db_path, int year, const char *out_path,
                             gboolean desensitize);
/* The same of the communities @community_ids only (gint64, ascending; the job takes a
 * reference), without the staff sheets (CpWorkbookOptions.community_ids); NULL: all. */
CpJob *cp_page_workbook_job_filtered (const char *db_path, int year, const char *out_path,
                                      gboolean desensitize, GArray *community_ids);
/* Draws chart @chart (a name cp_chart_export() knows) of @year into @out_path. */
CpJob *cp_page_chart_job (const char *db_path, const char *chart, int year,
                          const char *out_path);

G_END_DECLS
