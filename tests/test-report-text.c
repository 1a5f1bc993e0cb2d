/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-report-text.h"

#define FFFD "\xef\xbf\xbd"

static void
test_clean_text_is_kept (void)
{
  const char *texts[] = { "", "顺山社区", "=SUM(A1)", "\tTab", "𝔸 U+1D538", "\xef\xbf\xbd" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *scratch = NULL;
      g_assert_true (cp_report_text_is_clean (texts[i]));
      g_assert_true (cp_report_text (texts[i], &scratch) == texts[i]);
      g_assert_null (scratch);
    }
}

static void
test_bad_text_is_replaced (void)
{
  const struct
  {
    const char *in, *out;
  } cases[] = {
    { "a\x0c" "b", "a" FFFD "b" },               /* form feed */
    { "a\nb\rc", "a" FFFD "b" FFFD "c" },        /* line breaks */
    { "\x7f\xc2\x85", FFFD FFFD },               /* DEL, C1 NEL */
    { "\xef\xbf\xbe\xef\xbf\xbf", FFFD FFFD },   /* U+FFFE, U+FFFF */
    { "\xef\xb7\x90\xef\xb7\xaf", FFFD FFFD },   /* U+FDD0, U+FDEF */
    { "\xf0\x9f\xbf\xbe", FFFD },                /* U+1FFFE */
    { "顺\xff山", "顺" FFFD "山" },              /* a stray byte */
    { "\xe9\xa1", FFFD FFFD },                   /* a cut character */
    { "\xc0\xaf", FFFD FFFD },                   /* overlong "/" */
    { "\xed\xa0\x80", FFFD FFFD FFFD },          /* a surrogate */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *scratch = NULL;
      g_autofree char *cleaned = cp_report_text_clean (cases[i].in);
      g_assert_false (cp_report_text_is_clean (cases[i].in));
      g_assert_cmpstr (cleaned, ==, cases[i].out);
      g_assert_cmpstr (cp_report_text (cases[i].in, &scratch), ==, cases[i].out);
      g_assert_true (g_utf8_validate (cleaned, -1, NULL));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-text/clean-is-kept", test_clean_text_is_kept);
  g_test_add_func ("/report-text/bad-is-replaced", test_bad_text_is_replaced);
  return g_test_run ();
}
