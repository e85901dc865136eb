/* cpv-portable.c — the portable XML export of a vault, and its import
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-portable"

#include "config.h"

#include "cpv-portable.h"

#include "cpv-date.h"
#include "cpv-evidence.h"
#include "cpv-jrca-evidence.h"
#include "cpv-jrca-store.h"
#include "cpv-records.h"
#include "cpv-vault-private.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <string.h>

/* The format (data/schemas/vault-export.rng, docs/RULES-FLOW.md) is a faithful dump of the
 * vault's tables, described below as data: each table is an element, each column an
 * attribute, child tables nest inside the record they belong to, and integer ids become
 * document-local ids ("c1", "e1", "a1") numbered in the vault's order. Because the import
 * inserts the records in document order, a new vault numbers them in the same order, and a
 * second export gives the same document byte for byte.
 *
 * Export streams: rows are written as they are stepped, evidence bytes are base64-encoded
 * 48 KiB at a time from cpv_vault_open_evidence(). Import reads the file twice with an
 * xmlTextReader: the first pass validates everything (RelaxNG while streaming, values,
 * references, base64, sizes and hashes) without touching the vault; the second writes it in
 * one transaction, so that an invalid file changes nothing.
 *
 * The files of a JRCA record (<file evidence="e3" role="schedule"/> inside <jrca-audit> and
 * <jrca-cpd>) name evidence written later in the document: those rows are kept aside while
 * reading and checked and inserted at the end, once every evidence id is known. */

#define EXPORT_VERSION "1"
#define ROOT_ELEMENT "cpe-vault-export"
#define EXPORT_CHUNK_BYTES (48 * 1024)   /* a multiple of 3: no base64 padding mid-file */

G_DEFINE_QUARK (cpv-portable-error-quark, cpv_portable_error)

typedef enum
{
  COLUMN_TEXT,
  COLUMN_DATE,
  COLUMN_INT,
  COLUMN_REAL,
  COLUMN_BOOL,
  COLUMN_REF,
} ColumnType;

enum
{
  COLUMN_REQUIRED = 1 << 0,
  COLUMN_DEFERRED = 1 << 1,  /* a reference that may point forward: set after every insert */
};

typedef struct
{
  const char *column;
  const char *attribute;
  ColumnType  type;
  guint       flags;
  const char *ref_prefix;    /* COLUMN_REF: the id prefix of the table referred to */
  const char *fallback;      /* bound when the attribute is absent (NOT NULL DEFAULT columns) */
} Column;

typedef struct _Table Table;
typedef gboolean (*CheckFunc) (const Table  *table,
                               char        **values,
                               const Table  *parent,
                               char        **parent_values,
                               GError      **error);

struct _Table
{
  const char         *table;
  const char         *element;
  const char         *what;          /* for people, in messages; marked N_(), shown with _() */
  const char         *id_prefix;     /* records others refer to; NULL otherwise */
  const char         *parent_column; /* child tables: the column naming the enclosing record */
  const char         *order_by;
  const Column       *columns;       /* ends with { NULL } */
  const Table *const *children;      /* NULL-terminated, or NULL */
  CheckFunc           check;
  gboolean            rows_at_end;   /* child rows naming records later in the document
                                      * (COLUMN_DEFERRED): checked and inserted at the end */
};

#define REQ COLUMN_REQUIRED

/* ---- record checks: the core's validators, on records built from the file ---------------- */

static int
column_index (const Table *table,
              const char  *column)
{
  for (int i = 0; table->columns[i].column != NULL; i++)
    if (strcmp (table->columns[i].column, column) == 0)
      return i;
  g_return_val_if_reached (-1);
}

static const char *
value_of (const Table  *table,
          char        **values,
          const char   *column)
{
  int i = column_index (table, column);

  return i < 0 ? NULL : values[i];
}

static CpvDay
day_of (const Table  *table,
        char        **values,
        const char   *column)
{
  CpvDay day = 0;
  const char *text = value_of (table, values, column);

  if (text != NULL && !cpv_day_parse (text, &day))
    return 0;
  return day;
}

static double
number_of (const Table  *table,
           char        **values,
           const char   *column,
           double        absent)
{
  const char *text = value_of (table, values, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : absent;
}

static gboolean
flag_of (const Table  *table,
         char        **values,
         const char   *column)
{
  return g_strcmp0 (value_of (table, values, column), "true") == 0;
}

static gboolean
check_credential (const Table  *table,
                  char        **values,
                  const Table  *parent,
                  char        **parent_values,
                  GError      **error)
{
  g_autoptr(CpvCredential) credential = cpv_credential_new ();

  credential->program = g_strdup (value_of (table, values, "program"));
  credential->code = g_strdup (value_of (table, values, "code"));
  credential->cycle_start = g_strdup (value_of (table, values, "cycle_start"));
  credential->cycle_end = g_strdup (value_of (table, values, "cycle_end"));
  credential->member_since = g_strdup (value_of (table, values, "member_since"));
  return cpv_credential_validate (credential, error);
}

static gboolean
check_activity (const Table  *table,
                char        **values,
                const Table  *parent,
                char        **parent_values,
                GError      **error)
{
  g_autoptr(CpvActivity) activity = cpv_activity_new ();

  activity->title = g_strdup (value_of (table, values, "title"));
  activity->category = g_strdup (value_of (table, values, "category"));
  activity->start_date = g_strdup (value_of (table, values, "start_date"));
  activity->end_date = g_strdup (value_of (table, values, "end_date"));
  activity->hours = number_of (table, values, "hours", -1);
  activity->credits = number_of (table, values, "credits", 0);
  return cpv_activity_validate (activity, error);
}

static gboolean
check_jrca_registration (const Table  *table,
                         char        **values,
                         const Table  *parent,
                         char        **parent_values,
                         GError      **error)
{
  CpvJrcaRegistration *registration = cpv_jrca_registration_new ();
  gboolean ok;

  ok = cpv_jrca_grade_from_key (value_of (table, values, "grade"), &registration->grade) &&
       cpv_jrca_grade_from_key (value_of (table, values, "expert_kept_grade"),
                                &registration->expert_kept_grade);
  registration->maintenance_deadline = day_of (table, values, "maintenance_deadline");
  registration->expiry_date = day_of (table, values, "expiry_date");
  registration->previous_maintenance_application =
    day_of (table, values, "previous_maintenance_application");
  registration->previous_renewal_application =
    day_of (table, values, "previous_renewal_application");
  registration->downgrade_date = day_of (table, values, "downgrade_date");
  registration->cpd_hours_required = number_of (table, values, "cpd_hours_required", -1);
  registration->applicant_name = g_strdup (value_of (table, values, "applicant_name"));
  if (!ok)
    g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                         _("The JRCA grade must be assistant, auditor, lead or expert."));
  else
    ok = cpv_jrca_registration_validate (registration, error);
  cpv_jrca_registration_free (registration);
  return ok;
}

static gboolean
check_other_lead_ms (const Table  *table,
                     char        **values,
                     const Table  *parent,
                     char        **parent_values,
                     GError      **error)
{
  if (g_ascii_strcasecmp (value_of (table, values, "ms"), "ISMS") == 0)
    {
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                           _("List only management systems other than ISMS as those in which "
                             "you are a JRCA lead auditor."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_jrca_audit (const Table  *table,
                  char        **values,
                  const Table  *parent,
                  char        **parent_values,
                  GError      **error)
{
  CpvJrcaAudit *audit = cpv_jrca_audit_new ();
  gboolean ok;

  audit->organisation = g_strdup (value_of (table, values, "organisation"));
  audit->management_system = g_strdup (value_of (table, values, "management_system"));
  audit->onsite_start = day_of (table, values, "onsite_start");
  audit->onsite_end = day_of (table, values, "onsite_end");
  audit->team_lead_number = g_strdup (value_of (table, values, "team_lead_number"));
  audit->isms_roles = (guint) number_of (table, values, "isms_roles", 0);
  ok = cpv_jrca_role_from_key (value_of (table, values, "role"), &audit->role) &&
       cpv_jrca_team_lead_from_key (value_of (table, values, "team_lead"), &audit->team_lead);
  if (!ok)
    g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                         _("The role must be leader, member, ojt or observer, and the team lead "
                           "none, self or other."));
  else
    ok = cpv_jrca_audit_validate (audit, error);
  cpv_jrca_audit_free (audit);
  return ok;
}

static gboolean
check_jrca_audit_day (const Table  *table,
                      char        **values,
                      const Table  *parent,
                      char        **parent_values,
                      GError      **error)
{
  CpvDay date = day_of (table, values, "day");
  CpvDay start = day_of (parent, parent_values, "onsite_start");
  CpvDay end = day_of (parent, parent_values, "onsite_end");
  double hours = number_of (table, values, "isms_hours", 0);

  if (date < start || date > end)
    {
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                           _("Each audit day must fall between the first and the last on-site "
                             "day."));
      return FALSE;
    }
  if (hours < 0 || hours > 24)
    {
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                           _("The ISMS hours of an audit day must be between 0 and 24."));
      return FALSE;
    }
  return TRUE;
}

