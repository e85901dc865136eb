/* test-cpd-lint.c — the form 4B description check (JRCA-CPD-3)
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cpv-cpd-lint.h"

#include <string.h>

/* Deficient descriptions written after the four cases of seed 004 section 16. */

static const char * const theme_only[] = {
  "ゼロトラストセキュリティについて学んだ。",
  "サプライチェーン攻撃の動向について学習した。",
  "ISO/IEC 27001:2022の改訂について学びました。",
  "クラウドサービス利用時のリスクについて勉強した。",
  "改正個人情報保護法について。",
  "ランサムウェア対策",
  "生成AIの情報セキュリティリスクを学んだ。",
  "内部不正防止ガイドラインについて理解した。",
};

static const char * const activity_only[] = {
  "社内の情報セキュリティ研修会を主催した。",
  "ISMS内部監査員向けの研修で講師として教育を実施した。",
  "JNSAのセミナーに参加しました。",
  "e-ラーニングを受講し、修了テストに合格した。",
  "審査チーム内でリスクアセスメントの手法について議論した。",
  "部門向けのインシデント対応手順書を作成した。",
  "情報セキュリティ関連の書籍を2冊読んだ。",
  "クラウドセキュリティに関するオンライン講演を視聴しました。",
};

static const char * const lists[] = {
  "・リスクアセスメント\n・管理策の選択\n・適用宣言書\n・内部監査",
  "1. ISMSの概要\n2. 要求事項の解説\n3. 審査の進め方\n4. 演習",
  "第1章 情報セキュリティの基礎\n第2章 リスク管理\n第3章 インシデント対応",
  "キーワード：ゼロトラスト、SASE、EDR、多要素認証、SBOM",
  "脆弱性管理、パッチ適用、構成管理、ログ監視、バックアップ",
  "①脅威インテリジェンス\n②SOCの運用\n③CSIRTの構築",
  "- 附属書Aの管理策\n- 情報セキュリティ目的\n- 力量と認識\n- 文書化した情報",
  "（1）クラウドの責任共有モデル\n（2）アクセス制御\n（3）暗号化\n（4）監視とログ",
};

static const char * const generic[] = {
  "最新の情報セキュリティに関する知識を習得した。",
  "セキュリティマネジメントの手法を習得した。",
  "研修に参加して、最新のセキュリティ知識を学ぶことができ、大変有意義であった。",
  "幅広い知識を得ることができ、今後の審査に活かしたい。",
  "情報セキュリティに関する理解を深めることができた。",
  "多くのことを学び、大変勉強になりました。",
  "ISMSの重要性を再認識した。",
  "講演を聴いて視野が広がり、セキュリティ担当者としての力量が向上した。",
};

/* Useful descriptions: in sentences, with points applicable to ISMS audits or to an
 * organisation's security (seed 004 section 16). */
