/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-message.h"

static guint
count_lines (const char *text)
{
  guint lines = 1;

  for (const char *p = text; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}

char *
cp_message_window_units (const char *text)
{
  if (text == NULL)
    return NULL;
  g_autoptr (GString) out = g_string_new (text);
  g_string_replace (out, " 平方米", "\xc2\xa0㎡", 0); /* a no-break space */
  g_string_replace (out, "平方米", "㎡", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
cp_message_show (GtkWidget *widget, GtkMessageType type, const char *primary,
                 const char *secondary)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (primary != NULL);

  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *primary_shown = cp_message_window_units (primary);
  g_autofree char *secondary_shown = cp_message_window_units (secondary);
  GtkWidget *dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary_shown);
  GtkWidget *area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));

  /* An import can list many problems, one a line: scroll them, and let them be copied. */
  if (secondary_shown != NULL && count_lines (secondary_shown) > 6)
    {
      GtkWidget *label = gtk_label_new (secondary_shown);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 560);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_box_append (GTK_BOX (area), scrolled);
    }
  else if (secondary_shown != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                              secondary_shown);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cp_message_show_error (GtkWidget *widget, const char *primary, const GError *error)
{
  cp_message_show (widget, GTK_MESSAGE_ERROR, primary, error != NULL ? error->message : NULL);
}