/* <file> of a <jrca-audit> or <jrca-cpd>: a role that fits the record kind. */
static gboolean
check_jrca_file (const Table  *table,
                 char        **values,
                 const Table  *parent,
                 char        **parent_values,
                 GError      **error)
{
  CpvJrcaRecordKind kind = strcmp (table->table, "jrca_cpd_evidence") == 0
                           ? CPV_JRCA_RECORD_CPD : CPV_JRCA_RECORD_AUDIT;
  const char *role = value_of (table, values, "role");
  g_autofree char *known = NULL;

  if (cpv_jrca_evidence_role_is_valid (kind, role))
    return TRUE;
  known = g_strjoinv (", ", (char **) cpv_jrca_evidence_roles (kind));
  if (kind == CPV_JRCA_RECORD_AUDIT)
    g_set_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                 _("“%s” is not a role for a file of an audit record; use one of: %s."),
                 role, known);
  else
    g_set_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                 _("“%s” is not a role for a file of a CPD record; use one of: %s."),
                 role, known);
  return FALSE;
}

static gboolean
check_jrca_cpd (const Table  *table,
                char        **values,
                const Table  *parent,
                char        **parent_values,
                GError      **error)
{
  CpvJrcaCpd *cpd = cpv_jrca_cpd_new ();
  gboolean ok;

  cpd->date = day_of (table, values, "day");
  cpd->hours = number_of (table, values, "hours", 0);
  cpd->title = g_strdup (value_of (table, values, "title"));
  ok = cpv_jrca_cpd_kind_from_key (value_of (table, values, "kind"), &cpd->kind);
  if (!ok)
    g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                         _("The CPD kind is not one of the five of JRCA AI340."));
  else
    ok = cpv_jrca_cpd_validate (cpd, error);
  cpv_jrca_cpd_free (cpd);
  return ok;
}

static gboolean
check_jrca_work (const Table  *table,
                 char        **values,
                 const Table  *parent,
                 char        **parent_values,
                 GError      **error)
{
  CpvJrcaWork *work = cpv_jrca_work_new ();
  gboolean ok;

  work->start = day_of (table, values, "start_day");
  work->end = day_of (table, values, "end_day");
  work->organisation = g_strdup (value_of (table, values, "organisation"));
  work->kinds = (guint) number_of (table, values, "kinds", 0);
  ok = cpv_jrca_work_validate (work, error);
  cpv_jrca_work_free (work);
  return ok;
}

static gboolean
check_jrca_sector_work (const Table  *table,
                        char        **values,
                        const Table  *parent,
                        char        **parent_values,
                        GError      **error)
{
  CpvJrcaSectorWork *sector_work = cpv_jrca_sector_work_new ();
  gboolean ok;

  sector_work->sector = (guint) number_of (table, values, "sector", 0);
  sector_work->start = day_of (table, values, "start_day");
  sector_work->end = day_of (table, values, "end_day");
  sector_work->full_time = flag_of (table, values, "full_time");
  sector_work->organisation = g_strdup (value_of (table, values, "organisation"));
  ok = cpv_jrca_sector_work_validate (sector_work, error);
  cpv_jrca_sector_work_free (sector_work);
  return ok;
}

/* ---- the tables ------------------------------------------------------------------------- */

