/* test-jrca-pack.c — the JRCA application pack: forms 5D, 5A, 4A, 4B, 2C as PDF, a checklist,
 * and the files linked to the records the forms list (seed 004 6./7., RULES.md 2.3, 2.5, 2.6),
 * unpacked with bsdtar and 7z, AES-256, TLP:RED and secret exclusion, verification, the CLI
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <pango/pangocairo.h>
#include <signal.h>
#include <sys/resource.h>

#include "cpv-jrca-evidence.h"
#include "cpv-jrca-store.h"
#include "cpv-pack.h"
#include "cpv-program.h"
#include "cpv-test-cli.h"
#include "cpv-test-pack.h"
#include "records-test-util.h"

#define D(y, m, d) cpv_day_from_ymd ((y), (m), (d))

typedef struct
{
  CpvTestVault        base;
  CpvProgramRegistry *registry;
  gint64              jrca;
  gint64              isc2;
  gint64              audits[4];      /* 5D rows 1 … 4, oldest first */
  gint64              cpd[4];         /* 4A rows 1 … 3, and one before the CPD period */
  gint64              a1_form_5a;     /* evidence ids */
  gint64              a1_schedule;
  gint64              a2_form_5a;
  gint64              a2_schedule;
  gint64              a2_report;
  gint64              a3_schedule;    /* record without evidence: never packed */
  gint64              a4_form_5a;
  gint64              a4_schedule;    /* TLP:RED */
  gint64              c1_notes;       /* secret */
  gint64              c2_certificate;
  gint64              c4_certificate; /* before the CPD period: never packed */
  char               *out;
  CpvTestCli          cli;            /* on the vault, in base.dir */
} Fixture;

static CpvJrcaAudit *
new_audit (gint64       credential_id,
           const char  *organisation,
           CpvDay       start,
           gboolean     iaf)
{
  CpvJrcaAudit *audit = cpv_jrca_audit_new ();

  audit->credential_id = credential_id;
  audit->organisation = g_strdup (organisation);
  audit->organisation_id = g_strdup ("IS 123456");
  audit->certification_body = g_strdup (iaf ? "一般財団法人サンプル認証機構"
                                            : "非認定の監査機関株式会社");
  audit->body_iaf_accredited = iaf;
  audit->management_system = g_strdup ("ISMS");
  audit->audit_type = g_strdup ("サーベイランス審査");
  audit->onsite_start = start;
  audit->onsite_end = start + 1;
  cpv_jrca_audit_add_day (audit, start, 7);
  cpv_jrca_audit_add_day (audit, start + 1, 3.5);
  audit->role = CPV_JRCA_ROLE_LEADER;
  audit->isms_roles = CPV_JRCA_ISMS_ROLES_LEADER_ALL;
  audit->team_lead = CPV_JRCA_TEAM_LEAD_SELF;
  audit->contact = g_strdup ("東京都港区三田1-2-3 03-1234-5678");
  return audit;
}

static gint64
store_audit (CpvVault     *vault,
             CpvJrcaAudit *audit)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpv_vault_add_jrca_audit (vault, audit, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  cpv_jrca_audit_free (audit);
  return id;
}

