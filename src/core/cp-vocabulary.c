/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cp-vocabulary.h"

/* @text without ASCII white space at either end (as g_strstrip() would leave it), without a copy:
 * its start and its length in *@length. */
static const char *
strip_ascii (const char *text, gsize *length)
{
  gsize n;

  while (g_ascii_isspace (*text))
    text++;
  n = strlen (text);
  while (n > 0 && g_ascii_isspace (text[n - 1]))
    n--;
  *length = n;
  return text;
}

/* Whether the @length bytes at @text are @word, ASCII letters in any case when @any_case. */
static gboolean
is_word (const char *text, gsize length, const char *word, gboolean any_case)
{
  int differ = any_case ? g_ascii_strncasecmp (text, word, length) : strncmp (text, word, length);

  return differ == 0 && word[length] == '\0';
}

/* Whether the @length bytes at @text are the Chinese label @label or one of the alternatives it
 * lists after slashes ("高中及以下/中专"); an alternative "X及以下" (X or below) also reads X. */
static gboolean
is_label (const char *text, gsize length, const char *label)
{
  static const char below[] = "及以下";
  const gsize below_length = sizeof below - 1;

  if (is_word (text, length, label, FALSE))
    return TRUE;
  if (strchr (label, '/') == NULL || length == 0)
    return FALSE;
  for (const char *start = label; *start != '\0';)
    {
      const char *end = strchr (start, '/');
      gsize n = end != NULL ? (gsize) (end - start) : strlen (start);
      gboolean is_below = n > below_length
                          && strncmp (start + n - below_length, below, below_length) == 0;

      if ((length == n || (is_below && length == n - below_length))
          && strncmp (text, start, length) == 0)
        return TRUE;
      start += end != NULL ? n + 1 : n;
    }
  return FALSE;
}

int
cp_vocabulary_lookup (const CpVocabulary *vocabulary, guint n, const char *text)
{
  g_return_val_if_fail (vocabulary != NULL, -1);

  if (text == NULL)
    return -1;

  gsize length;
  text = strip_ascii (text, &length);
  for (guint i = 0; i < n; i++)
    if (is_word (text, length, vocabulary[i].key, TRUE)
        || is_label (text, length, vocabulary[i].zh_label)
        || is_word (text, length, vocabulary[i].display, TRUE))
      return (int) i;
  /* The translated names last: gettext costs more than the other comparisons together, and
   * import files mostly write keys or Chinese labels. No translated name is another word's key
   * or label, so the order finds the same word. */
  for (guint i = 0; i < n; i++)
    if (is_word (text, length, _(vocabulary[i].display), FALSE))
      return (int) i;
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

  gsize length;
  text = strip_ascii (text, &length);
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (is_word (text, length, yes[i], TRUE))
        {
          *out_value = TRUE;
          return TRUE;
        }
      if (is_word (text, length, no[i], TRUE))
        {
          *out_value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}
