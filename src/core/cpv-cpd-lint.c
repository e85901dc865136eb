/* cpv-cpd-lint.c — the form 4B description check (JRCA-CPD-3)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-cpd-lint"

#include "config.h"

#include "cpv-cpd-lint.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The heuristics look at the shape of the text (lines that start with list markers, short
 * items separated by 読点 or commas, sentence endings) and at phrase lists in Japanese and
 * English. They are tuned to flag the four patterns of seed 004 section 16 and to leave alone
 * a description written in sentences that says what was learned. */

/* Seed 004 section 16, quoted. The English reason is marked for translation (N_) so that
 * the app can show it in the user's language with _(); reason_ja stays the seed's wording. */
static const CpvCpdLintProblem problems[] = {
  { CPV_CPD_LINT_THEME_ONLY, "JRCA-CPD-3",
    N_("The text names only the theme of what you learned; write the points you learned about it."),
    "学習のテーマしか記述されていません。そのテーマについて学んだ内容のポイントを書いてください。",
    "何に関して学んだか（例えば、サイバー攻撃の高度化、個人情報保護法、IoTのリスクについて学んだ、）"
    "といった学習のテーマしか記述されていないケース",
    "そのようなテーマに関して学んだ内容のポイントをお書きください。" },
  { CPV_CPD_LINT_ACTIVITY_ONLY, "JRCA-CPD-3",
    N_("The text says only what you did (attended, organised, taught …); write what you learned "
       "through it or while preparing it."),
    "活動した内容しか記述されていません。その活動の結果、あるいは準備作業において学んだことを書いてください。",
    "何をやったか（例えば、資料を作成した、研修会を主催した、講師として教育を実施した、"
    "e-ラーニング・集合研修に参加した、xxxについて議論した）といった活動した内容しか記述されていないケース",
    "そのような活動の結果、あるいは活動の準備作業において学んだことをお書きください。" },
  { CPV_CPD_LINT_LIST, "JRCA-CPD-3",
    N_("The text is a list of contents or keywords; a list does not show that your competence "
       "grew. Explain the main points in sentences."),
    "目次やキーワードの列挙になっています。主な内容を具体的（説明的）に文章で書いてください。",
    "書籍や研修の目次、キーワードを列挙しているだけのケース",
    "目次、キーワードを列挙しても力量の維持・向上の実証にはならないので、"
    "主な内容を具体的（説明的）にお書きください。" },
  { CPV_CPD_LINT_GENERIC, "JRCA-CPD-3",
    N_("The text uses only generic phrases; name the specific things you learned that improved "
       "your competence."),
    "一般的な表現にとどまっています。能力向上に有効だった具体的な内容を書いてください。",
    "記述内容が一般的な表現のケース（例えば、最新の情報セキュリティに関する知識を習得した、"
    "セキュリティマネジメントの手法を取得した）",
    "文章で力量向上を第三者に実証する表現としては不十分です。自分の能力向上に有効であった項目に"
    "絞って頂いて結構なので、具体的な内容も取入れて習得したことをご説明下さい。" },
};

static const char * const kind_keys[] = { "theme-only", "activity-only", "list", "generic" };

/* 2) Doing, not learning. */
static const char * const activity_phrases[] = {
  "参加した", "参加しました", "参加し", "受講した", "受講しました", "受講し", "出席した",
  "出席しました", "聴講した", "聴講しました", "視聴した", "視聴しました", "主催した",
  "主催しました", "開催した", "開催しました", "企画した", "企画し", "運営した", "運営しました",
  "講師を務めた", "講師を務めました", "講師として", "教育を実施した", "研修を実施した",
  "作成した", "作成しました", "議論した", "議論しました", "討議した", "発表した", "発表しました",
  "読んだ", "読みました", "読了した", "修了した", "修了しました", "担当した", "担当しました",
  "attended", "participated in", "took part in", "organised", "organized", "hosted",
  "taught", "gave a lecture", "delivered", "prepared the material", "discussed", "watched",
  "read the book", "completed the",
};

/* Signs that the text says what was learned. */
static const char * const learning_phrases[] = {
  "学んだ", "学びました", "学ぶことができ", "理解した", "理解できた", "理解しました", "分かった",
  "わかった", "分かりました", "わかりました", "気づいた", "気付いた", "気づきました", "知った",
  "認識した", "確認できた", "習得した", "習得しました", "身につけた", "得られた", "ことを学",
  "重要", "必要がある", "必要である", "必要だ", "べき", "有効", "ポイント", "留意", "観点",
  "活用でき", "活かせ", "生かせ", "役立つ", "ことで", "によって", "ため", "ように",
  "learned that", "learnt that", "understood", "realised", "realized", "found that",
  "noticed", "important", "should", "must", "need to", "how to", "because", "so that",
};