static gint64
store_cpd (CpvVault       *vault,
           gint64          credential_id,
           CpvDay          date,
           double          hours,
           CpvJrcaCpdKind  kind,
           const char     *title)
{
  g_autoptr(CpvJrcaCpd) cpd = cpv_jrca_cpd_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  cpd->credential_id = credential_id;
  cpd->date = date;
  cpd->hours = hours;
  cpd->kind = kind;
  cpd->title = g_strdup (title);
  cpd->provider = g_strdup ("情報セキュリティ研究会");
  if (kind != CPV_JRCA_CPD_JRCA_COURSE)
    {
      cpd->purpose = g_strdup ("委託先管理の審査で確認すべき点を知るため。");
      cpd->learned = g_strdup ("委託先評価の結果をリスクアセスメントに反映する仕組みを審査で"
                               "確認すべきだと学んだ。");
    }
  id = cpv_vault_add_jrca_cpd (vault, cpd, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Stores a file unlinked, then links it with the links API (which sets the record's flag). */
static gint64
link_text (CpvVault          *vault,
           CpvJrcaRecordKind  kind,
           gint64             record_id,
           const char        *role,
           const char        *content,
           const char        *file_name,
           const char        *evidence_kind,
           const char        *tlp,
           gboolean           secret)
{
  g_autoptr(CpvEvidence) evidence = attach_text (vault, 0, content, file_name, evidence_kind, tlp,
                                                 secret);
  g_autoptr(GError) error = NULL;

  g_assert_true (cpv_vault_link_jrca_evidence (vault, kind, record_id, evidence->id, role,
                                               &error));
  g_assert_no_error (error);
  return evidence->id;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(CpvJrcaRegistration) registration = cpv_jrca_registration_new ();
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(CpvJrcaSectorWork) sector = cpv_jrca_sector_work_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CpvEvidence) big = NULL;
  g_autofree char *schedule_path = NULL;
  g_autoptr(GFile) schedule_file = NULL;
  g_autoptr(GInputStream) pattern = cpv_test_pattern_stream_new (300 * 1024, 7);
  CpvEvidenceMeta big_meta = { "certificate", "green", FALSE, "ja", "JRCA登録CPD修了証.pdf" };
  CpvJrcaAudit *audit;
  CpvVault *vault;

  cpv_test_vault_setup (&fixture->base, user_data);
  vault = fixture->base.vault;
  fixture->registry = cpv_program_registry_new_default (&error);
  g_assert_no_error (error);
  fixture->isc2 = add_credential (vault, "isc2", "CISSP", "2023-04-01", "2026-03-31");

  credential->program = g_strdup ("jrca-isms");
  credential->code = g_strdup ("ISMS-LEAD");
  credential->cycle_start = g_strdup ("2023-07-01");
  credential->cycle_end = g_strdup ("2026-06-30");
  fixture->jrca = cpv_vault_add_credential (vault, credential, &error);
  g_assert_no_error (error);

  /* A lead auditor whose expiry date comes first: the next procedure is the renewal. */
  registration->credential_id = fixture->jrca;
  registration->grade = CPV_JRCA_GRADE_LEAD;
  registration->registration_number = g_strdup ("ISA-L-01234");
  registration->maintenance_deadline = D (2026, 9, 30);
  registration->expiry_date = D (2026, 6, 30);
  registration->previous_renewal_application = D (2023, 6, 1);
  registration->previous_maintenance_application = D (2025, 6, 1);
  registration->applicant_name = g_strdup ("審査 花子");
  cpv_vault_add_jrca_registration (vault, registration, &error);
  g_assert_no_error (error);

  /* Row 1: IAF-accredited body, attested form 5A and the schedule. */
  audit = new_audit (fixture->jrca, "ひかりデータサービス株式会社", D (2023, 10, 2), TRUE);
  fixture->audits[0] = store_audit (vault, audit);
  /* Row 2: the body is not IAF-accredited: the report too (RULES.md 2.3). */
  audit = new_audit (fixture->jrca, "さくら電子工業株式会社", D (2024, 11, 5), FALSE);
  fixture->audits[1] = store_audit (vault, audit);
  /* Row 3: a schedule but no attestation: no evidence, so nothing of it goes in. */
  audit = new_audit (fixture->jrca, "株式会社みなと物流", D (2025, 12, 1), TRUE);
  fixture->audits[2] = store_audit (vault, audit);
  /* Row 4: with evidence, but its schedule is TLP:RED. */
  audit = new_audit (fixture->jrca, "株式会社つばさ商事", D (2026, 2, 10), TRUE);
  fixture->audits[3] = store_audit (vault, audit);

  fixture->a1_form_5a = link_text (vault, CPV_JRCA_RECORD_AUDIT, fixture->audits[0], "form-5a",
                                   "A1 FORM 5A SEALED", "5A署名済み.pdf", "other", NULL, FALSE);
  /* Through a real file as well: cpv_vault_attach_jrca_file. */
  schedule_path = g_build_filename (fixture->base.dir, "schedule-hikari.pdf", NULL);
  g_assert_true (g_file_set_contents (schedule_path, "A1 SCHEDULE DAY 1 AND 2", -1, NULL));
  schedule_file = g_file_new_for_path (schedule_path);
  {
    g_autoptr(CpvEvidence) schedule = cpv_vault_attach_jrca_file (vault, CPV_JRCA_RECORD_AUDIT,
                                                                  fixture->audits[0], "schedule",
                                                                  schedule_file, NULL, NULL, NULL,
                                                                  &error);

    g_assert_no_error (error);
    fixture->a1_schedule = schedule->id;
  }
  g_unlink (schedule_path);
  fixture->a2_form_5a = link_text (vault, CPV_JRCA_RECORD_AUDIT, fixture->audits[1], "form-5a",
                                   "A2 FORM 5A SEALED", "form5a-sakura.pdf", "other", NULL, FALSE);
  fixture->a2_schedule = link_text (vault, CPV_JRCA_RECORD_AUDIT, fixture->audits[1], "schedule",
                                    "A2 SCHEDULE", "審査スケジュール.pdf", "schedule", NULL, FALSE);
  fixture->a2_report = link_text (vault, CPV_JRCA_RECORD_AUDIT, fixture->audits[1], "report",
                                  "A2 REPORT MASKED", "report.pdf", "report", "amber", FALSE);
  fixture->a3_schedule = link_text (vault, CPV_JRCA_RECORD_AUDIT, fixture->audits[2], "schedule",
                                    "A3-NO-EVIDENCE-MARKER", "minato.pdf", "schedule", NULL,
                                    FALSE);
  fixture->a4_form_5a = link_text (vault, CPV_JRCA_RECORD_AUDIT, fixture->audits[3], "form-5a",
                                   "A4 FORM 5A SEALED", "tsubasa-5a.pdf", "other", NULL, FALSE);
  fixture->a4_schedule = link_text (vault, CPV_JRCA_RECORD_AUDIT, fixture->audits[3], "schedule",
                                    "RED-MARKER-CONTENT", "tsubasa-schedule.pdf", "schedule",
                                    "red", FALSE);

  /* CPD: the period runs from the previous maintenance application (2025-06-01). */
  fixture->cpd[0] = store_cpd (vault, fixture->jrca, D (2025, 9, 12), 3.5,
                               CPV_JRCA_CPD_OTHER_TRAINING, "サプライチェーンセキュリティ講演会");
  fixture->cpd[1] = store_cpd (vault, fixture->jrca, D (2026, 1, 20), 6,
                               CPV_JRCA_CPD_JRCA_COURSE, "JRCA登録CPDコース ISMS審査の実務");
  fixture->cpd[2] = store_cpd (vault, fixture->jrca, D (2026, 3, 3), 4, CPV_JRCA_CPD_SELF_STUDY,
                               "ISO/IEC 27002:2022 の自己学習");
  fixture->cpd[3] = store_cpd (vault, fixture->jrca, D (2025, 3, 1), 2,
                               CPV_JRCA_CPD_JRCA_COURSE, "前期間の研修");
  fixture->c1_notes = link_text (vault, CPV_JRCA_RECORD_CPD, fixture->cpd[0], "other",
                                 "SECRET-MARKER-CONTENT", "講演メモ.txt", "notes", "green", TRUE);
  big = cpv_vault_attach_evidence (vault, 0, pattern, &big_meta, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->c2_certificate = big->id;
  g_assert_true (cpv_vault_link_jrca_evidence (vault, CPV_JRCA_RECORD_CPD, fixture->cpd[1],
                                               big->id, "certificate", &error));
  g_assert_no_error (error);
  fixture->c4_certificate = link_text (vault, CPV_JRCA_RECORD_CPD, fixture->cpd[3], "certificate",
                                       "OLD-PERIOD-MARKER", "old.pdf", "certificate", NULL,
                                       FALSE);

  sector->credential_id = fixture->jrca;
  sector->sector = 33;
  sector->start = D (2016, 4, 1);
  sector->end = D (2020, 3, 31);
  sector->full_time = TRUE;
  sector->organisation = g_strdup ("株式会社サンプル情報システム");
  cpv_vault_add_jrca_sector_work (vault, sector, &error);
  g_assert_no_error (error);

  fixture->out = g_build_filename (fixture->base.dir, "jrca.zip", NULL);
  cpv_test_cli_set_up_in (&fixture->cli, fixture->base.dir, fixture->base.path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->registry);
  g_clear_pointer (&fixture->out, g_free);
  cpv_test_vault_teardown (&fixture->base, user_data);
  cpv_test_cli_tear_down (&fixture->cli);
}

static void
jrca_options (Fixture        *fixture,
              CpvPackOptions *options)
{
  memset (options, 0, sizeof *options);
  options->jrca_credential_id = fixture->jrca;
  options->date = D (2026, 5, 15);
}

static CpvPackResult *
write_pack (Fixture              *fixture,
            const CpvPackOptions *options)
{
  return cpv_test_write_pack (fixture->base.vault, fixture->registry, options, fixture->out);
}

static char *
unpack_dir (Fixture    *fixture,
            const char *name)
{
  return cpv_test_unpack_dir (fixture->base.dir, name);
}

static gint64
int_attribute (xmlNodePtr  node,
               const char *name)
{
  g_autofree char *value = cpv_test_xml_attribute (node, name);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* What an unpacked pack holds, read from its manifest after checking every file in it. */
typedef struct
{
  GPtrArray  *evidence_ids;   /* of gint64*, included files */
  GPtrArray  *excluded_ids;   /* of gint64*, left out */
  GPtrArray  *form_5a_ids;    /* of gint64*, the audit record of each form 5A */
  GHashTable *paths;          /* path -> role */
  guint       audit_refs;     /* <jrca-record kind="audit"> of included files */
  char       *manifest;       /* the text */
} Unpacked;

static void
unpacked_clear (Unpacked *unpacked)
{
  g_ptr_array_unref (unpacked->evidence_ids);
  g_ptr_array_unref (unpacked->excluded_ids);
  g_ptr_array_unref (unpacked->form_5a_ids);
  g_hash_table_unref (unpacked->paths);
  g_free (unpacked->manifest);
}

static gboolean
has_id (GPtrArray *ids,
        gint64     id)
{
  for (guint i = 0; i < ids->len; i++)
    if (*(gint64 *) ids->pdata[i] == id)
      return TRUE;
  return FALSE;
}

/* The manifest validates against the schema; every file of it is in @dir with its size and
 * SHA-256; every evidence file holds exactly the vault's bytes. */
static void
check_unpacked (Fixture    *fixture,
                const char *dir,
                Unpacked   *unpacked)
{
  g_autofree char *manifest = g_build_filename (dir, "manifest.xml", NULL);
  xmlDocPtr doc;

  unpacked->evidence_ids = g_ptr_array_new_with_free_func (g_free);
  unpacked->excluded_ids = g_ptr_array_new_with_free_func (g_free);
  unpacked->form_5a_ids = g_ptr_array_new_with_free_func (g_free);
  unpacked->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  unpacked->audit_refs = 0;
  g_assert_true (g_file_get_contents (manifest, &unpacked->manifest, NULL, NULL));
  cpv_test_pack_check_manifest (dir);

  doc = xmlReadFile (manifest, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  for (xmlNodePtr node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      g_autofree char *form = NULL;
      gint64 id;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (node->name, BAD_CAST "excluded"))
        {
          g_ptr_array_add (unpacked->excluded_ids,
                           g_memdup2 (&(gint64) { int_attribute (node, "evidence-id") },
                                      sizeof (gint64)));
          continue;
        }
      if (!xmlStrEqual (node->name, BAD_CAST "file"))
        continue;
      id = cpv_test_pack_check_file (fixture->base.vault, dir, node);
      g_hash_table_insert (unpacked->paths, cpv_test_xml_attribute (node, "path"),
                           cpv_test_xml_attribute (node, "role"));
      form = cpv_test_xml_attribute (node, "form");
      if (g_strcmp0 (form, "5a") == 0)
        g_ptr_array_add (unpacked->form_5a_ids,
                         g_memdup2 (&(gint64) { int_attribute (node, "record-id") },
                                    sizeof (gint64)));
      if (id != 0)
        {
          g_ptr_array_add (unpacked->evidence_ids, g_memdup2 (&id, sizeof id));
          for (xmlNodePtr ref = node->children; ref != NULL; ref = ref->next)
            {
              g_autofree char *kind = NULL;

              if (ref->type != XML_ELEMENT_NODE)
                continue;
              /* JRCA packs name records, not activities. */
              g_assert_true (xmlStrEqual (ref->name, BAD_CAST "jrca-record"));
              kind = cpv_test_xml_attribute (ref, "kind");
              if (g_strcmp0 (kind, "audit") == 0)
                unpacked->audit_refs++;
            }
        }
    }
  xmlFreeDoc (doc);
}

static char *
pdf_text (const char *pdf)
{
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", "-raw", pdf, "-", NULL };
  g_autofree char *raw = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (cpv_test_run_tool (pdftotext, &raw), ==, 0);
  /* Without the line breaks that wrapping puts inside table cells. */
  lines = g_strsplit (raw, "\n", -1);
  return g_strjoinv ("", lines);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_test_message ("missing \"%s\" in:\n%s", needle, text);
  g_assert_nonnull (strstr (text, needle));
}

static void
assert_file_is (const char *path,
                const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_renewal_bsdtar_and_7z (Fixture       *fixture,
                            gconstpointer  user_data)
{
  CpvPackOptions options;
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *bsdtar_dir = unpack_dir (fixture, "bsdtar");
  g_autofree char *sevenz_dir = unpack_dir (fixture, "7z");
  g_autofree char *output_option = g_strconcat ("-o", sevenz_dir, NULL);
  const char *bsdtar[] = { "bsdtar", "-xf", fixture->out, "-C", bsdtar_dir, NULL };
  const char *sevenz[] = { "7z", "x", "-y", output_option, fixture->out, NULL };
  const gint64 packed[] = { fixture->a1_form_5a, fixture->a1_schedule, fixture->a2_form_5a,
                            fixture->a2_schedule, fixture->a2_report, fixture->a4_form_5a,
                            fixture->c2_certificate };
  const char *dirs[] = { bsdtar_dir, sevenz_dir };

  /* No procedure given: the registration's next one, the renewal (expiry date first). */
  jrca_options (fixture, &options);
  result = write_pack (fixture, &options);
  g_assert_cmpuint (result->jrca_procedure, ==, CPV_JRCA_PROCEDURE_RENEWAL);
  g_assert_cmpuint (result->n_evidence, ==, G_N_ELEMENTS (packed));
  g_assert_cmpuint (result->n_excluded, ==, 2);
  /* checklist, 5D, three 5A, 4A, 4B, 2C, the evidence, the manifest */
  g_assert_cmpuint (result->n_files, ==, 8 + G_N_ELEMENTS (packed) + 1);

  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);
  g_assert_cmpint (cpv_test_run_tool (sevenz, NULL), ==, 0);
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      Unpacked unpacked;

      check_unpacked (fixture, dirs[d], &unpacked);
      assert_contains (unpacked.manifest, "jrca-procedure=\"renewal\"");
      assert_contains (unpacked.manifest, "application-date=\"2026-05-15\"");
      assert_contains (unpacked.manifest, "registration-number=\"ISA-L-01234\"");
      g_assert_cmpuint (unpacked.evidence_ids->len, ==, G_N_ELEMENTS (packed));
      for (guint i = 0; i < G_N_ELEMENTS (packed); i++)
        g_assert_true (has_id (unpacked.evidence_ids, packed[i]));
      /* JRCA-RENEW-1: nothing of the record without evidence, nor of CPD outside the period. */
      g_assert_false (has_id (unpacked.evidence_ids, fixture->a3_schedule));
      g_assert_false (has_id (unpacked.evidence_ids, fixture->c4_certificate));
      g_assert_false (has_id (unpacked.excluded_ids, fixture->a3_schedule));
      g_assert_false (cpv_test_tree_contains (dirs[d], "A3-NO-EVIDENCE-MARKER"));
      g_assert_false (cpv_test_tree_contains (dirs[d], "OLD-PERIOD-MARKER"));
      /* Seed 004 7. c): a form 5A exactly for the records with evidence (rows 1, 2, 4). */
      g_assert_cmpuint (unpacked.form_5a_ids->len, ==, 3);
      g_assert_true (has_id (unpacked.form_5a_ids, fixture->audits[0]));
      g_assert_true (has_id (unpacked.form_5a_ids, fixture->audits[1]));
      g_assert_false (has_id (unpacked.form_5a_ids, fixture->audits[2]));
      g_assert_true (has_id (unpacked.form_5a_ids, fixture->audits[3]));
      /* COUNCIL names, numbered after the forms' rows. */
      g_assert_true (g_hash_table_contains (unpacked.paths, "提出チェックリスト.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths, "様式5D_有効な審査実績の一覧.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths,
                                            "様式5A_01_ひかりデータサービス株式会社.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths,
                                            "様式5A_04_株式会社つばさ商事.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths, "様式4A_CPD実績の記録（A）.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths, "様式4B_CPD実績の記録（B）.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths,
                                            "様式2C_業務経験のある事業分野申請書.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths,
                                            "evidence/5D-01_審査スケジュール_schedule-hikari.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths,
                                            "evidence/5D-02_審査報告書_report.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths,
                                            "evidence/5D-02_審査スケジュール_審査スケジュール.pdf"));
      g_assert_true (g_hash_table_contains (unpacked.paths,
                                            "evidence/4A-02_修了証_JRCA登録CPD修了証.pdf"));
      unpacked_clear (&unpacked);
    }
}

static void
test_maintenance_no_audit_evidence (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  CpvPackOptions options;
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *dir = unpack_dir (fixture, "maintenance");
  g_autofree char *checklist = g_build_filename (dir, "checklist.pdf", NULL);
  g_autofree char *form_5d = g_build_filename (dir, "form-5d.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *text_5d = NULL;
  const char *bsdtar[] = { "bsdtar", "-xf", fixture->out, "-C", dir, NULL };
  Unpacked unpacked;

  jrca_options (fixture, &options);
  options.jrca_procedure = CPV_JRCA_PROCEDURE_MAINTENANCE;
  options.names = CPV_PACK_NAMES_ASCII;
  result = write_pack (fixture, &options);
  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);
  check_unpacked (fixture, dir, &unpacked);

  /* JRCA-MAINT-1 / seed 004 6. b): 維持申請では審査のエビデンスは不要. */
  assert_contains (unpacked.manifest, "jrca-procedure=\"maintenance\"");
  g_assert_cmpuint (unpacked.audit_refs, ==, 0);
  g_assert_cmpuint (unpacked.form_5a_ids->len, ==, 0);
  g_assert_false (has_id (unpacked.evidence_ids, fixture->a1_schedule));
  g_assert_false (has_id (unpacked.excluded_ids, fixture->a4_schedule));
  g_assert_false (cpv_test_tree_contains (dir, "SEALED"));
  /* … but form 5D and form 4A, and the CPD files of form 4A. */
  g_assert_true (g_hash_table_contains (unpacked.paths, "form-5d.pdf"));
  g_assert_true (g_hash_table_contains (unpacked.paths, "form-4a.pdf"));
  g_assert_true (g_hash_table_contains (unpacked.paths, "form-4b.pdf"));
  /* Seed 004 6. b): 5D lists what came after the previous maintenance application
   * (2025-06-01), not the whole renewal period. */
  text_5d = pdf_text (form_5d);
  assert_contains (text_5d, "株式会社みなと物流");
  assert_contains (text_5d, "株式会社つばさ商事");
  g_assert_null (strstr (text_5d, "ひかりデータ"));
  g_assert_null (strstr (text_5d, "さくら電子工業"));
  g_assert_true (g_hash_table_contains (unpacked.paths, "form-2c.pdf"));
  g_assert_true (has_id (unpacked.evidence_ids, fixture->c2_certificate));
  g_assert_true (g_hash_table_contains (unpacked.paths,
                                        "evidence/4a-02_certificate_JRCA_CPD.pdf"));
  g_assert_cmpuint (result->n_evidence, ==, 1);
  g_assert_cmpuint (result->n_excluded, ==, 1);   /* the secret CPD notes */

  /* The checklist names what the app cannot make: form 1-I, form 8, the 5D pledge. */
  text = pdf_text (checklist);
  assert_contains (text, "1-I");
  assert_contains (text, "Form 8");
  assert_contains (text, "Form 5D: sign it");
  g_assert_null (strstr (text, "Photo"));
  unpacked_clear (&unpacked);
}

static void
test_5d_text (Fixture       *fixture,
              gconstpointer  user_data)
{
  CpvPackOptions options;
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *dir = unpack_dir (fixture, "forms");
  g_autofree char *form_5d = g_build_filename (dir, "form-5d.pdf", NULL);
  g_autofree char *form_5a = g_build_filename (dir, "form-5a-02.pdf", NULL);
  g_autofree char *checklist = g_build_filename (dir, "checklist.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *text_5a = NULL;
  g_autofree char *text_checklist = NULL;
  g_autoptr(CpvJrcaRegistration) registration = NULL;
  const char *bsdtar[] = { "bsdtar", "-xf", fixture->out, "-C", dir, NULL };

  jrca_options (fixture, &options);
  options.names = CPV_PACK_NAMES_ASCII;
  options.jrca_procedure = CPV_JRCA_PROCEDURE_RENEWAL;
  result = write_pack (fixture, &options);
  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);

  /* JRCA-5D: every record of the ~3 years, oldest first, and the applicant's name from the
   * registration. */
  text = pdf_text (form_5d);
  registration = cpv_vault_get_jrca_registration (fixture->base.vault, fixture->jrca, NULL);
  g_assert_cmpstr (registration->applicant_name, ==, "審査 花子");
  assert_contains (text, "審査 花子");
  assert_contains (text, "ISA-L-01234");
  assert_contains (text, "ひかりデータサービス株式会社");
  assert_contains (text, "さくら電子工業株式会社");
  assert_contains (text, "株式会社みなと物流");
  assert_contains (text, "株式会社つばさ商事");
  g_assert_true (strstr (text, "ひかりデータ") < strstr (text, "株式会社つばさ商事"));

  text_5a = pdf_text (form_5a);
  assert_contains (text_5a, "さくら電子工業株式会社");
  g_assert_null (strstr (text_5a, "ひかりデータ"));

  /* Renewal: the pledge for the record without evidence, and the optional photo. */
  text_checklist = pdf_text (checklist);
  assert_contains (text_checklist, "Form 5D row 3 has no evidence");
  assert_contains (text_checklist, "Photo");
  assert_contains (text_checklist, "form-5a-04.pdf");

  /* --name wins over the registration's name. */
  g_clear_pointer (&result, cpv_pack_result_free);
  g_clear_pointer (&text, g_free);
  cpv_test_rm_rf (dir);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  options.member = "Hanako Shinsa";
  result = write_pack (fixture, &options);
  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);
  text = pdf_text (form_5d);
  assert_contains (text, "Hanako Shinsa");
  g_assert_null (strstr (text, "審査 花子"));
  g_clear_pointer (&text, g_free);
  text = pdf_text (checklist);
  assert_contains (text, "Applicant: Hanako Shinsa");
}

static void
test_red_and_secret (Fixture       *fixture,
                     gconstpointer  user_data)
{
  CpvPackOptions options;
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *dir = unpack_dir (fixture, "tlp");
  g_autofree char *dir2 = unpack_dir (fixture, "tlp2");
  const char *bsdtar[] = { "bsdtar", "-xf", fixture->out, "-C", dir, NULL };
  const char *bsdtar2[] = { "bsdtar", "-xf", fixture->out, "-C", dir2, NULL };
  gint64 both[2] = { fixture->a4_schedule, fixture->c1_notes };
  gint64 unknown = fixture->a3_schedule;
  g_autoptr(GError) error = NULL;
  Unpacked unpacked;

  jrca_options (fixture, &options);
  result = write_pack (fixture, &options);
  g_assert_cmpint (cpv_test_run_tool (bsdtar, NULL), ==, 0);
  check_unpacked (fixture, dir, &unpacked);
  /* COUNCIL-TLP-1: left out, and the manifest says which and why, with their records. */
  g_assert_false (cpv_test_tree_contains (dir, "RED-MARKER-CONTENT"));
  g_assert_false (cpv_test_tree_contains (dir, "SECRET-MARKER-CONTENT"));
  g_assert_true (has_id (unpacked.excluded_ids, fixture->a4_schedule));
  g_assert_true (has_id (unpacked.excluded_ids, fixture->c1_notes));
  assert_contains (unpacked.manifest, "reason=\"TLP:RED\"");
  assert_contains (unpacked.manifest, "reason=\"secret\"");
  assert_contains (unpacked.manifest, "<jrca-record kind=\"audit\" id=\"");
  assert_contains (unpacked.manifest, "row=\"4\" role=\"schedule\"");
  assert_contains (unpacked.manifest, "<jrca-record kind=\"cpd\" id=\"");
  unpacked_clear (&unpacked);

  /* Named one by one, they go in. */
  g_clear_pointer (&result, cpv_pack_result_free);
  options.include_evidence = both;
  options.n_include_evidence = 2;
  result = write_pack (fixture, &options);
  g_assert_cmpuint (result->n_excluded, ==, 0);
  g_assert_cmpint (cpv_test_run_tool (bsdtar2, NULL), ==, 0);
  g_assert_true (cpv_test_tree_contains (dir2, "RED-MARKER-CONTENT"));
  g_assert_true (cpv_test_tree_contains (dir2, "SECRET-MARKER-CONTENT"));

  /* A file the pack would not hold cannot be included: nothing is written. */
  g_clear_pointer (&result, cpv_pack_result_free);
  g_assert_cmpint (g_unlink (fixture->out), ==, 0);
  options.include_evidence = &unknown;
  options.n_include_evidence = 1;
  g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                       fixture->out, NULL, &error));
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID);
  g_assert_false (g_file_test (fixture->out, G_FILE_TEST_EXISTS));
}