static const char * const good[] = {
  "ISMS審査で使えるポイントとして、ログの保管期間だけでなく改ざん防止の仕組みまで確認する"
  "必要があることを学んだ。特にクラウドサービスでは、利用者側で取得できるログの範囲が契約に"
  "よって異なるため、審査では責任共有モデルの資料を確認したい。",
  "ランサムウェア被害の事例では、バックアップがネットワーク上で常時接続されていたため暗号化"
  "されたケースが多いと分かった。組織の対策としては、オフラインバックアップと復旧手順の定期的"
  "な訓練が有効である。",
  "ISO/IEC 27001:2022では管理策が93に再編され、脅威インテリジェンスなど11の新しい管理策が"
  "追加された。移行審査では、適用宣言書が新しい附属書Aに基づいて見直されているかを確認する"
  "ことが重要だと理解した。",
  "サプライチェーン攻撃では、委託先の脆弱性が発注元への侵入口になる。そのため、委託先評価を"
  "契約時だけでなく定期的に行い、その結果をリスクアセスメントに反映する仕組みがあるかを審査で"
  "確認すべきだと学んだ。",
  "内部不正の多くは退職予定者によるデータ持ち出しであり、アクセス権の棚卸しを退職手続きと連動"
  "させることが効果的だと知った。審査の際は、人事部門と情報システム部門の連携手順が文書化され"
  "ているかを確認したい。",
  "多要素認証を導入していても、認証疲労攻撃のようにプッシュ通知を繰り返し送る手口で突破される"
  "例があることを知った。番号照合方式への切り替えや、通知回数の上限設定が対策として有効である。",
  "研修で特に有効だった点は次の2つである。\n"
  "・リスク所有者を部門長レベルで明確にしておかないと、リスク対応計画の承認が形骸化しやすい"
  "ことが分かった。\n"
  "・残留リスクの受容基準を数値で定めておくと、経営層への報告が具体的になり判断が早くなる"
  "ことを学んだ。",
  "クラウドサービスの利用では、設定ミスによる情報漏えいが最も多い原因であると分かった。ISMS"
  "審査では、クラウドの設定変更が変更管理の対象になっているか、定期的に設定を点検しているかを"
  "確認する視点が有効だと考える。",
};

static void
assert_flags_all (const char * const *texts,
                  guint               n_texts,
                  CpvCpdLintKind      kind)
{
  g_assert_cmpuint (n_texts, >=, 8);
  for (guint i = 0; i < n_texts; i++)
    {
      g_autoptr(GArray) found = cpv_cpd_lint (texts[i]);

      if (!cpv_cpd_lint_has (found, kind))
        g_test_message ("not flagged as %s: %s", cpv_cpd_lint_kind_to_key (kind), texts[i]);
      g_assert_true (cpv_cpd_lint_has (found, kind));
      for (guint j = 0; j < found->len; j++)
        g_assert_cmpstr (g_array_index (found, CpvCpdLintProblem, j).rule, ==, "JRCA-CPD-3");
    }
}

static void
test_theme_only (void)
{
  assert_flags_all (theme_only, G_N_ELEMENTS (theme_only), CPV_CPD_LINT_THEME_ONLY);
}

static void
test_activity_only (void)
{
  assert_flags_all (activity_only, G_N_ELEMENTS (activity_only), CPV_CPD_LINT_ACTIVITY_ONLY);
}

static void
test_list (void)
{
  assert_flags_all (lists, G_N_ELEMENTS (lists), CPV_CPD_LINT_LIST);
}

static void
test_generic (void)
{
  assert_flags_all (generic, G_N_ELEMENTS (generic), CPV_CPD_LINT_GENERIC);
}

static void
test_good (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (good), >=, 8);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GArray) found = cpv_cpd_lint (good[i]);

      for (guint j = 0; j < found->len; j++)
        g_test_message ("good text flagged as %s: %s",
                        cpv_cpd_lint_kind_to_key (g_array_index (found, CpvCpdLintProblem,
                                                                 j).kind), good[i]);
      g_assert_cmpuint (found->len, ==, 0);
    }
}