static const Column credential_columns[] = {
  { "program", "program", COLUMN_TEXT, REQ, NULL, NULL },
  { "code", "code", COLUMN_TEXT, REQ, NULL, NULL },
  { "cycle_start", "cycle-start", COLUMN_DATE, REQ, NULL, NULL },
  { "cycle_end", "cycle-end", COLUMN_DATE, REQ, NULL, NULL },
  { "member_since", "member-since", COLUMN_DATE, 0, NULL, NULL },
  { "created", "created", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table credential_table = {
  "credential", "credential", N_("credential"), "c", NULL, "id",
  credential_columns, NULL, check_credential
};

static const Column other_lead_ms_columns[] = {
  { "ms", "ms", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table other_lead_ms_table = {
  "jrca_other_lead_ms", "other-lead-ms", N_("management system"), NULL, "registration_id", "ms",
  other_lead_ms_columns, NULL, check_other_lead_ms
};

static const Table *const registration_children[] = { &other_lead_ms_table, NULL };

static const Column registration_columns[] = {
  { "credential_id", "credential", COLUMN_REF, REQ, "c", NULL },
  { "grade", "grade", COLUMN_TEXT, REQ, NULL, NULL },
  { "registration_number", "registration-number", COLUMN_TEXT, 0, NULL, NULL },
  { "maintenance_deadline", "maintenance-deadline", COLUMN_DATE, 0, NULL, NULL },
  { "expiry_date", "expiry-date", COLUMN_DATE, 0, NULL, NULL },
  { "previous_maintenance_application", "previous-maintenance-application", COLUMN_DATE, 0,
    NULL, NULL },
  { "previous_renewal_application", "previous-renewal-application", COLUMN_DATE, 0, NULL, NULL },
  { "reupgrade", "reupgrade", COLUMN_BOOL, 0, NULL, "false" },
  { "downgrade_date", "downgrade-date", COLUMN_DATE, 0, NULL, NULL },
  { "expert_only", "expert-only", COLUMN_BOOL, 0, NULL, "false" },
  { "expert_kept_grade", "expert-kept-grade", COLUMN_TEXT, REQ, NULL, "lead" },
  { "cpd_hours_required", "cpd-hours-required", COLUMN_REAL, 0, NULL, NULL },
  { "applicant_name", "applicant-name", COLUMN_TEXT, 0, NULL, NULL },
  { NULL }
};

static const Table registration_table = {
  "jrca_registration", "jrca-registration", N_("JRCA registration"), NULL, NULL, "id",
  registration_columns, registration_children, check_jrca_registration
};

static const Column audit_day_columns[] = {
  { "day", "date", COLUMN_DATE, REQ, NULL, NULL },
  { "isms_hours", "isms-hours", COLUMN_REAL, REQ, NULL, NULL },
  { NULL }
};

static const Table audit_day_table = {
  "jrca_audit_day", "day", N_("audit day"), NULL, "audit_id", "day",
  audit_day_columns, NULL, check_jrca_audit_day
};

/* The files of a record (cpv-jrca-evidence.h); evidence comes later in the document. */
static const Column jrca_file_columns[] = {
  { "evidence_id", "evidence", COLUMN_REF, REQ | COLUMN_DEFERRED, "e", NULL },
  { "role", "role", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table audit_file_table = {
  "jrca_audit_evidence", "file", N_("file of a JRCA record"), NULL, "audit_id", "evidence_id",
  jrca_file_columns, NULL, check_jrca_file, TRUE
};

static const Table cpd_file_table = {
  "jrca_cpd_evidence", "file", N_("file of a JRCA record"), NULL, "cpd_id", "evidence_id",
  jrca_file_columns, NULL, check_jrca_file, TRUE
};

static const Table *const jrca_audit_children[] = { &audit_day_table, &audit_file_table, NULL };
static const Table *const jrca_cpd_children[] = { &cpd_file_table, NULL };

static const Column jrca_audit_columns[] = {
  { "credential_id", "credential", COLUMN_REF, REQ, "c", NULL },
  { "organisation", "organisation", COLUMN_TEXT, REQ, NULL, NULL },
  { "organisation_id", "organisation-id", COLUMN_TEXT, 0, NULL, NULL },
  { "certification_body", "certification-body", COLUMN_TEXT, 0, NULL, NULL },
  { "body_iaf_accredited", "body-iaf-accredited", COLUMN_BOOL, 0, NULL, "false" },
  { "management_system", "management-system", COLUMN_TEXT, REQ, NULL, NULL },
  { "audit_type", "audit-type", COLUMN_TEXT, 0, NULL, NULL },
  { "onsite_start", "onsite-start", COLUMN_DATE, REQ, NULL, NULL },
  { "onsite_end", "onsite-end", COLUMN_DATE, REQ, NULL, NULL },
  { "combined", "combined", COLUMN_BOOL, 0, NULL, "false" },
  { "role", "role", COLUMN_TEXT, REQ, NULL, NULL },
  { "isms_roles", "isms-roles", COLUMN_INT, 0, NULL, "0" },
  { "team_leader_name", "team-leader-name", COLUMN_TEXT, 0, NULL, NULL },
  { "team_lead", "team-lead", COLUMN_TEXT, REQ, NULL, "none" },
  { "team_lead_number", "team-lead-number", COLUMN_TEXT, 0, NULL, NULL },
  { "team_lead_name", "team-lead-name", COLUMN_TEXT, 0, NULL, NULL },
  { "attested_by_org", "attested-by-org", COLUMN_BOOL, 0, NULL, "false" },
  { "attested_by_body", "attested-by-body", COLUMN_BOOL, 0, NULL, "false" },
  { "has_schedule", "has-schedule", COLUMN_BOOL, 0, NULL, "false" },
  { "has_report", "has-report", COLUMN_BOOL, 0, NULL, "false" },
  { "has_form_3a", "has-form-3a", COLUMN_BOOL, 0, NULL, "false" },
  { "masked", "masked", COLUMN_BOOL, 0, NULL, "false" },
  { "contact", "contact", COLUMN_TEXT, 0, NULL, NULL },
  { "created", "created", COLUMN_TEXT, REQ, NULL, NULL },
  { "updated", "updated", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table jrca_audit_table = {
  "jrca_audit", "jrca-audit", N_("JRCA audit record"), NULL, NULL, "id",
  jrca_audit_columns, jrca_audit_children, check_jrca_audit
};

static const Column jrca_cpd_columns[] = {
  { "credential_id", "credential", COLUMN_REF, REQ, "c", NULL },
  { "day", "date", COLUMN_DATE, REQ, NULL, NULL },
  { "hours", "hours", COLUMN_REAL, REQ, NULL, NULL },
  { "kind", "kind", COLUMN_TEXT, REQ, NULL, NULL },
  { "title", "title", COLUMN_TEXT, REQ, NULL, NULL },
  { "provider", "provider", COLUMN_TEXT, 0, NULL, NULL },
  { "purpose", "purpose", COLUMN_TEXT, 0, NULL, NULL },
  { "learned", "learned", COLUMN_TEXT, 0, NULL, NULL },
  { "has_certificate", "has-certificate", COLUMN_BOOL, 0, NULL, "false" },
  { "has_program", "has-program", COLUMN_BOOL, 0, NULL, "false" },
  { "body_signature", "body-signature", COLUMN_BOOL, 0, NULL, "false" },
  { "has_schedule", "has-schedule", COLUMN_BOOL, 0, NULL, "false" },
  { "created", "created", COLUMN_TEXT, REQ, NULL, NULL },
  { "updated", "updated", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table jrca_cpd_table = {
  "jrca_cpd", "jrca-cpd", N_("JRCA CPD record"), NULL, NULL, "id",
  jrca_cpd_columns, jrca_cpd_children, check_jrca_cpd
};

static const Column jrca_work_columns[] = {
  { "credential_id", "credential", COLUMN_REF, REQ, "c", NULL },
  { "start_day", "start", COLUMN_DATE, REQ, NULL, NULL },
  { "end_day", "end", COLUMN_DATE, 0, NULL, NULL },
  { "organisation", "organisation", COLUMN_TEXT, REQ, NULL, NULL },
  { "department", "department", COLUMN_TEXT, 0, NULL, NULL },
  { "duties", "duties", COLUMN_TEXT, 0, NULL, NULL },
  { "kinds", "kinds", COLUMN_INT, 0, NULL, "0" },
  { "created", "created", COLUMN_TEXT, REQ, NULL, NULL },
  { "updated", "updated", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table jrca_work_table = {
  "jrca_work", "jrca-work", N_("JRCA work-history record"), NULL, NULL, "id",
  jrca_work_columns, NULL, check_jrca_work
};

static const Column jrca_sector_columns[] = {
  { "credential_id", "credential", COLUMN_REF, REQ, "c", NULL },
  { "sector", "sector", COLUMN_INT, REQ, NULL, NULL },
  { "start_day", "start", COLUMN_DATE, REQ, NULL, NULL },
  { "end_day", "end", COLUMN_DATE, 0, NULL, NULL },
  { "full_time", "full-time", COLUMN_BOOL, REQ, NULL, "true" },
  { "organisation", "organisation", COLUMN_TEXT, 0, NULL, NULL },
  { "duties", "duties", COLUMN_TEXT, 0, NULL, NULL },
  { "created", "created", COLUMN_TEXT, REQ, NULL, NULL },
  { "updated", "updated", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table jrca_sector_table = {
  "jrca_sector_work", "jrca-sector-work", N_("JRCA business-sector record"), NULL, NULL, "id",
  jrca_sector_columns, NULL, check_jrca_sector_work
};

/* Evidence bytes are handled apart: the <chunk> elements are no table of their own. */
static const Column evidence_columns[] = {
  { "kind", "kind", COLUMN_TEXT, REQ, NULL, NULL },
  { "file_name", "file-name", COLUMN_TEXT, REQ, NULL, NULL },
  { "media_type", "media-type", COLUMN_TEXT, REQ, NULL, NULL },
  { "size", "size", COLUMN_INT, REQ, NULL, NULL },
  { "sha256", "sha256", COLUMN_TEXT, REQ, NULL, NULL },
  { "tlp", "tlp", COLUMN_TEXT, REQ, NULL, "clear" },
  { "secret", "secret", COLUMN_BOOL, 0, NULL, "false" },
  { "added", "added", COLUMN_TEXT, REQ, NULL, NULL },
  { "language", "language", COLUMN_TEXT, 0, NULL, NULL },
  { "translation_of", "translation-of", COLUMN_REF, COLUMN_DEFERRED, "e", NULL },
  { NULL }
};

static const Table evidence_table = {
  "evidence", "evidence", N_("evidence file"), "e", NULL, "id",
  evidence_columns, NULL, NULL
};

static const Column credit_line_columns[] = {
  { "credential_id", "credential", COLUMN_REF, REQ, "c", NULL },
  { "grp", "group", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table credit_line_table = {
  "credit_line", "credit", N_("credit line"), NULL, "activity_id", "credential_id",
  credit_line_columns, NULL, NULL
};

static const Column attached_columns[] = {
  { "evidence_id", "evidence", COLUMN_REF, REQ, "e", NULL },
  { NULL }
};

static const Table attached_table = {
  "activity_evidence", "attached", N_("evidence link"), NULL, "activity_id", "evidence_id",
  attached_columns, NULL, NULL
};

static const Table *const activity_children[] = { &credit_line_table, &attached_table, NULL };

static const Column activity_columns[] = {
  { "title", "title", COLUMN_TEXT, REQ, NULL, NULL },
  { "category", "category", COLUMN_TEXT, REQ, NULL, NULL },
  { "start_date", "start-date", COLUMN_DATE, REQ, NULL, NULL },
  { "end_date", "end-date", COLUMN_DATE, REQ, NULL, NULL },
  { "hours", "hours", COLUMN_REAL, 0, NULL, NULL },
  { "credits", "credits", COLUMN_REAL, REQ, NULL, NULL },
  { "provider", "provider", COLUMN_TEXT, 0, NULL, NULL },
  { "description", "description", COLUMN_TEXT, 0, NULL, NULL },
  { "isbn", "isbn", COLUMN_TEXT, 0, NULL, NULL },
  { "author", "author", COLUMN_TEXT, 0, NULL, NULL },
  { "publisher", "publisher", COLUMN_TEXT, 0, NULL, NULL },
  { "submitted", "submitted", COLUMN_BOOL, 0, NULL, "false" },
  { "auto_submitted", "auto-submitted", COLUMN_BOOL, 0, NULL, "false" },
  { "created", "created", COLUMN_TEXT, REQ, NULL, NULL },
  { "updated", "updated", COLUMN_TEXT, REQ, NULL, NULL },
  { "reflected_on", "reflected-on", COLUMN_DATE, 0, NULL, NULL },
  { NULL }
};

static const Table activity_table = {
  "activity", "activity", N_("activity"), "a", NULL, "id",
  activity_columns, activity_children, check_activity
};

static const Column selected_columns[] = {
  { "activity_id", "activity", COLUMN_REF, REQ, "a", NULL },
  { NULL }
};

static const Table selected_table = {
  "audit_activity", "selected", N_("selected activity"), NULL, "audit_id", "activity_id",
  selected_columns, NULL, NULL
};

static const Table *const audit_request_children[] = { &selected_table, NULL };

static const Column audit_request_columns[] = {
  { "credential_id", "credential", COLUMN_REF, REQ, "c", NULL },
  { "received", "received", COLUMN_DATE, REQ, NULL, NULL },
  { "status", "status", COLUMN_TEXT, REQ, NULL, "open" },
  { "responded_on", "responded-on", COLUMN_DATE, 0, NULL, NULL },
  { "outcome", "outcome", COLUMN_TEXT, 0, NULL, NULL },
  { "closed_on", "closed-on", COLUMN_DATE, 0, NULL, NULL },
  { "appeal_filed_on", "appeal-filed-on", COLUMN_DATE, 0, NULL, NULL },
  { "appeal_decided_on", "appeal-decided-on", COLUMN_DATE, 0, NULL, NULL },
  { "note", "note", COLUMN_TEXT, 0, NULL, NULL },
  { "created", "created", COLUMN_TEXT, REQ, NULL, NULL },
  { "updated", "updated", COLUMN_TEXT, REQ, NULL, NULL },
  { NULL }
};

static const Table audit_request_table = {
  "audit_request", "audit-request", N_("audit request"), NULL, NULL, "id",
  audit_request_columns, audit_request_children, NULL
};

/* Document order: a record refers only to kinds written before it (translation-of aside). */
static const Table *const top_tables[] = {
  &credential_table,
  &registration_table,
  &jrca_audit_table,
  &jrca_cpd_table,
  &jrca_work_table,
  &jrca_sector_table,
  &evidence_table,
  &activity_table,
  &audit_request_table,
};

#undef REQ

/* ---- shared helpers --------------------------------------------------------------------- */

/**
 * cpv_portable_schema_path:
 *
 * Returns: (transfer full): vault-export.rng in $CPV_SCHEMAS_DIR, else PKGDATADIR/schemas,
 *   else the source tree's data/schemas
 */
char *
cpv_portable_schema_path (void)
{
  const char *override = g_getenv ("CPV_SCHEMAS_DIR");
  g_autofree char *installed = NULL;
  g_autofree char *source_data = NULL;

  if (override != NULL && *override != '\0')
    return g_build_filename (override, "vault-export.rng", NULL);
  installed = g_build_filename (PKGDATADIR, "schemas", "vault-export.rng", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);
  source_data = g_path_get_dirname (SOURCE_PROGRAMS_DIR);
  return g_build_filename (source_data, "schemas", "vault-export.rng", NULL);
}

static char *
local_key (const char *prefix,
           gint64      db_id)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, db_id);
}

/* The shortest decimal form that reads back as the same double. */
static char *
format_real (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

/* XML 1.0 cannot carry most control characters, even escaped. */
static gboolean
text_fits_xml (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        return FALSE;
    }
  return TRUE;
}

/* ---- export ----------------------------------------------------------------------------- */

typedef struct
{
  CpvVault      *vault;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *io_error;
  xmlTextWriter *writer;
  GHashTable    *local_ids;  /* "c17" (prefix and vault id) → local number */
} Export;

static int
export_write_cb (void       *context,
                 const char *buffer,
                 int         len)
{
  Export *export = context;
  gsize written = 0;

  if (export->io_error != NULL)
    return -1;
  if (!g_output_stream_write_all (export->stream, buffer, len, &written, export->cancellable,
                                  &export->io_error))
    return -1;
  return len;
}

static int
export_close_cb (void *context)
{
  /* The caller owns the stream and closes it. */
  return 0;
}

static gboolean
writer_failed (Export  *export,
               GError **error)
{
  if (export->io_error != NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&export->io_error),
                                _("Cannot write the export: "));
  else
    g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_IO,
                         _("Cannot write the export."));
  return FALSE;
}

static gboolean
number_ids (Export      *export,
            const Table *table,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", table->table);
  g_autoptr(sqlite3_stmt) stmt = _cpv_vault_prepare (export->vault, sql, error);
  guint number = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (export->local_ids,
                         local_key (table->id_prefix, sqlite3_column_int64 (stmt, 0)),
                         GUINT_TO_POINTER (++number));
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (export->vault, error, rc, N_("reading the vault"));
      return FALSE;
    }
  return TRUE;
}

static char *
local_id (Export     *export,
          const char *prefix,
          gint64      db_id)
{
  g_autofree char *key = local_key (prefix, db_id);
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (export->local_ids, key));

  if (number == 0)
    return NULL;
  return g_strdup_printf ("%s%u", prefix, number);
}

static gboolean
export_evidence_bytes (Export  *export,
                       gint64   evidence_id,
                       GError **error)
{
  g_autoptr(GInputStream) stream = cpv_vault_open_evidence (export->vault, evidence_id, error);
  g_autofree guint8 *buffer = NULL;

  if (stream == NULL)
    return FALSE;
  buffer = g_malloc (EXPORT_CHUNK_BYTES);
  for (;;)
    {
      gsize got = 0;

      if (!g_input_stream_read_all (stream, buffer, EXPORT_CHUNK_BYTES, &got,
                                    export->cancellable, error))
        {
          explicit_bzero (buffer, EXPORT_CHUNK_BYTES);
          return FALSE;
        }
      if (got == 0)
        break;
      if (xmlTextWriterStartElement (export->writer, BAD_CAST "chunk") < 0 ||
          xmlTextWriterWriteBase64 (export->writer, (const char *) buffer, 0, got) < 0 ||
          xmlTextWriterEndElement (export->writer) < 0)
        {
          explicit_bzero (buffer, EXPORT_CHUNK_BYTES);
          return writer_failed (export, error);
        }
      if (got < EXPORT_CHUNK_BYTES)
        break;
    }
  explicit_bzero (buffer, EXPORT_CHUNK_BYTES);
  return TRUE;
}

static gboolean
export_table (Export      *export,
              const Table *table,
              gint64       parent_id,
              GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Child tables have no id column of their own; rowid is as good for them. */
  if (table->parent_column != NULL)
    g_string_assign (sql, "SELECT rowid");
  for (guint i = 0; table->columns[i].column != NULL; i++)
    g_string_append_printf (sql, ", %s", table->columns[i].column);
  g_string_append_printf (sql, " FROM %s", table->table);
  if (table->parent_column != NULL)
    g_string_append_printf (sql, " WHERE %s = ?", table->parent_column);
  g_string_append_printf (sql, " ORDER BY %s", table->order_by);

  stmt = _cpv_vault_prepare (export->vault, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  if (table->parent_column != NULL)
    sqlite3_bind_int64 (stmt, 1, parent_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 db_id = sqlite3_column_int64 (stmt, 0);

      if (g_cancellable_set_error_if_cancelled (export->cancellable, error))
        return FALSE;
      if (xmlTextWriterStartElement (export->writer, BAD_CAST table->element) < 0)
        return writer_failed (export, error);
      if (table->id_prefix != NULL)
        {
          g_autofree char *id = local_id (export, table->id_prefix, db_id);

          if (xmlTextWriterWriteAttribute (export->writer, BAD_CAST "id", BAD_CAST id) < 0)
            return writer_failed (export, error);
        }

      for (guint i = 0; table->columns[i].column != NULL; i++)
        {
          const Column *column = &table->columns[i];
          int index = i + 1;
          g_autofree char *text = NULL;

          if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
            continue;
          switch (column->type)
            {
            case COLUMN_TEXT:
            case COLUMN_DATE:
              text = _cpv_column_dup (stmt, index);
              if (!g_utf8_validate (text, -1, NULL) || !text_fits_xml (text))
                {
                  g_set_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_INVALID,
                               _("The %s “%s” (%s) holds a control character that XML cannot "
                                 "carry; edit the field and export again."),
                               _(table->what), column->attribute, table->element);
                  return FALSE;
                }
              break;
            case COLUMN_INT:
              text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                      (gint64) sqlite3_column_int64 (stmt, index));
              break;
            case COLUMN_REAL:
              text = format_real (sqlite3_column_double (stmt, index));
              break;
            case COLUMN_BOOL:
              text = g_strdup (sqlite3_column_int (stmt, index) != 0 ? "true" : "false");
              break;
            case COLUMN_REF:
              text = local_id (export, column->ref_prefix, sqlite3_column_int64 (stmt, index));
              if (text == NULL)
                {
                  g_set_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_REFERENCE,
                               _("A %s of the vault refers to a record that no longer exists; "
                                 "run an integrity check of the vault."), _(table->what));
                  return FALSE;
                }
              break;
            default:
              g_assert_not_reached ();
            }
          if (xmlTextWriterWriteAttribute (export->writer, BAD_CAST column->attribute,
                                           BAD_CAST text) < 0)
            return writer_failed (export, error);
        }

      for (guint i = 0; table->children != NULL && table->children[i] != NULL; i++)
        if (!export_table (export, table->children[i], db_id, error))
          return FALSE;
      if (table == &evidence_table && !export_evidence_bytes (export, db_id, error))
        return FALSE;

      if (xmlTextWriterEndElement (export->writer) < 0)
        return writer_failed (export, error);
    }
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (export->vault, error, rc, N_("reading the vault"));
      return FALSE;
    }
  return TRUE;
}

/**
 * cpv_vault_export:
 * @vault: an open vault
 * @stream: where the document goes; left open
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes every record of @vault and every evidence file (base64) to @stream as one
 * vault-export.rng document. The result is NOT encrypted. Memory stays flat: rows are written
 * as they are read and evidence streams in chunks. The vault is read in one transaction, so the
 * document shows one moment of it.
 *
 * Returns: %TRUE on success
 */
gboolean
cpv_vault_export (CpvVault       *vault,
                  GOutputStream  *stream,
                  GCancellable   *cancellable,
                  GError        **error)
{
  Export export = { vault, stream, cancellable, NULL, NULL, NULL };
  xmlOutputBuffer *output;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  output = xmlOutputBufferCreateIO (export_write_cb, export_close_cb, &export, NULL);
  if (output == NULL)
    {
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_IO,
                           _("Cannot start writing the export (out of memory)."));
      return FALSE;
    }
  export.writer = xmlNewTextWriter (output);
  if (export.writer == NULL)
    {
      xmlOutputBufferClose (output);
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_IO,
                           _("Cannot start writing the export (out of memory)."));
      return FALSE;
    }
  export.local_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlTextWriterSetIndent (export.writer, 1);
  xmlTextWriterSetIndentString (export.writer, BAD_CAST "  ");

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  if (!_cpv_vault_begin (vault, error))
    goto unlock;

  for (guint i = 0; i < G_N_ELEMENTS (top_tables); i++)
    if (top_tables[i]->id_prefix != NULL && !number_ids (&export, top_tables[i], error))
      goto rollback;

  if (xmlTextWriterStartDocument (export.writer, "1.0", "UTF-8", NULL) < 0 ||
      xmlTextWriterWriteComment (export.writer,
                                 BAD_CAST " CPE Vault export: NOT encrypted. It holds every "
                                 "record and evidence file of the vault. ") < 0 ||
      xmlTextWriterStartElement (export.writer, BAD_CAST ROOT_ELEMENT) < 0 ||
      xmlTextWriterWriteAttribute (export.writer, BAD_CAST "version",
                                   BAD_CAST EXPORT_VERSION) < 0)
    {
      writer_failed (&export, error);
      goto rollback;
    }
  for (guint i = 0; i < G_N_ELEMENTS (top_tables); i++)
    if (!export_table (&export, top_tables[i], 0, error))
      goto rollback;
  if (xmlTextWriterEndDocument (export.writer) < 0 || xmlTextWriterFlush (export.writer) < 0)
    {
      writer_failed (&export, error);
      goto rollback;
    }
  ok = _cpv_vault_commit (vault, error);
  goto unlock;

rollback:
  _cpv_vault_rollback (vault);
unlock:
  _cpv_vault_unlock (vault);
out:
  xmlFreeTextWriter (export.writer);
  g_hash_table_unref (export.local_ids);
  g_clear_error (&export.io_error);
  return ok;
}

/* ---- import ----------------------------------------------------------------------------- */

typedef struct
{
  gint64  db_id;
  char   *ref;
  int     line;
} Deferred;

static void
deferred_free (Deferred *deferred)
{
  g_free (deferred->ref);
  g_free (deferred);
}

/* A child row of a Table with rows_at_end, kept until the end of the document. */
typedef struct
{
  const Table  *table;
  char        **values;
  gint64        parent_db_id;
  int           line;
} LateRow;

static void free_values (const Table  *table,
                         char        **values);

static void
late_row_free (LateRow *row)
{
  free_values (row->table, row->values);
  g_free (row);
}

typedef struct
{
  CpvVault         *vault;          /* NULL while checking */
  gboolean          merge;
  GInputStream     *stream;
  GCancellable     *cancellable;
  GError           *io_error;
  GError           *xml_error;      /* the first parse or validity error */
  goffset           bytes_read;
  xmlTextReader    *reader;

  GHashTable       *ids;            /* local id → vault id (1 while checking) */
  GHashTable       *hashes;         /* sha256 declared in the file */
  GHashTable       *statements;     /* table name → prepared INSERT */
  GPtrArray        *deferred;       /* of Deferred */
  GPtrArray        *late_rows;      /* of LateRow */
  GHashTable       *record_refs;    /* "table:e3" of the record being read: no link twice */

  const Table      *record;         /* the top-level record being read */
  char            **record_values;
  gint64            record_db_id;
  int               record_line;
  gboolean          record_skipped; /* evidence stored already (merge) */
  gboolean          in_chunk;

  /* The evidence being read */
  GChecksum        *checksum;
  goffset           content_size;
  guint8           *pending;
  gsize             pending_len;
  int               seq;
  guint             n_chunks;

  CpvImportSummary  summary;
} Import;

static int
import_read_cb (void *context,
                char *buffer,
                int   len)
{
  Import *import = context;
  gssize got;

  if (import->io_error != NULL)
    return -1;
  got = g_input_stream_read (import->stream, buffer, len, import->cancellable,
                             &import->io_error);
  if (got > 0)
    import->bytes_read += got;
  return got < 0 ? -1 : (int) got;
}

static int
import_close_cb (void *context)
{
  return 0;
}

static void
reader_error_cb (void           *user_data,
                 const xmlError *xml_error)
{
  Import *import = user_data;
  g_autofree char *message = NULL;
  int code;

  if (xml_error == NULL || xml_error->level < XML_ERR_ERROR || import->xml_error != NULL)
    return;
  message = g_strstrip (g_strdup (xml_error->message != NULL ? xml_error->message : "error"));
  /* libxml2 quotes whole values (a chunk of base64 is 64 KiB): keep the message readable. */
  if (g_utf8_strlen (message, -1) > 160)
    {
      char *end = g_utf8_offset_to_pointer (message, 157);

      *end = '\0';
      message = g_realloc (message, strlen (message) + 4);
      strcat (message, "…");
    }
  code = xml_error->domain == XML_FROM_RELAXNGV ? CPV_PORTABLE_ERROR_INVALID
                                                : CPV_PORTABLE_ERROR_MALFORMED;
  if (code == CPV_PORTABLE_ERROR_INVALID)
    import->xml_error = g_error_new (CPV_PORTABLE_ERROR, code,
                                     _("line %d: the file does not follow the export format: %s"),
                                     xml_error->line, message);
  else
    import->xml_error = g_error_new (CPV_PORTABLE_ERROR, code,
                                     _("line %d: the file is not well-formed XML: %s"),
                                     xml_error->line, message);
}

static int
current_line (Import *import)
{
  xmlNode *node = xmlTextReaderCurrentNode (import->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  if (line <= 0)
    line = xmlTextReaderGetParserLineNumber (import->reader);
  return (int) line;
}

static gboolean
fail_at (GError     **error,
         int          line,
         int          code,
         const char  *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (GError     **error,
         int          line,
         int          code,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CPV_PORTABLE_ERROR, code, _("line %d: %s"), line, message);
  return FALSE;
}

static void
free_values (const Table  *table,
             char        **values)
{
  if (values == NULL)
    return;
  for (guint i = 0; table->columns[i].column != NULL; i++)
    g_free (values[i]);
  g_free (values);
}

static gboolean
is_known_attribute (const Table *table,
                    const char  *name)
{
  if (table->id_prefix != NULL && strcmp (name, "id") == 0)
    return TRUE;
  for (guint i = 0; table->columns[i].column != NULL; i++)
    if (strcmp (table->columns[i].attribute, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
parse_number (const char *text,
              gboolean    integer,
              double     *out_value)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  if (integer)
    {
      gint64 number;

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
        return FALSE;
      *out_value = (double) number;
      return TRUE;
    }
  value = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (value))
    return FALSE;
  *out_value = value;
  return TRUE;
}

/* Reads and checks the attributes of the current element into a new array of values. */
static char **
read_values (Import       *import,
             const Table  *table,
             GError      **error)
{
  int line = current_line (import);
  guint n_columns = 0;
  char **values;

  while (table->columns[n_columns].column != NULL)
    n_columns++;
  values = g_new0 (char *, n_columns + 1);

  if (xmlTextReaderMoveToFirstAttribute (import->reader) == 1)
    {
      do
        {
          const char *name = (const char *) xmlTextReaderConstName (import->reader);

          if (name != NULL && !g_str_has_prefix (name, "xmlns") &&
              !is_known_attribute (table, name))
            {
              xmlTextReaderMoveToElement (import->reader);
              fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                       _("<%s> has no attribute “%s”."), table->element, name);
              goto fail;
            }
        }
      while (xmlTextReaderMoveToNextAttribute (import->reader) == 1);
      xmlTextReaderMoveToElement (import->reader);
    }

  for (guint i = 0; i < n_columns; i++)
    {
      const Column *column = &table->columns[i];
      xmlChar *attribute = xmlTextReaderGetAttribute (import->reader,
                                                      BAD_CAST column->attribute);
      const char *text;
      double number;

      if (attribute != NULL)
        {
          values[i] = g_strdup ((const char *) attribute);
          xmlFree (attribute);
        }
      text = values[i];
      if (text == NULL)
        {
          if ((column->flags & COLUMN_REQUIRED) != 0)
            {
              fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                       _("<%s> needs the attribute “%s”."), table->element, column->attribute);
              goto fail;
            }
          continue;
        }

      switch (column->type)
        {
        case COLUMN_TEXT:
          if ((column->flags & COLUMN_REQUIRED) != 0 && is_blank (text))
            {
              fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                       _("The “%s” of a %s is empty."), column->attribute, _(table->what));
              goto fail;
            }
          break;
        case COLUMN_DATE:
          if (!cpv_date_is_valid_iso (text))
            {
              fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                       _("The “%s” of a %s must be a calendar day written YYYY-MM-DD, not “%s”."),
                       column->attribute, _(table->what), text);
              goto fail;
            }
          break;
        case COLUMN_INT:
        case COLUMN_REAL:
          if (!parse_number (text, column->type == COLUMN_INT, &number))
            {
              fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                       _("The “%s” of a %s must be a number, not “%s”."),
                       column->attribute, _(table->what), text);
              goto fail;
            }
          break;
        case COLUMN_BOOL:
          if (strcmp (text, "true") != 0 && strcmp (text, "false") != 0)
            {
              fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                       _("The “%s” of a %s must be true or false, not “%s”."),
                       column->attribute, _(table->what), text);
              goto fail;
            }
          break;
        case COLUMN_REF:
          if (!g_str_has_prefix (text, column->ref_prefix))
            {
              fail_at (error, line, CPV_PORTABLE_ERROR_REFERENCE,
                       _("“%s” of a %s must name a record “%s…”, not “%s”."),
                       column->attribute, _(table->what), column->ref_prefix, text);
              goto fail;
            }
          if ((column->flags & COLUMN_DEFERRED) == 0 &&
              !g_hash_table_contains (import->ids, text))
            {
              fail_at (error, line, CPV_PORTABLE_ERROR_REFERENCE,
                       _("The %s refers to %s=\"%s\", which is not in the file before it."),
                       _(table->what), column->attribute, text);
              goto fail;
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return values;

fail:
  free_values (table, values);
  return NULL;
}

static sqlite3_stmt *
insert_statement (Import       *import,
                  const Table  *table,
                  GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (import->statements, table->table);
  g_autoptr(GString) sql = NULL;
  guint n = 0;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  sql = g_string_new ("INSERT INTO ");
  g_string_append_printf (sql, "%s (", table->table);
  if (table->parent_column != NULL)
    {
      g_string_append (sql, table->parent_column);
      n++;
    }
  for (guint i = 0; table->columns[i].column != NULL; i++, n++)
    g_string_append_printf (sql, "%s%s", n > 0 ? ", " : "", table->columns[i].column);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ")");

  stmt = _cpv_vault_prepare (import->vault, sql->str, error);
  if (stmt != NULL)
    g_hash_table_insert (import->statements, (gpointer) table->table, stmt);
  return stmt;
}

/* Inserts one row; returns its rowid, or 0 with @error set. */
static gint64
insert_row (Import       *import,
            const Table  *table,
            char        **values,
            gint64        parent_id,
            int           line,
            GError      **error)
{
  sqlite3_stmt *stmt = insert_statement (import, table, error);
  int index = 1;
  int rc;

  if (stmt == NULL)
    return 0;
  if (table->parent_column != NULL)
    sqlite3_bind_int64 (stmt, index++, parent_id);
  for (guint i = 0; table->columns[i].column != NULL; i++, index++)
    {
      const Column *column = &table->columns[i];
      const char *text = values[i] != NULL ? values[i] : column->fallback;

      /* A deferred reference is bound later (translation-of), except in a row kept to the
       * end, where every id is known. */
      if (text == NULL || ((column->flags & COLUMN_DEFERRED) != 0 && !table->rows_at_end))
        {
          sqlite3_bind_null (stmt, index);
          continue;
        }
      switch (column->type)
        {
        case COLUMN_TEXT:
        case COLUMN_DATE:
          sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
          break;
        case COLUMN_INT:
          sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (text, NULL, 10));
          break;
        case COLUMN_REAL:
          sqlite3_bind_double (stmt, index, g_ascii_strtod (text, NULL));
          break;
        case COLUMN_BOOL:
          sqlite3_bind_int (stmt, index, strcmp (text, "true") == 0);
          break;
        case COLUMN_REF:
          sqlite3_bind_int64 (stmt, index,
                              *(gint64 *) g_hash_table_lookup (import->ids, text));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autoptr(GError) sql_error = NULL;

      _cpv_vault_set_sql_error (import->vault, &sql_error, rc, N_("storing the import"));
      fail_at (error, line, rc == SQLITE_CONSTRAINT ? CPV_PORTABLE_ERROR_INVALID
                                                     : CPV_PORTABLE_ERROR_IO,
               _("The vault refused the %s: %s"), _(table->what), sql_error->message);
      return 0;
    }
  return sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));
}

static void
remember_id (Import     *import,
             const char *local,
             gint64      db_id)
{
  gint64 *value = g_new (gint64, 1);

  *value = db_id;
  g_hash_table_insert (import->ids, g_strdup (local), value);
}

static gint64
stored_evidence_id (Import      *import,
                    const char  *sha256,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _cpv_vault_prepare (import->vault,
                                                     "SELECT id FROM evidence WHERE sha256 = ?",
                                                     error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  _cpv_vault_set_sql_error (import->vault, error, rc, N_("looking up evidence"));
  return -1;
}

static gboolean
begin_record (Import       *import,
              const Table  *table,
              GError      **error)
{
  int line = current_line (import);
  g_autofree char *local = NULL;

  import->record = table;
  import->record_line = line;
  import->record_skipped = FALSE;
  import->record_db_id = 0;
  g_hash_table_remove_all (import->record_refs);
  import->record_values = read_values (import, table, error);
  if (import->record_values == NULL)
    return FALSE;

  if (table->id_prefix != NULL)
    {
      xmlChar *id = xmlTextReaderGetAttribute (import->reader, BAD_CAST "id");

      local = g_strdup ((const char *) id);
      xmlFree (id);
      if (local == NULL || !g_str_has_prefix (local, table->id_prefix) ||
          local[1] == '\0')
        return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                        _("A %s needs an id “%s…” (e.g. %s1)."), _(table->what), table->id_prefix,
                        table->id_prefix);
      if (g_hash_table_contains (import->ids, local))
        return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                        _("The id “%s” is used twice."), local);
    }

  if (table->check != NULL && !table->check (table, import->record_values, NULL, NULL, error))
    {
      g_prefix_error (error, _("line %d: "), line);
      return FALSE;
    }

  if (table == &evidence_table)
    {
      const char *sha256 = value_of (table, import->record_values, "sha256");

      if (g_hash_table_contains (import->hashes, sha256))
        return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                        _("The evidence file “%s” is in the file twice (same SHA-256)."),
                        value_of (table, import->record_values, "file_name"));
      g_hash_table_add (import->hashes, g_strdup (sha256));
      import->summary.evidence++;
      g_clear_pointer (&import->checksum, g_checksum_free);
      import->checksum = g_checksum_new (G_CHECKSUM_SHA256);
      import->content_size = 0;
      import->pending_len = 0;
      import->seq = 0;
      import->n_chunks = 0;

      if (import->vault != NULL && import->merge)
        {
          gint64 stored = stored_evidence_id (import, sha256, error);

          if (stored < 0)
            return FALSE;
          if (stored > 0)
            {
              import->record_skipped = TRUE;
              import->record_db_id = stored;
              import->summary.evidence_skipped++;
            }
        }
      if (value_of (table, import->record_values, "translation_of") != NULL)
        {
          Deferred *deferred = g_new0 (Deferred, 1);

          deferred->ref = g_strdup (value_of (table, import->record_values, "translation_of"));
          deferred->line = line;
          deferred->db_id = -1;  /* set below once the row exists */
          g_ptr_array_add (import->deferred, deferred);
        }
    }
  else if (table == &credential_table)
    import->summary.credentials++;
  else if (table == &activity_table)
    import->summary.activities++;
  else if (table == &audit_request_table)
    import->summary.audit_requests++;
  else
    import->summary.jrca_records++;

  if (import->vault != NULL && !import->record_skipped)
    {
      import->record_db_id = insert_row (import, table, import->record_values, 0, line, error);
      if (import->record_db_id == 0)
        return FALSE;
    }
  else if (import->vault == NULL)
    import->record_db_id = 1;

  if (table == &evidence_table && import->deferred->len > 0)
    {
      Deferred *last = import->deferred->pdata[import->deferred->len - 1];

      if (last->db_id == -1)
        last->db_id = import->record_skipped ? 0 : import->record_db_id;
    }
  if (local != NULL)
    remember_id (import, local, import->record_db_id);
  return TRUE;
}