static void
test_encrypted (Fixture       *fixture,
                gconstpointer  user_data)
{
  CpvPackOptions options;
  g_autoptr(CpvPackResult) result = NULL;
  g_autoptr(CpvPackVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good_dir = unpack_dir (fixture, "good");
  g_autofree char *bad_dir = unpack_dir (fixture, "bad");
  g_autofree char *good_output = g_strconcat ("-o", good_dir, NULL);
  g_autofree char *bad_output = g_strconcat ("-o", bad_dir, NULL);
  g_autofree char *password = NULL;
  Unpacked unpacked;

  jrca_options (fixture, &options);
  options.encrypt = TRUE;
  result = write_pack (fixture, &options);
  g_assert_nonnull (result->passphrase);
  password = g_strconcat ("-p", result->passphrase, NULL);
  {
    const char *good[] = { "7z", "x", "-y", password, good_output, fixture->out, NULL };
    const char *bad[] = { "7z", "x", "-y", "-pnot-the-passphrase", bad_output, fixture->out,
                          NULL };

    g_assert_cmpint (cpv_test_run_tool (good, NULL), ==, 0);
    check_unpacked (fixture, good_dir, &unpacked);
    g_assert_cmpuint (unpacked.evidence_ids->len, ==, result->n_evidence);
    unpacked_clear (&unpacked);
    g_assert_cmpint (cpv_test_run_tool (bad, NULL), !=, 0);
    g_assert_false (cpv_test_tree_contains (bad_dir, "A1 SCHEDULE"));
  }

  verification = cpv_pack_verify (fixture->out, result->passphrase, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verification->encrypted);
  g_assert_cmpuint (verification->problems->len, ==, 0);
  g_assert_cmpuint (verification->n_verified, ==, result->n_files - 1);
  g_assert_cmpuint (verification->n_files, ==, result->n_files - 1);
  g_clear_pointer (&verification, cpv_pack_verification_free);

  verification = cpv_pack_verify (fixture->out, NULL, NULL, &error);
  g_assert_null (verification);
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE);
  g_clear_error (&error);
  verification = cpv_pack_verify (fixture->out, "wrong-passphrase", NULL, &error);
  g_assert_null (verification);
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE);
}