/* A pattern is reported with its reason and the seed's own example and advice. */
static void
test_reason_and_seed_example (void)
{
  g_autoptr(GArray) theme = cpv_cpd_lint (theme_only[0]);
  g_autoptr(GArray) activity = cpv_cpd_lint (activity_only[0]);
  g_autoptr(GArray) list = cpv_cpd_lint (lists[0]);
  g_autoptr(GArray) vague = cpv_cpd_lint (generic[0]);
  const CpvCpdLintProblem *problem;

  problem = &g_array_index (theme, CpvCpdLintProblem, 0);
  g_assert_cmpint (problem->kind, ==, CPV_CPD_LINT_THEME_ONLY);
  g_assert_nonnull (strstr (problem->seed_example, "サイバー攻撃の高度化"));
  g_assert_nonnull (strstr (problem->seed_advice, "ポイント"));
  g_assert_nonnull (strstr (problem->reason, "theme"));

  problem = &g_array_index (activity, CpvCpdLintProblem, 0);
  g_assert_cmpint (problem->kind, ==, CPV_CPD_LINT_ACTIVITY_ONLY);
  g_assert_nonnull (strstr (problem->seed_example, "研修会を主催した"));

  problem = &g_array_index (list, CpvCpdLintProblem, 0);
  g_assert_cmpint (problem->kind, ==, CPV_CPD_LINT_LIST);
  g_assert_nonnull (strstr (problem->seed_example, "目次"));

  problem = &g_array_index (vague, CpvCpdLintProblem, 0);
  g_assert_cmpint (problem->kind, ==, CPV_CPD_LINT_GENERIC);
  g_assert_nonnull (strstr (problem->seed_example, "最新の情報セキュリティに関する知識を習得した"));
  g_assert_nonnull (strstr (problem->reason_ja, "具体的"));
}

/* The seed's own examples are themselves flagged. */
static void
test_seed_examples_flagged (void)
{
  g_autoptr(GArray) theme =
    cpv_cpd_lint ("サイバー攻撃の高度化、個人情報保護法、IoTのリスクについて学んだ。");
  g_autoptr(GArray) activity = cpv_cpd_lint ("e-ラーニング・集合研修に参加した。");
  g_autoptr(GArray) vague = cpv_cpd_lint ("セキュリティマネジメントの手法を取得した。");

  g_assert_true (cpv_cpd_lint_has (theme, CPV_CPD_LINT_THEME_ONLY));
  g_assert_true (cpv_cpd_lint_has (activity, CPV_CPD_LINT_ACTIVITY_ONLY));
  g_assert_true (cpv_cpd_lint_has (vague, CPV_CPD_LINT_GENERIC));
}

static void
test_english (void)
{
  g_autoptr(GArray) theme = cpv_cpd_lint ("Learned about zero trust architecture.");
  g_autoptr(GArray) activity = cpv_cpd_lint ("Attended the ISACA chapter meeting.");
  g_autoptr(GArray) list = cpv_cpd_lint ("- Risk assessment\n- Statement of applicability\n"
                                         "- Internal audit");
  g_autoptr(GArray) vague = cpv_cpd_lint ("Gained the latest security knowledge.");
  g_autoptr(GArray) fine =
    cpv_cpd_lint ("I learned that the access reviews must be tied to the leaver process, "
                  "because most insider incidents involve staff about to leave. In audits I "
                  "will check that HR and IT share one documented procedure.");

  g_assert_true (cpv_cpd_lint_has (theme, CPV_CPD_LINT_THEME_ONLY));
  g_assert_true (cpv_cpd_lint_has (activity, CPV_CPD_LINT_ACTIVITY_ONLY));
  g_assert_true (cpv_cpd_lint_has (list, CPV_CPD_LINT_LIST));
  g_assert_true (cpv_cpd_lint_has (vague, CPV_CPD_LINT_GENERIC));
  g_assert_cmpuint (fine->len, ==, 0);
}

/* Nothing to check in a blank text; never a crash on invalid UTF-8. */
static void
test_blank (void)
{
  g_autoptr(GArray) none = cpv_cpd_lint (NULL);
  g_autoptr(GArray) empty = cpv_cpd_lint ("  \n ");
  g_autoptr(GArray) invalid = cpv_cpd_lint ("\xff\xfe");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (invalid->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/jrca/JRCA-CPD-3/theme-only", test_theme_only);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/activity-only", test_activity_only);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/list", test_list);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/generic", test_generic);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/good", test_good);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/reason-and-seed-example", test_reason_and_seed_example);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/seed-examples-flagged", test_seed_examples_flagged);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/english", test_english);
  g_test_add_func ("/rules/jrca/JRCA-CPD-3/blank", test_blank);

  return g_test_run ();
}
