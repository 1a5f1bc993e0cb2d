/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "cp-error.h"
#include "cp-output.h"
#include "cp-report-text.h"
#include "cp-xlsx.h"

#define A4_PAPER 9
#define HEADER_ROW_HEIGHT 32

struct _CpXlsx
{
  CpOutput *output;
  lxw_workbook *book;
  lxw_format *formats[CP_XLSX_N_FORMATS];
  GPtrArray *sheets; /* lxw_worksheet *, owned by book */
  lxw_error err;     /* the first failure of libxlsxwriter */
  char *page_header;

  /* The list being written. */
  char *list_name;
  guint list_columns;
  guint32 list_max_rows;
  CpXlsxHeaderFunc list_header;
  gpointer list_data;
  lxw_worksheet *list_sheet;
  guint list_sheets;
  lxw_row_t list_row; /* next row in list_sheet */
};

void
cp_xlsx_note (CpXlsx *xlsx, lxw_error err)
{
  if (xlsx->err == LXW_NO_ERROR)
    xlsx->err = err;
}

gpointer
cp_xlsx_need (CpXlsx *xlsx, gpointer object)
{
  if (object == NULL)
    cp_xlsx_note (xlsx, LXW_ERROR_MEMORY_MALLOC_FAILED);
  return object;
}

/* What libxlsxwriter's error means for the clerk, in a sentence. */
static const char *
describe_xlsx_error (lxw_error err)
{
  switch (err)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      return _("there is not enough memory");
    case LXW_ERROR_CREATING_XLSX_FILE:
      return _("the file cannot be created: its folder is read-only or the disk is full");
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
      return _("a temporary file cannot be written: the disk is full or failed");
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      return _("the file cannot be written: the disk is full or failed");
    default:
      return _("the spreadsheet writer reported an error");
    }
}

static gboolean
set_xlsx_error (GError **error, lxw_error err)
{
  /* The library's own (English) words stay at the end as detail, as the database's do. */
  return cp_set_error (error, CP_ERROR_FAILED, _("Cannot write the workbook: %s (%s)."),
                       describe_xlsx_error (err), lxw_strerror (err));
}

gboolean
cp_xlsx_check (CpXlsx *xlsx, GError **error)
{
  if (xlsx->err == LXW_NO_ERROR)
    return TRUE;
  return set_xlsx_error (error, xlsx->err);
}

lxw_workbook *
cp_xlsx_get_book (CpXlsx *xlsx)
{
  return xlsx->book;
}

lxw_format *
cp_xlsx_get_format (CpXlsx *xlsx, CpXlsxFormat format)
{
  return xlsx->formats[format];
}

static void
add_formats (CpXlsx *xlsx)
{
  static const char *const number_formats[] = { NULL, "0", "0.0", "0.0%", "#,##0.00" };
  lxw_format **f = xlsx->formats;

  /* Plain text keeps the default format (NULL): libxlsxwriter hashes the whole format on every
   * cell written with a format identical to one seen before, which doubled the export's time. */
  for (int i = 0; i < CP_XLSX_N_FORMATS; i++)
    f[i] = i == CP_XLSX_TEXT ? NULL : cp_xlsx_need (xlsx, workbook_add_format (xlsx->book));
  if (xlsx->err != LXW_NO_ERROR)
    return;

  for (int i = CP_XLSX_TEXT; i <= CP_XLSX_MONEY; i++)
    {
      if (number_formats[i] != NULL)
        {
          format_set_num_format (f[i], number_formats[i]);
          format_set_num_format (f[CP_XLSX_TOTAL (i)], number_formats[i]);
        }
      format_set_bold (f[CP_XLSX_TOTAL (i)]);
      format_set_top (f[CP_XLSX_TOTAL (i)], LXW_BORDER_THIN);
    }
  format_set_bold (f[CP_XLSX_TITLE]);
  format_set_font_size (f[CP_XLSX_TITLE], 14);
  format_set_align (f[CP_XLSX_TITLE], LXW_ALIGN_CENTER);
  format_set_font_color (f[CP_XLSX_NOTE], 0x595959);
  format_set_bold (f[CP_XLSX_HEADER]);
  format_set_bg_color (f[CP_XLSX_HEADER], 0xDDEBF7);
  format_set_border (f[CP_XLSX_HEADER], LXW_BORDER_THIN);
  format_set_text_wrap (f[CP_XLSX_HEADER]);
  format_set_align (f[CP_XLSX_HEADER], LXW_ALIGN_CENTER);
  format_set_align (f[CP_XLSX_HEADER], LXW_ALIGN_VERTICAL_CENTER);
  format_set_font_color (f[CP_XLSX_ALERT], 0x9C0006);
}