/* 4) Generic phrases. */
static const char * const generic_phrases[] = {
  "最新の情報セキュリティに関する知識", "最新のセキュリティ知識", "最新のセキュリティに関する知識",
  "最新の知識", "最新の情報セキュリティ知識", "最新動向を学", "最新の動向を学",
  "知識を習得した", "知識を習得しました", "知識を得た", "知識を得ました", "知識を深めた",
  "知識を深めることができ", "理解を深めた", "理解を深めることができ", "理解が深まった",
  "見識を広げ", "視野が広が", "勉強になった", "勉強になりました", "有意義", "参考になった",
  "参考になりました", "手法を取得", "手法を習得", "スキルアップ", "能力が向上", "力量が向上",
  "力量の向上", "知識が向上", "幅広い知識", "多くのことを学", "いろいろなことを学",
  "色々なことを学", "様々なことを学", "さまざまなことを学", "重要性を再認識", "重要性を理解",
  "重要性を学", "今後の業務に活かしたい", "今後の審査に活かしたい", "役立てたい",
  "latest security knowledge", "latest knowledge", "latest information security",
  "gained knowledge", "gained a lot of knowledge", "deepened my understanding",
  "broadened my knowledge", "improved my skills", "security management methods",
  "learned a lot", "learnt a lot", "very informative", "very useful", "importance of",
};

/* 1) "… について学んだ": the theme followed by nothing but a verb of studying. */
static const char * const theme_tails[] = {
  "について学んだ", "について学びました", "について学習した", "について学習しました",
  "について勉強した", "について勉強しました", "について理解した", "について知識を得た",
  "について研修を受けた", "を学んだ", "を学びました", "を学習した", "を学習しました",
  "を勉強した", "を勉強しました", "について",
};

static const char * const english_theme_starts[] = {
  "learned about", "learnt about", "studied", "about ", "learned the basics of",
};

/* Words that show a clause of content beyond the theme. */
static const char * const content_markers[] = {
  "ことを", "ことが", "ため", "必要", "べき", "できる", "重要", "ように", "により", "によって",
  "場合", "ので", "that ", "because", "should", "must",
};

