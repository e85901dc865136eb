/* cpv-jrca-forms.h — the content of JRCA forms 2B, 2C, 4A, 4B, 5A, 5C and 5D as PDF and CSV
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cpv-jrca.h"

G_BEGIN_DECLS

/* The PDFs are aids that the person copies into JRCA's official forms (seed 004 annex 1), not
 * the forms themselves, and say so on every page. Dates are Western-calendar (JRCA-LANG-1):
 * YYYY年MM月DD日 in the PDFs, YYYY/MM/DD in the CSVs. The CSVs are UTF-8 with a byte-order
 * mark (for spreadsheet programs), CRLF line ends and RFC 4180 quoting. */

#define CPV_JRCA_FORMS_ERROR (cpv_jrca_forms_error_quark ())

typedef enum
{
  CPV_JRCA_FORMS_ERROR_WRITE,   /* the file cannot be written; the message names it */
  CPV_JRCA_FORMS_ERROR_EMPTY,   /* the form would list nothing (e.g. 5A without records) */
} CpvJrcaFormsError;

/* Stable keys: "2b", "2c", "4a", "4b", "5a", "5c", "5d". */
typedef enum
{
  CPV_JRCA_FORM_2B,   /* work history, newest first (JRCA-HIST-1) */
  CPV_JRCA_FORM_2C,   /* business sectors (JRCA-SECTOR-1, annex 3) */
  CPV_JRCA_FORM_4A,   /* CPD records of the CPD period (JRCA-CPD-1/2) */
  CPV_JRCA_FORM_4B,   /* purpose and what was learned, one per CPD record that needs it */
  CPV_JRCA_FORM_5A,   /* one valid audit record per page (RULES.md 2.3, JRCA-DAYS-1) */
  CPV_JRCA_FORM_5C,   /* audit records for an upgrade, oldest first, with role marks */
  CPV_JRCA_FORM_5D,   /* audit records for maintenance/renewal, numbered oldest first */
} CpvJrcaForm;

#define CPV_JRCA_N_FORMS (CPV_JRCA_FORM_5D + 1)

typedef struct
{
  const char *applicant_name;  /* 氏名 on 4A/5C/5D; NULL: the registration's applicant_name,
                                * else blank */
  CpvDay      on;              /* the application date: CPD period, last-year marks, "current" */
  GPtrArray  *sector_names;    /* (element-type CpvJrcaSector) from cpv_jrca_sectors_load(),
                                * for form 2C; NULL prints the numbers only */
  CpvJrcaProcedure procedure;  /* what 5D is for: MAINTENANCE lists the records since the
                                * previous maintenance (or renewal) application (seed 004
                                * 6. b)), RENEWAL since the previous renewal application
                                * (7. b)); NONE: the registration's next procedure */
} CpvJrcaFormsOptions;

GQuark       cpv_jrca_forms_error_quark (void);

const char  *cpv_jrca_form_to_key       (CpvJrcaForm                form);
gboolean     cpv_jrca_form_from_key     (const char                *key,
                                         CpvJrcaForm               *out_form);
/* The form's Japanese title, e.g. "有効な審査実績の一覧（維持・更新用）（様式5D）". */
const char  *cpv_jrca_form_title        (CpvJrcaForm                form);

/* The audit records form 5A, 5C and 5D list (not observer; 5D: up to @on, since the previous
 * application @procedure names, see CpvJrcaFormsOptions), oldest first.
 * (element-type CpvJrcaAudit) (transfer container) */
GPtrArray   *cpv_jrca_form_audits       (const CpvJrcaData         *data,
                                         CpvJrcaForm                form,
                                         CpvDay                     on,
                                         CpvJrcaProcedure           procedure);
/* The CPD records of forms 4A (the CPD period up to @on) and 4B (those of them that need a
 * form 4B, JRCA-CPD-2). (element-type CpvJrcaCpd) (transfer container) */
GPtrArray   *cpv_jrca_form_cpd          (const CpvJrcaData         *data,
                                         CpvJrcaForm                form,
                                         CpvDay                     on);

/* The CSV text of a form (5A: one row per record). */
char        *cpv_jrca_form_csv          (const CpvJrcaData         *data,
                                         CpvJrcaForm                form,
                                         const CpvJrcaFormsOptions *options);

/* The PDFs: A4, cairo and Pango ("Noto Sans CJK JP"), one renderer behind all three. A form
 * that would list nothing is refused (CPV_JRCA_FORMS_ERROR_EMPTY) before anything is written.
 * @audit_id: for form 5A, the one record to print; 0 prints every record, one per page. */
gboolean     cpv_jrca_form_write_pdf_to_stream (const CpvJrcaData         *data,
                                                CpvJrcaForm                form,
                                                gint64                     audit_id,
                                                const CpvJrcaFormsOptions *options,
                                                GOutputStream             *stream,
                                                GCancellable              *cancellable,
                                                GError                   **error);
GBytes      *cpv_jrca_form_pdf_bytes    (const CpvJrcaData         *data,
                                         CpvJrcaForm                form,
                                         gint64                     audit_id,
                                         const CpvJrcaFormsOptions *options,
                                         GError                   **error);
/**
 * cpv_jrca_form_write_pdf:
 * @audit_id: for form 5A, the one record to print; 0 prints every record, one per page
 *
 * cpv_jrca_form_pdf_bytes() written to @path (mode 0600, replaced whole or not at all).
 *
 * Returns: FALSE with @error set (CPV_JRCA_FORMS_ERROR)
 */
gboolean     cpv_jrca_form_write_pdf    (const CpvJrcaData         *data,
                                         CpvJrcaForm                form,
                                         gint64                     audit_id,
                                         const CpvJrcaFormsOptions *options,
                                         const char                *path,
                                         GError                   **error);

/**
 * cpv_jrca_forms_write_all:
 * @out_files: (out) (optional) (element-type utf8): the file names written, in order
 *
 * Writes every form into @dir (which must exist): jrca-FORM.pdf and jrca-FORM.csv, and form
 * 5A as jrca-5a-N.pdf, one per record (N from 1, oldest first). Forms with nothing to list
 * are skipped. Existing files of those names are replaced.
 */
gboolean     cpv_jrca_forms_write_all   (const CpvJrcaData         *data,
                                         const CpvJrcaFormsOptions *options,
                                         const char                *dir,
                                         GPtrArray                **out_files,
                                         GError                   **error);

G_END_DECLS