static gboolean
flush_pending (Import  *import,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (import->vault == NULL || import->record_skipped || import->pending_len == 0)
    {
      import->pending_len = 0;
      return TRUE;
    }
  stmt = _cpv_vault_prepare (import->vault,
                             "INSERT INTO evidence_chunk (evidence_id, seq, data) "
                             "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import->record_db_id);
  sqlite3_bind_int (stmt, 2, import->seq++);
  sqlite3_bind_blob (stmt, 3, import->pending, import->pending_len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  explicit_bzero (import->pending, import->pending_len);
  import->pending_len = 0;
  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (import->vault, error, rc, N_("storing an evidence file"));
      return FALSE;
    }
  return TRUE;
}

/* One <chunk>: a complete base64 string (whitespace allowed). */
static gboolean
read_chunk (Import      *import,
            const char  *text,
            GError     **error)
{
  gsize len = strlen (text);
  g_autofree guchar *decoded = NULL;
  gsize n_chars = 0;
  gsize n_padding = 0;
  gsize decoded_len;
  gint state = 0;
  guint save = 0;
  goffset declared;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (g_ascii_isspace (c))
        continue;
      if (c == '=')
        n_padding++;
      else if (n_padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return fail_at (error, current_line (import), CPV_PORTABLE_ERROR_CONTENT,
                        _("The bytes of an evidence file are not valid base64."));
      n_chars++;
    }
  if (n_chars % 4 != 0 || n_padding > 2)
    return fail_at (error, current_line (import), CPV_PORTABLE_ERROR_CONTENT,
                    _("The bytes of an evidence file are not valid base64 (a <chunk> must hold "
                      "whole groups of four characters)."));

  decoded = g_malloc ((len / 4 + 1) * 3);
  decoded_len = g_base64_decode_step (text, len, decoded, &state, &save);
  declared = g_ascii_strtoll (value_of (import->record, import->record_values, "size"),
                              NULL, 10);
  import->content_size += decoded_len;
  if (import->content_size > declared)
    {
      explicit_bzero (decoded, decoded_len);
      return fail_at (error, current_line (import), CPV_PORTABLE_ERROR_CONTENT,
                      _("The evidence file “%s” holds more bytes than its size says (%s)."),
                      value_of (import->record, import->record_values, "file_name"),
                      value_of (import->record, import->record_values, "size"));
    }
  g_checksum_update (import->checksum, decoded, decoded_len);

  if (import->vault != NULL && !import->record_skipped)
    {
      gsize done = 0;

      while (done < decoded_len)
        {
          gsize room = CPV_EVIDENCE_CHUNK_SIZE - import->pending_len;
          gsize take = MIN (room, decoded_len - done);

          memcpy (import->pending + import->pending_len, decoded + done, take);
          import->pending_len += take;
          done += take;
          if (import->pending_len == CPV_EVIDENCE_CHUNK_SIZE && !flush_pending (import, error))
            {
              explicit_bzero (decoded, decoded_len);
              return FALSE;
            }
        }
    }
  explicit_bzero (decoded, decoded_len);
  import->n_chunks++;
  return TRUE;
}

static gboolean
end_evidence (Import  *import,
              GError **error)
{
  const Table *table = import->record;
  const char *file_name = value_of (table, import->record_values, "file_name");
  const char *declared_sha256 = value_of (table, import->record_values, "sha256");
  goffset declared_size = g_ascii_strtoll (value_of (table, import->record_values, "size"),
                                           NULL, 10);

  if (import->content_size != declared_size)
    return fail_at (error, import->record_line, CPV_PORTABLE_ERROR_CONTENT,
                    _("The evidence file “%s” holds %lld bytes, but its size "
                      "says %lld: the export is damaged."), file_name,
                    (long long) import->content_size, (long long) declared_size);
  if (g_strcmp0 (g_checksum_get_string (import->checksum), declared_sha256) != 0)
    return fail_at (error, import->record_line, CPV_PORTABLE_ERROR_CONTENT,
                    _("The evidence file “%s” does not match its SHA-256: the export is "
                      "damaged or was edited."), file_name);
  return flush_pending (import, error);
}

static gboolean
end_record (Import  *import,
            GError **error)
{
  gboolean ok = TRUE;

  if (import->record == &evidence_table)
    ok = end_evidence (import, error);
  free_values (import->record, import->record_values);
  import->record_values = NULL;
  import->record = NULL;
  return ok;
}

static gboolean
child_row (Import      *import,
           const char  *name,
           GError     **error)
{
  const Table *parent = import->record;
  const Table *table = NULL;
  int line = current_line (import);
  char **values;
  gboolean ok = TRUE;

  for (guint i = 0; parent->children != NULL && parent->children[i] != NULL; i++)
    if (strcmp (parent->children[i]->element, name) == 0)
      table = parent->children[i];
  if (table == NULL)
    return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                    _("<%s> cannot hold a <%s>."), parent->element, name);

  values = read_values (import, table, error);
  if (values == NULL)
    return FALSE;
  if (table->check != NULL &&
      !table->check (table, values, parent, import->record_values, error))
    {
      g_prefix_error (error, _("line %d: "), line);
      ok = FALSE;
    }
  else if (table->rows_at_end)
    {
      LateRow *row;

      for (guint i = 0; table->columns[i].column != NULL; i++)
        if (table->columns[i].type == COLUMN_REF && values[i] != NULL)
          {
            char *key = g_strconcat (table->table, ":", values[i], NULL);

            if (!g_hash_table_add (import->record_refs, key))
              {
                free_values (table, values);
                return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                                _("The %s names %s=\"%s\" twice."), _(parent->what),
                                table->columns[i].attribute, values[i]);
              }
          }
      row = g_new0 (LateRow, 1);
      row->table = table;
      row->values = g_steal_pointer (&values);
      row->parent_db_id = import->record_db_id;
      row->line = line;
      g_ptr_array_add (import->late_rows, row);
    }
  else if (import->vault != NULL)
    ok = insert_row (import, table, values, import->record_db_id, line, error) != 0;
  free_values (table, values);
  return ok;
}