static gboolean
contains_any (const char         *text,
              const char * const *phrases,
              guint               n_phrases)
{
  for (guint i = 0; i < n_phrases; i++)
    if (strstr (text, phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

static guint
count_any (const char         *text,
           const char * const *phrases,
           guint               n_phrases)
{
  guint count = 0;

  for (guint i = 0; i < n_phrases; i++)
    if (strstr (text, phrases[i]) != NULL)
      count++;
  return count;
}

static gboolean
is_terminator (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF0E /* ． */ || c == 0xFF01 || c == 0xFF1F ||
         c == '!' || c == '?';
}

/* A list marker at the start of @line: bullets, dashes, "1." "1)" "(1)" "①" "第1章". Returns
 * the rest of the line after the marker, or NULL. */
static const char *
skip_list_marker (const char *line)
{
  const char *p = line;
  gunichar c;

  while (*p == ' ' || *p == '\t' || g_utf8_get_char (p) == 0x3000)
    p = g_utf8_next_char (p);
  c = g_utf8_get_char (p);

  switch (c)
    {
    case 0x30FB: /* ・ */
    case 0xFF65: /* ･ */
    case 0x2022: /* • */
    case 0x25CF: /* ● */
    case 0x25CB: /* ○ */
    case 0x25A0: /* ■ */
    case 0x25A1: /* □ */
    case 0x25C6: /* ◆ */
    case 0x25C7: /* ◇ */
    case 0x25AA: /* ▪ */
    case 0x2023: /* ‣ */
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0xFF0D: /* － */
    case 0x2010: /* ‐ */
    case '-':
    case '*':
    case '+':
      return g_utf8_next_char (p);
    default:
      break;
    }
  if (c >= 0x2460 && c <= 0x2473)  /* ① … ⑳ */
    return g_utf8_next_char (p);
  if (c == '(' || c == 0xFF08)
    {
      const char *q = g_utf8_next_char (p);

      if (g_unichar_digit_value (g_utf8_get_char (q)) >= 0)
        {
          while (g_unichar_digit_value (g_utf8_get_char (q)) >= 0)
            q = g_utf8_next_char (q);
          if (*q == ')' || g_utf8_get_char (q) == 0xFF09)
            return g_utf8_next_char (q);
        }
      return NULL;
    }
  if (c == 0x7B2C) /* 第 */
    {
      const char *q = g_utf8_next_char (p);
      gboolean digits = FALSE;

      while (g_unichar_digit_value (g_utf8_get_char (q)) >= 0)
        {
          digits = TRUE;
          q = g_utf8_next_char (q);
        }
      if (digits && (g_str_has_prefix (q, "章") || g_str_has_prefix (q, "節") ||
                     g_str_has_prefix (q, "部") || g_str_has_prefix (q, "回")))
        return q;
      return NULL;
    }
  if (g_unichar_digit_value (c) >= 0)
    {
      const char *q = p;
      gunichar after;

      while (g_unichar_digit_value (g_utf8_get_char (q)) >= 0)
        q = g_utf8_next_char (q);
      after = g_utf8_get_char (q);
      /* "1." "1)" "1、" "1．" "1.2" (a numbered heading) — but not "2024年". */
      if (after == '.' || after == ')' || after == 0x3001 || after == 0xFF0E ||
          after == 0xFF09 || after == ':')
        {
          q = g_utf8_next_char (q);
          while (g_unichar_digit_value (g_utf8_get_char (q)) >= 0 || *q == '.')
            q = g_utf8_next_char (q);
          return q;
        }
    }
  return NULL;
}

/* The text ends like a sentence: a terminator, or a Japanese predicate ending. */
static gboolean
ends_like_sentence (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  static const char * const endings[] = {
    "です", "ます", "した", "った", "んだ", "いた", "きた", "れた", "えた", "けた", "めた",
    "じた", "だ", "である", "できる", "なる", "ある", "いる", "ない", "たい",
  };
  gsize length = strlen (copy);
  const char *last;

  if (length == 0)
    return FALSE;
  last = g_utf8_find_prev_char (copy, copy + length);
  if (last != NULL && (is_terminator (g_utf8_get_char (last)) || *last == '.'))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    if (g_str_has_suffix (copy, endings[i]))
      return TRUE;
  return FALSE;
}

/* Number of sentences: terminators (an ASCII "." only before a space or the end), plus one
 * for a final sentence without a terminator. */
static guint
count_sentences (const char *text)
{
  guint count = 0;
  const char *last_end = text;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_terminator (c) || (c == '.' && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0')))
        {
          count++;
          last_end = g_utf8_next_char (p);
        }
    }
  while (*last_end != '\0' && g_unichar_isspace (g_utf8_get_char (last_end)))
    last_end = g_utf8_next_char (last_end);
  if (*last_end != '\0' && ends_like_sentence (last_end))
    count++;
  return count;
}

/* 3) Lines that start with list markers, and are not sentences themselves. */
static gboolean
is_marked_list (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint items = 0, sentence_items = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *rest = skip_list_marker (lines[i]);

      if (rest == NULL)
        continue;
      items++;
      if (g_utf8_strlen (rest, -1) > 25 && ends_like_sentence (rest))
        sentence_items++;
    }
  return items >= 2 && sentence_items * 2 < items;
}

static gboolean
is_separator (gunichar c)
{
  return c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */ || c == ',' || c == 0x30FB /* ・ */ ||
         c == 0xFF0F /* ／ */ || c == '/' || c == ';' || c == 0xFF1B || c == '\n' ||
         c == 0xFF64 /* ､ */;
}

/* 3) Short items separated by 読点, commas or slashes, with hardly a sentence. */
static gboolean
is_inline_list (const char *text,
                guint       sentences)
{
  guint segments = 1, chars = 0;
  double average;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_separator (c))
        segments++;
      else if (!g_unichar_isspace (c) && !is_terminator (c))
        chars++;
    }
  average = (double) chars / segments;
  if (sentences == 0 && segments >= 4 && average <= 14)
    return TRUE;
  return sentences <= 1 && segments >= 5 && average <= 10;
}

