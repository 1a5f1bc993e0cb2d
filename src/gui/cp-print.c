/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-message.h"
#include "cp-print.h"

static void
on_begin_print (GtkPrintOperation *operation, GtkPrintContext *context, CpDocument *document)
{
  int pages = cp_document_paginate (document, gtk_print_context_get_cairo_context (context),
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, MAX (pages, 1));
}

static void
on_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page,
              CpDocument *document)
{
  cp_document_paint_page (document, gtk_print_context_get_cairo_context (context), page);
}

/* Who owns the document, freed with the operation. */
typedef struct
{
  gpointer owner;
  GDestroyNotify owner_free;
} Owner;

static void
owner_free (gpointer data, GClosure *closure)
{
  Owner *owner = data;

  if (owner->owner_free != NULL)
    owner->owner_free (owner->owner);
  g_free (owner);
}

static void
on_done (GtkPrintOperation *operation, GtkPrintOperationResult result, Owner *owner)
{
}

/* Preview. GTK's preview writes the pages to a PDF and runs the program of the setting
 * gtk-print-preview-command on it (evince by default); where that program is not installed GTK
 * only says "Error launching preview". Say what is missing and offer the print dialog again with
 * GTK's own printer 打印到文件 chosen. */

char *
cp_print_preview_program (GtkWindow *parent)
{
  GdkDisplay *display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                       : gdk_display_get_default ();
  GtkSettings *settings = display != NULL ? gtk_settings_get_for_display (display) : NULL;
  g_autofree char *command = NULL;
  g_auto (GStrv) argv = NULL;

  if (settings == NULL)
    return NULL;
  g_object_get (settings, "gtk-print-preview-command", &command, NULL);
  if (command == NULL || !g_shell_parse_argv (command, NULL, &argv, NULL))
    return NULL;
  return g_strdup (argv[0]);
}

static void
on_print_to_file_done (GtkPrintOperation *operation, GtkPrintOperationResult result,
                       GtkWindow *parent)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (parent != NULL)
        cp_message_show_error (GTK_WIDGET (parent), _("Cannot print"), error);
    }
  g_object_unref (operation);
}

/* The print dialog again, 打印到文件 chosen. The new operation keeps @first (and so the
 * document) alive until it is done. */
static void
print_to_file (GtkPrintOperation *first, GtkWindow *parent)
{
  CpDocument *document = g_object_get_data (G_OBJECT (first), "cp-print-document");
  GtkPrintOperation *operation
      = cp_print_operation_new (document, g_object_ref (first), g_object_unref);
  GtkPrintSettings *old = gtk_print_operation_get_print_settings (first);
  g_autoptr (GtkPrintSettings) settings
      = old != NULL ? gtk_print_settings_copy (old) : gtk_print_settings_new ();
  g_autoptr (GError) error = NULL;

  /* GTK names its file printer in its own catalogue. */
  gtk_print_settings_set_printer (settings, g_dgettext ("gtk40", "Print to File"));
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_to_file_done), parent);
  GtkPrintOperationResult result = gtk_print_operation_run (
      operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && parent != NULL)
    cp_message_show_error (GTK_WIDGET (parent), _("Cannot print"), error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_object_unref (operation);
}

/* @first: a reference to the operation whose preview had no program. */
static void
on_no_viewer_response (GtkDialog *dialog, int response, GtkPrintOperation *first)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == CP_PRINT_RESPONSE_TO_FILE)
    print_to_file (first, parent);
}

static void
offer_print_to_file (GtkPrintOperation *operation, GtkWindow *parent, const char *program)
{
  g_autofree char *secondary = NULL;
  GtkWidget *dialog = gtk_message_dialog_new (
      parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_INFO,
      GTK_BUTTONS_NONE, "%s", _("No program to show the print preview"));

  if (program != NULL)
    secondary = g_strdup_printf (
        _("The preview opens the pages in “%s”, which is not installed on this computer. Print "
          "to a PDF file instead and open it with any PDF reader."),
        program);
  else
    secondary = g_strdup (_("No preview program is set up on this computer. Print to a PDF "
                            "file instead and open it with any PDF reader."));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("Print to _File…"), CP_PRINT_RESPONSE_TO_FILE, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), CP_PRINT_RESPONSE_TO_FILE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_no_viewer_response),
                         g_object_ref (operation), (GClosureNotify) G_CALLBACK (g_object_unref),
                         0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_preview (GtkPrintOperation *operation, GtkPrintOperationPreview *preview,
            GtkPrintContext *context, GtkWindow *parent, gpointer data)
{
  g_autofree char *program = cp_print_preview_program (parent);
  g_autofree char *found = program != NULL ? g_find_program_in_path (program) : NULL;

  if (found != NULL)
    return FALSE; /* GTK's own preview */
  /* A handled preview must give the context a cairo context, even one cancelled at once. */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  gtk_print_operation_cancel (operation);
  offer_print_to_file (operation, parent, program);
  return TRUE;
}

GtkPrintOperation *
cp_print_operation_new (CpDocument *document, gpointer owner, GDestroyNotify free_owner)
{
  g_return_val_if_fail (document != NULL, NULL);

  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  Owner *held = g_new0 (Owner, 1);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The document lays out its own margins on the whole sheet, as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), document);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), document);
  g_signal_connect (operation, "preview", G_CALLBACK (on_preview), NULL);
  g_object_set_data (G_OBJECT (operation), "cp-print-document", document);
  /* A handler that only holds the owner: freed with the operation, after the others ran. */
  held->owner = owner;
  held->owner_free = free_owner;
  g_signal_connect_data (operation, "done", G_CALLBACK (on_done), held, owner_free, 0);
  return operation;
}