CpXlsx *
cp_xlsx_new (const char *out_path, gboolean constant_memory, GError **error)
{
  g_return_val_if_fail (out_path != NULL, NULL);

  CpOutput *output = cp_output_begin (out_path, error);
  if (output == NULL)
    return NULL;

  CpXlsx *xlsx = g_new0 (CpXlsx, 1);
  const char *tmp_path = cp_output_get_temp_path (output);
  g_autofree char *dir = g_path_get_dirname (tmp_path);
  lxw_workbook_options options = {
    .constant_memory = constant_memory,
    .tmpdir = dir,
  };

  xlsx->output = output;
  xlsx->sheets = g_ptr_array_new ();
  xlsx->book = workbook_new_opt (tmp_path, &options);
  if (xlsx->book == NULL)
    {
      set_xlsx_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED);
      cp_xlsx_finish (xlsx, FALSE, NULL);
      return NULL;
    }
  add_formats (xlsx);
  return xlsx;
}

/* libxlsxwriter 1.1.4 cannot abandon a workbook, and freeing one leaves the constant_memory
 * temporary files of its sheets open: close them first. */
static void
abandon (CpXlsx *xlsx)
{
  if (xlsx->book == NULL)
    return;
  for (guint i = 0; i < xlsx->sheets->len; i++)
    {
      lxw_worksheet *ws = g_ptr_array_index (xlsx->sheets, i);
      if (ws->optimize_tmpfile != NULL)
        {
          fclose (ws->optimize_tmpfile);
          ws->optimize_tmpfile = NULL;
          ws->file = NULL;
        }
    }
  lxw_workbook_free (xlsx->book);
  xlsx->book = NULL;
}

gboolean
cp_xlsx_finish (CpXlsx *xlsx, gboolean ok, GError **error)
{
  g_return_val_if_fail (xlsx != NULL, FALSE);

  if (ok)
    ok = cp_xlsx_check (xlsx, error);
  if (ok)
    {
      /* FIXME: libxlsxwriter 1.1.4 does not check its writes of the parts it packs (temporary
       * files beside the output): a part cut short by a file size limit is zipped as it is and
       * the close succeeds. A full disk fails the zip's own writes, which it does check. */
      lxw_error err = workbook_close (g_steal_pointer (&xlsx->book));
      if (err != LXW_NO_ERROR)
        ok = set_xlsx_error (error, err);
    }
  abandon (xlsx);
  ok = cp_output_finish (xlsx->output, ok, error);
  g_ptr_array_unref (xlsx->sheets);
  g_free (xlsx->page_header);
  g_free (xlsx->list_name);
  g_free (xlsx);
  return ok;
}

void
cp_xlsx_set_properties (CpXlsx *xlsx, const char *title, const char *subject,
                        const char *author, const char *company, const char *comments)
{
  lxw_doc_properties properties = {
    .title = (char *) title,
    .subject = (char *) subject,
    .author = (char *) author,
    .company = (char *) company,
    .comments = (char *) comments,
    .created = time (NULL),
  };

  cp_xlsx_note (xlsx, workbook_set_properties (xlsx->book, &properties));
}