/* 1) A single short sentence: a theme and a verb of studying, or a bare noun phrase. */
static gboolean
is_theme_only (const char *text,
               const char *lower,
               guint       sentences)
{
  g_autofree char *body = g_strdup (text);
  gsize length;
  glong chars;

  if (sentences > 1)
    return FALSE;

  /* Drop the final terminator and the verb of studying. */
  g_strstrip (body);
  length = strlen (body);
  while (length > 0)
    {
      const char *last = g_utf8_find_prev_char (body, body + length);

      if (last == NULL || !(is_terminator (g_utf8_get_char (last)) || *last == '.'))
        break;
      length = last - body;
      body[length] = '\0';
    }
  for (guint i = 0; i < G_N_ELEMENTS (theme_tails); i++)
    if (g_str_has_suffix (body, theme_tails[i]))
      {
        body[length - strlen (theme_tails[i])] = '\0';
        length = strlen (body);
        if (contains_any (body, content_markers, G_N_ELEMENTS (content_markers)))
          return FALSE;
        return g_utf8_strlen (body, -1) <= 60;
      }

  for (guint i = 0; i < G_N_ELEMENTS (english_theme_starts); i++)
    if (g_str_has_prefix (lower, english_theme_starts[i]))
      return !contains_any (lower, content_markers, G_N_ELEMENTS (content_markers)) &&
             g_utf8_strlen (lower, -1) <= 100;

  /* A bare noun phrase: no predicate at all. */
  chars = g_utf8_strlen (body, -1);
  if (sentences == 0 && chars <= 40 &&
      !contains_any (body, content_markers, G_N_ELEMENTS (content_markers)))
    return TRUE;
  /* Too short to say anything beyond a theme. */
  return chars < 15;
}

/* 4) Generic phrases, and no sentence that says something specific. */
static gboolean
is_generic (const char *lower)
{
  g_autoptr(GString) sentence = g_string_new (NULL);
  guint generic = 0, specific = 0;

  for (const char *p = lower;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = c == 0 || is_terminator (c) || c == '\n' ||
                     (c == '.' && (p[1] == ' ' || p[1] == '\0'));

      if (!end)
        {
          g_string_append_unichar (sentence, c);
          continue;
        }
      g_strstrip (sentence->str);
      sentence->len = strlen (sentence->str);
      if (sentence->len > 0)
        {
          if (contains_any (sentence->str, generic_phrases, G_N_ELEMENTS (generic_phrases)))
            generic++;
          else if (g_utf8_strlen (sentence->str, -1) >= 20 &&
                   contains_any (sentence->str, learning_phrases,
                                 G_N_ELEMENTS (learning_phrases)))
            specific++;
        }
      g_string_truncate (sentence, 0);
      if (c == 0)
        break;
    }
  return generic > 0 && specific == 0;
}

const char *
cpv_cpd_lint_kind_to_key (CpvCpdLintKind kind)
{
  g_return_val_if_fail (kind <= CPV_CPD_LINT_GENERIC, NULL);
  return kind_keys[kind];
}

GArray *
cpv_cpd_lint (const char *learned)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (CpvCpdLintProblem));
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  gboolean list, activity_only;
  guint sentences;

  if (learned == NULL || !g_utf8_validate (learned, -1, NULL))
    return found;
  text = g_strstrip (g_strdup (learned));
  if (*text == '\0')
    return found;
  lower = g_utf8_strdown (text, -1);
  sentences = count_sentences (text);

  list = is_marked_list (text) || is_inline_list (text, sentences);
  activity_only = contains_any (lower, activity_phrases, G_N_ELEMENTS (activity_phrases)) &&
                  count_any (lower, learning_phrases, G_N_ELEMENTS (learning_phrases)) == 0 &&
                  !contains_any (lower, generic_phrases, G_N_ELEMENTS (generic_phrases));

  if (!list && !activity_only && is_theme_only (text, lower, sentences))
    g_array_append_val (found, problems[CPV_CPD_LINT_THEME_ONLY]);
  if (activity_only && !list)
    g_array_append_val (found, problems[CPV_CPD_LINT_ACTIVITY_ONLY]);
  if (list)
    g_array_append_val (found, problems[CPV_CPD_LINT_LIST]);
  if (!list && is_generic (lower))
    g_array_append_val (found, problems[CPV_CPD_LINT_GENERIC]);
  return found;
}

gboolean
cpv_cpd_lint_has (GArray         *problems_found,
                  CpvCpdLintKind  kind)
{
  g_return_val_if_fail (problems_found != NULL, FALSE);

  for (guint i = 0; i < problems_found->len; i++)
    if (g_array_index (problems_found, CpvCpdLintProblem, i).kind == kind)
      return TRUE;
  return FALSE;
}