/* The rows kept to the end: every reference must now name a record of the file. */
static gboolean
insert_late_rows (Import  *import,
                  GError **error)
{
  for (guint i = 0; i < import->late_rows->len; i++)
    {
      LateRow *row = import->late_rows->pdata[i];

      for (guint j = 0; row->table->columns[j].column != NULL; j++)
        {
          const Column *column = &row->table->columns[j];

          if (column->type == COLUMN_REF && row->values[j] != NULL &&
              !g_hash_table_contains (import->ids, row->values[j]))
            return fail_at (error, row->line, CPV_PORTABLE_ERROR_REFERENCE,
                            _("The %s refers to %s=\"%s\", which is not in the file."),
                            _(row->table->what), column->attribute, row->values[j]);
        }
      if (import->vault != NULL &&
          insert_row (import, row->table, row->values, row->parent_db_id, row->line,
                      error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_deferred (Import  *import,
                GError **error)
{
  for (guint i = 0; i < import->deferred->len; i++)
    {
      Deferred *deferred = import->deferred->pdata[i];
      gint64 *target = g_hash_table_lookup (import->ids, deferred->ref);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (target == NULL || !g_str_has_prefix (deferred->ref, "e"))
        return fail_at (error, deferred->line, CPV_PORTABLE_ERROR_REFERENCE,
                        _("The evidence file is a translation of “%s”, which is not in the file."),
                        deferred->ref);
      if (import->vault == NULL || deferred->db_id <= 0)
        continue;
      stmt = _cpv_vault_prepare (import->vault,
                                 "UPDATE evidence SET translation_of = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *target);
      sqlite3_bind_int64 (stmt, 2, deferred->db_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          _cpv_vault_set_sql_error (import->vault, error, rc, N_("storing an evidence file"));
          return FALSE;
        }
    }
  return TRUE;
}

static const Table *
top_table_for (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (top_tables); i++)
    if (strcmp (top_tables[i]->element, name) == 0)
      return top_tables[i];
  return NULL;
}

static gboolean
handle_element (Import  *import,
                GError **error)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (import->reader);
  int depth = xmlTextReaderDepth (import->reader);
  gboolean empty = xmlTextReaderIsEmptyElement (import->reader) == 1;
  int line = current_line (import);

  if (name == NULL)
    return fail_at (error, line, CPV_PORTABLE_ERROR_MALFORMED, _("An element has no name."));
  if (xmlTextReaderConstNamespaceUri (import->reader) != NULL)
    return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                    _("<%s> is in an XML namespace; the export format uses none."), name);

  if (depth == 0)
    {
      xmlChar *version;
      gboolean known;

      if (strcmp (name, ROOT_ELEMENT) != 0)
        return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                        _("This is no CPE Vault export: it starts with <%s>, not <%s>."), name,
                        ROOT_ELEMENT);
      version = xmlTextReaderGetAttribute (import->reader, BAD_CAST "version");
      known = version != NULL && strcmp ((const char *) version, EXPORT_VERSION) == 0;
      xmlFree (version);
      if (!known)
        return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                        _("The export is format version %s; this CPE Vault reads version %s. "
                          "Install a newer CPE Vault to import it."),
                        version != NULL ? _("other than 1") : _("unknown"), EXPORT_VERSION);
      return TRUE;
    }

  if (depth == 1)
    {
      const Table *table = top_table_for (name);

      if (table == NULL)
        return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                        _("<%s> is not part of the export format."), name);
      if (!begin_record (import, table, error))
        return FALSE;
      if (empty)
        return end_record (import, error);
      return TRUE;
    }

  if (depth == 2 && import->record != NULL)
    {
      if (import->record == &evidence_table)
        {
          if (strcmp (name, "chunk") != 0)
            return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                            _("<evidence> holds only <chunk> elements, not <%s>."), name);
          import->in_chunk = !empty;
          return TRUE;
        }
      return child_row (import, name, error);
    }

  return fail_at (error, line, CPV_PORTABLE_ERROR_INVALID,
                  _("<%s> is not expected here."), name);
}