static char *
escape_ampersands (const char *text)
{
  g_autoptr (GString) escaped = g_string_new (text);

  g_string_replace (escaped, "&", "&&", 0);
  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

void
cp_xlsx_set_page_header (CpXlsx *xlsx, const char *text)
{
  g_autofree char *escaped = escape_ampersands (text);

  g_free (xlsx->page_header);
  xlsx->page_header = g_strconcat ("&C", escaped, NULL);
}

lxw_worksheet *
cp_xlsx_add_sheet (CpXlsx *xlsx, const char *name)
{
  if (xlsx->err != LXW_NO_ERROR)
    return NULL;
  cp_xlsx_note (xlsx, workbook_validate_sheet_name (xlsx->book, name));
  if (xlsx->err != LXW_NO_ERROR)
    return NULL;
  lxw_worksheet *ws = cp_xlsx_need (xlsx, workbook_add_worksheet (xlsx->book, name));
  if (ws != NULL)
    g_ptr_array_add (xlsx->sheets, ws);
  return ws;
}

void
cp_xlsx_setup_page (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t header_row)
{
  worksheet_set_paper (ws, A4_PAPER);
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  cp_xlsx_note (xlsx, worksheet_repeat_rows (ws, header_row, header_row));
  cp_xlsx_note (xlsx, worksheet_set_header (ws, xlsx->page_header));
  /* TRANSLATORS: the footer of a printed sheet: &P is the page, &N the number of pages; keep
   * "&C" (centre) at the start. */
  cp_xlsx_note (xlsx, worksheet_set_footer (ws, _("&CPage &P of &N")));
}

void
cp_xlsx_write_header (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row,
                      const CpXlsxColumn *columns, guint n_columns)
{
  cp_xlsx_note (xlsx, worksheet_set_row (ws, row, HEADER_ROW_HEIGHT, NULL));
  for (guint col = 0; col < n_columns; col++)
    {
      cp_xlsx_note (xlsx, worksheet_set_column (ws, col, col, columns[col].width, NULL));
      cp_xlsx_string (xlsx, ws, row, col, _(columns[col].title), CP_XLSX_HEADER);
    }
}

void
cp_xlsx_string (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                CpXlsxFormat format)
{
  g_autofree char *scratch = NULL;

  if (xlsx->err == LXW_NO_ERROR)
    xlsx->err = worksheet_write_string (ws, row, col, cp_report_text (text, &scratch),
                                        xlsx->formats[format]);
}

void
cp_xlsx_number (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double value,
                CpXlsxFormat format)
{
  if (xlsx->err == LXW_NO_ERROR)
    xlsx->err = worksheet_write_number (ws, row, col, value, xlsx->formats[format]);
}

void
cp_xlsx_blank (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
               CpXlsxFormat format)
{
  if (xlsx->err == LXW_NO_ERROR)
    xlsx->err = worksheet_write_blank (ws, row, col, xlsx->formats[format]);
}

void
cp_xlsx_merge (CpXlsx *xlsx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
               lxw_col_t last_col, const char *text, CpXlsxFormat format)
{
  if (xlsx->err == LXW_NO_ERROR)
    xlsx->err = worksheet_merge_range (ws, row, first_col, row, last_col, text,
                                       xlsx->formats[format]);
}

/* Lists */

void
cp_xlsx_list_finish (CpXlsx *xlsx)
{
  if (xlsx->list_sheet != NULL && xlsx->err == LXW_NO_ERROR)
    cp_xlsx_note (xlsx, worksheet_autofilter (xlsx->list_sheet, 0, 0, xlsx->list_row - 1,
                                              xlsx->list_columns - 1));
}

static gboolean
list_add_sheet (CpXlsx *xlsx)
{
  g_autofree char *name = NULL;

  cp_xlsx_list_finish (xlsx);
  xlsx->list_sheets++;
  name = xlsx->list_sheets == 1
             ? g_strdup (xlsx->list_name)
             : g_strdup_printf ("%s (%u)", xlsx->list_name, xlsx->list_sheets);
  xlsx->list_sheet = cp_xlsx_add_sheet (xlsx, name);
  if (xlsx->list_sheet == NULL)
    return FALSE;

  cp_xlsx_setup_page (xlsx, xlsx->list_sheet, 0);
  worksheet_freeze_panes (xlsx->list_sheet, 1, 0);
  xlsx->list_header (xlsx, xlsx->list_sheet, xlsx->list_data);
  xlsx->list_row = 1;
  return xlsx->err == LXW_NO_ERROR;
}

gboolean
cp_xlsx_list_start (CpXlsx *xlsx, const char *name, guint n_columns, guint32 max_rows,
                    CpXlsxHeaderFunc header, gpointer user_data)
{
  g_return_val_if_fail (xlsx != NULL && name != NULL && header != NULL, FALSE);
  g_return_val_if_fail (max_rows >= 2 && max_rows <= CP_XLSX_MAX_ROWS, FALSE);

  g_free (xlsx->list_name);
  xlsx->list_name = g_strdup (name);
  xlsx->list_columns = n_columns;
  xlsx->list_max_rows = max_rows;
  xlsx->list_header = header;
  xlsx->list_data = user_data;
  xlsx->list_sheet = NULL;
  xlsx->list_sheets = 0;
  return list_add_sheet (xlsx);
}

gboolean
cp_xlsx_list_next_row (CpXlsx *xlsx, lxw_worksheet **ws, lxw_row_t *row)
{
  if (xlsx->list_row >= xlsx->list_max_rows && !list_add_sheet (xlsx))
    return FALSE;
  *ws = xlsx->list_sheet;
  *row = xlsx->list_row++;
  return TRUE;
}