static void
test_ascii_names (Fixture       *fixture,
                  gconstpointer  user_data)
{
  CpvPackOptions options;
  g_autoptr(CpvPackResult) result = NULL;
  g_autofree char *listing = NULL;
  const char *list[] = { "bsdtar", "-tf", fixture->out, NULL };
  const char *expected[] = {
    "checklist.pdf\n", "form-5d.pdf\n", "form-5a-01.pdf\n", "form-5a-02.pdf\n",
    "form-5a-04.pdf\n", "form-4a.pdf\n", "form-4b.pdf\n", "form-2c.pdf\n",
    "evidence/5d-01_form-5a_5A.pdf\n", "evidence/5d-01_schedule_schedule-hikari.pdf\n",
    "evidence/5d-02_form-5a_form5a-sakura.pdf\n", "evidence/5d-02_schedule.pdf\n",
    "evidence/5d-02_report_report.pdf\n", "evidence/5d-04_form-5a_tsubasa-5a.pdf\n",
    "evidence/4a-02_certificate_JRCA_CPD.pdf\n", "manifest.xml\n",
  };
  guint lines = 0;

  jrca_options (fixture, &options);
  options.names = CPV_PACK_NAMES_ASCII;
  result = write_pack (fixture, &options);
  g_assert_cmpint (cpv_test_run_tool (list, &listing), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_contains (listing, expected[i]);
  /* The checklist first, the manifest last; nothing else, all ASCII. */
  g_assert_true (g_str_has_prefix (listing, "checklist.pdf\n"));
  g_assert_true (g_str_has_suffix (listing, "manifest.xml\n"));
  for (const char *p = listing; *p != '\0'; p++)
    {
      g_assert_cmpint ((guchar) *p, <, 0x80);
      lines += *p == '\n';
    }
  g_assert_cmpuint (lines, ==, G_N_ELEMENTS (expected));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  CpvPackOptions options;
  g_autoptr(CpvJrcaRegistration) assistant = cpv_jrca_registration_new ();
  g_autoptr(CpvCredential) credential = cpv_credential_new ();
  g_autoptr(GError) error = NULL;
  gint64 bare;

  /* Not a JRCA credential. */
  jrca_options (fixture, &options);
  options.jrca_credential_id = fixture->isc2;
  g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                       fixture->out, NULL, &error));
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID);
  assert_contains (error->message, "not a JRCA registration");
  g_assert_false (g_file_test (fixture->out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* No such credential. */
  options.jrca_credential_id = 9999;
  g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                       fixture->out, NULL, &error));
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Two subjects at once. */
  jrca_options (fixture, &options);
  options.credential_id = fixture->isc2;
  g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                       fixture->out, NULL, &error));
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID);
  g_clear_error (&error);

  /* A JRCA credential without a registration. */
  credential->program = g_strdup ("jrca-isms");
  credential->code = g_strdup ("ISMS-ASSISTANT");
  credential->cycle_start = g_strdup ("2025-10-01");
  credential->cycle_end = g_strdup ("2028-09-30");
  bare = cpv_vault_add_credential (fixture->base.vault, credential, &error);
  g_assert_no_error (error);
  jrca_options (fixture, &options);
  options.jrca_credential_id = bare;
  g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                       fixture->out, NULL, &error));
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID);
  assert_contains (error->message, "no JRCA registration");
  g_clear_error (&error);

  /* An assistant (no form 5D) with no CPD and no sectors: nothing at all to pack. */
  assistant->credential_id = bare;
  assistant->grade = CPV_JRCA_GRADE_ASSISTANT;
  assistant->maintenance_deadline = D (2026, 9, 30);
  assistant->expiry_date = D (2028, 9, 30);
  cpv_vault_add_jrca_registration (fixture->base.vault, assistant, &error);
  g_assert_no_error (error);
  g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                       fixture->out, NULL, &error));
  g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID);
  assert_contains (error->message, "nothing to pack");
  g_assert_false (g_file_test (fixture->out, G_FILE_TEST_EXISTS));
}