static gboolean
handle_node (Import  *import,
             GError **error)
{
  int type = xmlTextReaderNodeType (import->reader);

  switch (type)
    {
    case XML_READER_TYPE_ELEMENT:
      return handle_element (import, error);

    case XML_READER_TYPE_END_ELEMENT:
      if (xmlTextReaderDepth (import->reader) == 2)
        import->in_chunk = FALSE;
      if (xmlTextReaderDepth (import->reader) == 1 && import->record != NULL)
        return end_record (import, error);
      return TRUE;

    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
      {
        const char *text = (const char *) xmlTextReaderConstValue (import->reader);

        if (import->in_chunk && import->record == &evidence_table)
          return read_chunk (import, text != NULL ? text : "", error);
        for (const char *p = text; p != NULL && *p != '\0'; p++)
          if (!g_ascii_isspace (*p))
            return fail_at (error, current_line (import), CPV_PORTABLE_ERROR_INVALID,
                            _("Text is not expected here; values are attributes."));
        return TRUE;
      }

    case XML_READER_TYPE_DOCUMENT_TYPE:
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
      return fail_at (error, current_line (import), CPV_PORTABLE_ERROR_INVALID,
                      _("The export format has no DOCTYPE and no entities."));

    default:
      return TRUE;
    }
}

