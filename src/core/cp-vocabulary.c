/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-vocabulary.h"

int
cp_vocabulary_lookup (const CpVocabulary *vocabulary, guint n, const char *text)
{
  g_return_val_if_fail (vocabulary != NULL, -1);

  if (text == NULL)
    return -1;

  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (trimmed, vocabulary[i].key) == 0
          || strcmp (trimmed, vocabulary[i].zh_label) == 0
          || g_ascii_strcasecmp (trimmed, vocabulary[i].display) == 0
          || strcmp (trimmed, _(vocabulary[i].display)) == 0)
        return (int) i;
    }
  return -1;
}

const char *
cp_vocabulary_display (const CpVocabulary *vocabulary, guint n, int index)
{
  g_return_val_if_fail (index >= 0 && (guint) index < n, "");
  return _(vocabulary[index].display);
}

gboolean
cp_parse_yes_no (const char *text, gboolean *out_value)
{
  static const char *const yes[] = { "是", "yes", "true", "1", "y" };
  static const char *const no[] = { "否", "no", "false", "0", "n" };

  if (text == NULL)
    return FALSE;

  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (trimmed, yes[i]) == 0)
        {
          *out_value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (trimmed, no[i]) == 0)
        {
          *out_value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}