/* A pack that fails half-way (here: the file-size limit) leaves no file behind, and an older
 * pack of the same name is left as it was. */
static void
test_write_failure_leaves_nothing (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      CpvPackOptions options;
      g_autoptr(GError) error = NULL;
      g_autofree char *older = g_build_filename (fixture->base.dir, "older.zip", NULL);
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      g_assert_true (g_file_set_contents (older, "OLDER PACK", -1, NULL));
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      jrca_options (fixture, &options);
      g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                           fixture->out, NULL, &error));
      g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO);
      g_assert_false (g_file_test (fixture->out, G_FILE_TEST_EXISTS));
      g_clear_error (&error);
      g_assert_null (cpv_vault_write_pack (fixture->base.vault, fixture->registry, &options,
                                           older, NULL, &error));
      g_assert_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO);
      assert_file_is (older, "OLDER PACK");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The CLI: pack --jrca, then pack verify. */
#define run_cli(fixture, ...) cpv_test_cli_run (&(fixture)->cli, __VA_ARGS__)

static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *jrca = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->jrca);
  g_autofree char *isc2 = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->isc2);

  g_assert_cmpint (run_cli (fixture, "pack", "--help", NULL), ==, 0);
  assert_contains (fixture->cli.out, "--jrca=CREDENTIAL_ID");
  assert_contains (fixture->cli.out, "--procedure=PROCEDURE");

  g_assert_cmpint (run_cli (fixture, "pack", "--jrca", jrca, "--procedure", "maintenance",
                            "--name", "審査 花子", "--date", "2026-05-15", "--names", "ascii",
                            "--out", fixture->out, NULL), ==, 0);
  assert_contains (fixture->cli.out, "1 evidence file (");
  assert_contains (fixture->cli.out, "1 left out");
  assert_contains (fixture->cli.out, "JRCA maintenance application");
  g_assert_cmpint (run_cli (fixture, "pack", "verify", fixture->out, NULL), ==, 0);
  assert_contains (fixture->cli.out, "match the manifest");

  /* Usage errors: a bad procedure, --procedure without --jrca, two subjects. */
  g_assert_cmpint (run_cli (fixture, "pack", "--jrca", jrca, "--procedure", "upgrade",
                            "--out", fixture->out, NULL), !=, 0);
  g_assert_cmpint (run_cli (fixture, "pack", "--credential", isc2, "--procedure",
                            "renewal", "--out", fixture->out, NULL), !=, 0);
  g_assert_cmpint (run_cli (fixture, "pack", "--credential", isc2, "--jrca", jrca,
                            "--out", fixture->out, NULL), !=, 0);
  /* Not a JRCA credential: refused, and the earlier pack is left as it was. */
  g_assert_cmpint (run_cli (fixture, "pack", "--jrca", isc2, "--out", fixture->out, NULL),
                   !=, 0);
  g_assert_cmpint (run_cli (fixture, "pack", "verify", fixture->out, NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pack/JRCA-RENEW-1/renewal-bsdtar-and-7z", test_renewal_bsdtar_and_7z);
  ADD ("/pack/JRCA-MAINT-1/maintenance-no-audit-evidence", test_maintenance_no_audit_evidence);
  ADD ("/pack/JRCA-5D/form-text-and-applicant", test_5d_text);
  ADD ("/pack/COUNCIL-TLP-1/jrca-red-and-secret", test_red_and_secret);
  ADD ("/pack/COUNCIL-SUBMIT-1/jrca-encrypted", test_encrypted);
  ADD ("/pack/COUNCIL-NAME-1/jrca-ascii-names", test_ascii_names);
  ADD ("/pack/JRCA-GRADE-1/refused", test_refused);
  ADD ("/pack/jrca/write-failure-leaves-nothing", test_write_failure_leaves_nothing);
  ADD ("/pack/jrca/cli", test_cli);
#undef ADD

  status = g_test_run ();

  /* Drop the font caches so that leak checkers see only what the pack code leaves behind. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