static void
import_clear (Import *import)
{
  if (import->record != NULL)
    free_values (import->record, import->record_values);
  import->record = NULL;
  import->record_values = NULL;
  g_clear_pointer (&import->reader, xmlFreeTextReader);
  g_clear_pointer (&import->ids, g_hash_table_unref);
  g_clear_pointer (&import->hashes, g_hash_table_unref);
  g_clear_pointer (&import->statements, g_hash_table_unref);
  g_clear_pointer (&import->deferred, g_ptr_array_unref);
  g_clear_pointer (&import->late_rows, g_ptr_array_unref);
  g_clear_pointer (&import->record_refs, g_hash_table_unref);
  g_clear_pointer (&import->checksum, g_checksum_free);
  if (import->pending != NULL)
    explicit_bzero (import->pending, CPV_EVIDENCE_CHUNK_SIZE);
  g_clear_pointer (&import->pending, g_free);
  g_clear_error (&import->io_error);
  g_clear_error (&import->xml_error);
}

static xmlRelaxNG *
load_schema (GError **error)
{
  g_autofree char *path = cpv_portable_schema_path ();
  xmlRelaxNGParserCtxt *parser = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNG *schema = NULL;

  if (parser != NULL)
    {
      xmlRelaxNGSetParserStructuredErrors (parser, NULL, NULL);
      schema = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
    }
  if (schema == NULL)
    g_set_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_SCHEMA,
                 _("Cannot read the export schema %s; reinstall CPE Vault."), path);
  return schema;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* One pass over the document: checks it (import->vault NULL) or writes it. */
static gboolean
run_pass (Import        *import,
          GInputStream  *stream,
          xmlRelaxNG    *schema,
          GError       **error)
{
  int rc;

  import->stream = stream;
  import->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              finalize_statement);
  import->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_free);
  import->late_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) late_row_free);
  import->record_refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->pending = g_malloc (CPV_EVIDENCE_CHUNK_SIZE);
  memset (&import->summary, 0, sizeof import->summary);

  import->reader = xmlReaderForIO (import_read_cb, import_close_cb, import, NULL, NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                                   XML_PARSE_NOBLANKS);
  if (import->reader == NULL)
    {
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_IO,
                           _("Cannot start reading the file (out of memory)."));
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (import->reader,
                                          (xmlStructuredErrorFunc) reader_error_cb, import);
  if (xmlTextReaderRelaxNGSetSchema (import->reader, schema) != 0)
    {
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_SCHEMA,
                           _("Cannot use the export schema; reinstall CPE Vault."));
      return FALSE;
    }

  while ((rc = xmlTextReaderRead (import->reader)) == 1)
    {
      if (import->xml_error != NULL)
        break;
      if (!handle_node (import, error))
        return FALSE;
    }

  if (import->io_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&import->io_error),
                                  _("Cannot read the file: "));
      return FALSE;
    }
  if (import->bytes_read == 0)
    return fail_at (error, 1, CPV_PORTABLE_ERROR_MALFORMED,
                    _("the file is empty; an export starts with <%s>."), ROOT_ELEMENT);
  if (import->xml_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import->xml_error));
      return FALSE;
    }
  if (rc < 0)
    return fail_at (error, xmlTextReaderGetParserLineNumber (import->reader),
                    CPV_PORTABLE_ERROR_MALFORMED, _("the file is not well-formed XML."));
  if (xmlTextReaderIsValid (import->reader) != 1)
    return fail_at (error, xmlTextReaderGetParserLineNumber (import->reader),
                    CPV_PORTABLE_ERROR_INVALID, _("the file does not follow the export format."));
  return apply_deferred (import, error) && insert_late_rows (import, error);
}

/**
 * cpv_portable_check:
 * @stream: a vault-export.rng document
 * @summary: (out) (optional): what the document holds
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #CPV_PORTABLE_ERROR
 *
 * Checks a whole export without any vault: well-formed, valid against vault-export.rng, every
 * value in range, every reference resolved, every evidence file's base64, size and SHA-256.
 * Errors name the line.
 *
 * Returns: %TRUE when cpv_vault_import() would accept the document into an empty vault
 */
gboolean
cpv_portable_check (GInputStream      *stream,
                    CpvImportSummary  *summary,
                    GCancellable      *cancellable,
                    GError           **error)
{
  Import import = { 0 };
  xmlRelaxNG *schema;
  gboolean ok;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  schema = load_schema (error);
  if (schema == NULL)
    return FALSE;
  import.cancellable = cancellable;
  ok = run_pass (&import, stream, schema, error);
  if (ok && summary != NULL)
    *summary = import.summary;
  import_clear (&import);
  xmlRelaxNGFree (schema);
  return ok;
}

static gboolean
vault_is_empty (CpvVault  *vault,
                gboolean  *out_empty,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _cpv_vault_prepare (vault,
                             "SELECT EXISTS (SELECT 1 FROM credential) OR "
                             "EXISTS (SELECT 1 FROM activity) OR "
                             "EXISTS (SELECT 1 FROM evidence)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _cpv_vault_set_sql_error (vault, error, rc, N_("reading the vault"));
      return FALSE;
    }
  *out_empty = sqlite3_column_int (stmt, 0) == 0;
  return TRUE;
}

/**
 * cpv_vault_import:
 * @vault: an open vault
 * @file: a vault-export.rng document, read twice
 * @flags: #CPV_IMPORT_MERGE to add to a vault that holds records already
 * @summary: (out) (optional): what was imported
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks the whole document first (see cpv_portable_check()), then writes every record in one
 * transaction: a file that fails any check, or a failure half-way, leaves the vault as it
 * was. Without %CPV_IMPORT_MERGE a vault that already holds credentials, activities or
 * evidence is refused; with it, evidence whose content is stored already is linked, not stored
 * twice. Error messages name the file and the line.
 *
 * Returns: %TRUE on success
 */
gboolean
cpv_vault_import (CpvVault          *vault,
                  GFile             *file,
                  CpvImportFlags     flags,
                  CpvImportSummary  *summary,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autoptr(GInputStream) check_stream = NULL;
  g_autoptr(GInputStream) write_stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  Import import = { 0 };
  xmlRelaxNG *schema = NULL;
  gboolean empty = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);

  if (_cpv_vault_lock (vault, error) == NULL)
    {
      _cpv_vault_unlock (vault);
      return FALSE;
    }
  if (!vault_is_empty (vault, &empty, error))
    goto unlock;
  if (!empty && (flags & CPV_IMPORT_MERGE) == 0)
    {
      g_set_error_literal (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_NOT_EMPTY,
                           _("The vault already holds records. Import into a new, empty vault, "
                             "or merge the file's records into these (--merge)."));
      goto unlock;
    }

  schema = load_schema (error);
  if (schema == NULL)
    goto unlock;

  /* Pass 1: check everything, touch nothing. */
  check_stream = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
  if (check_stream == NULL)
    {
      g_set_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_IO, _("Cannot read %s: %s"),
                   name, local_error->message);
      goto unlock;
    }
  import.cancellable = cancellable;
  if (!run_pass (&import, check_stream, schema, &local_error))
    {
      g_set_error (error, CPV_PORTABLE_ERROR, local_error->code, "%s, %s", name,
                   local_error->message);
      goto unlock;
    }
  import_clear (&import);
  g_input_stream_close (check_stream, NULL, NULL);

  /* Pass 2: the same reading, writing in one transaction. */
  write_stream = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
  if (write_stream == NULL)
    {
      g_set_error (error, CPV_PORTABLE_ERROR, CPV_PORTABLE_ERROR_IO, _("Cannot read %s: %s"),
                   name, local_error->message);
      goto unlock;
    }
  if (!_cpv_vault_begin (vault, error))
    goto unlock;
  memset (&import, 0, sizeof import);
  import.vault = vault;
  import.merge = (flags & CPV_IMPORT_MERGE) != 0;
  import.cancellable = cancellable;
  if (!run_pass (&import, write_stream, schema, &local_error))
    {
      _cpv_vault_rollback (vault);
      if (local_error->domain == CPV_PORTABLE_ERROR)
        g_set_error (error, CPV_PORTABLE_ERROR, local_error->code, "%s, %s", name,
                     local_error->message);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      goto unlock;
    }
  /* Prepared statements must be gone before COMMIT. */
  g_clear_pointer (&import.statements, g_hash_table_unref);
  if (!_cpv_vault_commit (vault, error))
    goto unlock;
  if (summary != NULL)
    *summary = import.summary;
  ok = TRUE;

  _cpv_vault_emit_changed (vault, "credential");
  _cpv_vault_emit_changed (vault, "activity");
  _cpv_vault_emit_changed (vault, "evidence");
  _cpv_vault_emit_changed (vault, "jrca");
  _cpv_vault_emit_changed (vault, "audits");

unlock:
  import_clear (&import);
  g_clear_pointer (&schema, xmlRelaxNGFree);
  _cpv_vault_unlock (vault);
  return ok;
}
