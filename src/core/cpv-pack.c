/* cpv-pack.c — the evidence pack: a ZIP for an auditor, streamed from the vault
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-pack"

#include "config.h"

#include "cpv-pack.h"
#include "cpv-audit.h"
#include "cpv-audit-private.h"
#include "cpv-evidence.h"
#include "cpv-jrca-evidence.h"
#include "cpv-jrca-forms.h"
#include "cpv-jrca-sectors.h"
#include "cpv-jrca-store.h"
#include "cpv-readiness.h"
#include "cpv-records.h"
#include "cpv-vault-private.h"

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlwriter.h>
#include <openssl/rand.h>
#include <pango/pangocairo.h>
#include <string.h>

/* The pack holds summary.pdf, activities.csv, evidence/<name> for every evidence item that
 * goes in, and manifest.xml last (it lists the others with size and SHA-256, so it cannot
 * list itself). A JRCA application pack (seed 004 6./7.) holds a checklist and the forms as
 * PDF in place of the summary and the CSV, and the files linked to the records the forms list;
 * both kinds are planned into the same PackPlan and written by the same code. Evidence bytes
 * go from the vault's chunk stream through libarchive to the output stream one buffer at a
 * time: the pack is never in memory. The summary, the CSV, the checklist, the forms and the
 * manifest are small and are built in memory.
 *
 * COUNCIL-TLP-1: TLP:RED and secret items stay out unless the person names each one; the
 * manifest records what was left out and why. COUNCIL-SUBMIT-1: --encrypt makes an AES-256
 * ZIP with a generated passphrase that is returned once and never stored. COUNCIL-NAME-1: the
 * seed's yymmdd is the submission date (提出年月日), so every file of a pack carries the pack's
 * date; the organisation is the one given for the pack, else the activity's provider. */

G_DEFINE_QUARK (cpv-pack-error-quark, cpv_pack_error)

#define BUFFER_SIZE (256 * 1024)
#define MAX_NAME_BYTES 180
#define MANIFEST_NAME "manifest.xml"
#define MANIFEST_MAX (16 * 1024 * 1024)

/* ---- names -------------------------------------------------------------------------------- */

static gboolean
is_reserved_windows_name (const char *name)
{
  static const char * const reserved[] = {
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", NULL
  };
  const char *dot = strchr (name, '.');
  gsize base_len = dot != NULL ? (gsize) (dot - name) : strlen (name);

  for (guint i = 0; reserved[i] != NULL; i++)
    if (base_len == strlen (reserved[i]) && g_ascii_strncasecmp (name, reserved[i], base_len) == 0)
      return TRUE;
  return FALSE;
}

/**
 * cpv_pack_safe_component:
 * @name: any UTF-8 text
 * @ascii_only: keep only ASCII letters, digits, '-', '_' and '.' (transliterating what GLib can;
 *   spaces become '-')
 * @max_bytes: the longest result in bytes (cut on a character boundary)
 *
 * Makes one path component that Windows, macOS and Linux accept: NFC, no control characters,
 * none of < > : " / \ | ? *, no leading or trailing dots and spaces, no reserved device name
 * (CON, NUL, COM1 …).
 *
 * Returns: (transfer full): the component, never empty ("_" at worst)
 */
char *
cpv_pack_safe_component (const char *name,
                         gboolean    ascii_only,
                         gsize       max_bytes)
{
  g_autofree char *normal = NULL;
  g_autofree char *ascii = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *source;
  gboolean underscore = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    name = "";
  normal = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  source = normal != NULL ? normal : "";
  if (ascii_only)
    {
      ascii = g_str_to_ascii (source, "C");
      source = ascii;
    }

  for (const char *p = source; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean keep;

      if (ascii_only && c == ' ')
        c = '-';
      if (ascii_only)
        keep = c < 0x80 && (g_ascii_isalnum (c) || c == '-' || c == '.');
      else
        keep = !g_unichar_iscntrl (c) && strchr ("<>:\"/\\|?*", (int) (c < 0x80 ? c : 'a')) == NULL &&
               c != 0x200B && c != 0xFEFF && g_unichar_isdefined (c);
      if (!ascii_only && g_unichar_isspace (c))
        {
          keep = TRUE;
          c = ' ';
        }
      if (!keep)
        {
          if (!underscore && out->len > 0)
            g_string_append_c (out, '_');
          underscore = TRUE;
          continue;
        }
      if (out->len + 6 > max_bytes)
        break;
      underscore = FALSE;
      g_string_append_unichar (out, c);
    }

  /* No leading or trailing dots, spaces or underscores. */
  while (out->len > 0 && strchr (". _-", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  while (out->len > 0 && strchr (". _-", out->str[0]) != NULL)
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_assign (out, "_");
  if (is_reserved_windows_name (out->str))
    g_string_prepend_c (out, '_');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
extension_of (const char *file_name)
{
  const char *dot = file_name != NULL ? strrchr (file_name, '.') : NULL;
  g_autoptr(GString) ext = g_string_new (NULL);

  if (dot == NULL || dot == file_name || dot[1] == '\0')
    return g_strdup ("");
  for (const char *p = dot + 1; *p != '\0' && ext->len < 10; p++)
    {
      if (!g_ascii_isalnum (*p))
        return g_strdup ("");
      g_string_append_c (ext, g_ascii_tolower (*p));
    }
  g_string_prepend_c (ext, '.');
  return g_string_free (g_steal_pointer (&ext), FALSE);
}

/* Unique in a case-insensitive file system: "name.pdf", "name-2.pdf" … */
static char *
unique_name (GHashTable *taken,
             const char *stem,
             const char *suffix,
             const char *ext)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strconcat (stem, suffix, ext, NULL)
                                          : g_strdup_printf ("%s-%u%s%s", stem, n, suffix, ext);
      g_autofree char *key = g_utf8_casefold (candidate, -1);

      if (!g_hash_table_contains (taken, key))
        {
          g_hash_table_add (taken, g_steal_pointer (&key));
          return g_steal_pointer (&candidate);
        }
    }
}

static char *
evidence_name (GHashTable   *taken,
               CpvPackNames  names,
               CpvDay        date,
               CpvActivity  *activity,
               CpvEvidence  *evidence,
               const char   *organisation)
{
  g_autofree char *ext = extension_of (evidence->file_name);
  int year, month, day;
  char yymmdd[8];

  cpv_day_to_ymd (date, &year, &month, &day);
  g_snprintf (yymmdd, sizeof yymmdd, "%02d%02d%02d", year % 100, month, day);

  if (names == CPV_PACK_NAMES_ASCII)
    {
      g_autofree char *title = cpv_pack_safe_component (activity->title, TRUE, 60);
      g_autofree char *kind = cpv_pack_safe_component (evidence->kind, TRUE, 20);
      g_autofree char *stem = NULL;

      /* A title with no ASCII at all (Japanese) leaves "_": drop it. */
      if (g_str_equal (title, "_"))
        stem = g_strdup_printf ("%s_a%lld_%s", yymmdd, (long long) activity->id, kind);
      else
        stem = g_strdup_printf ("%s_a%lld_%s_%s", yymmdd, (long long) activity->id, title,
                                kind);
      return unique_name (taken, stem, "", ext);
    }
  else
    {
      g_autofree char *document = g_strdup_printf ("%s %s", activity->title, evidence->kind);
      g_autofree char *title = cpv_pack_safe_component (document, FALSE, 110);
      const char *org = organisation != NULL && *organisation != '\0' ? organisation
                                                                      : activity->provider;
      g_autofree char *org_safe = org != NULL && *org != '\0'
                                  ? cpv_pack_safe_component (org, FALSE, 50) : NULL;
      g_autofree char *stem = g_strdup_printf ("%s_%s", yymmdd, title);
      g_autofree char *suffix = org_safe != NULL ? g_strdup_printf ("（%s）", org_safe)
                                                 : g_strdup ("");

      return unique_name (taken, stem, suffix, ext);
    }
}

/* ---- passphrase ----------------------------------------------------------------------------- */

/**
 * cpv_pack_generate_passphrase:
 *
 * Returns: (transfer full): 25 characters from a 32-letter alphabet without look-alikes
 *   (125 bits), in groups of five to read out on the telephone; wipe it after use
 */
char *
cpv_pack_generate_passphrase (void)
{
  static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  guint8 random[25];
  char *out = g_malloc0 (30);
  guint j = 0;

  if (RAND_bytes (random, sizeof random) != 1)
    g_error ("The system's random number generator failed");
  for (guint i = 0; i < sizeof random; i++)
    {
      if (i > 0 && i % 5 == 0)
        out[j++] = '-';
      out[j++] = alphabet[random[i] % 32];
    }
  explicit_bzero (random, sizeof random);
  return out;
}

/**
 * cpv_pack_submit_advice:
 *
 * Returns: the advice of COUNCIL-SUBMIT-1, for people
 */
const char *
cpv_pack_submit_advice (void)
{
  /* The seed: "パスワードについては、メールではなく、お電話等" — not by e-mail at all. */
  return _("Send the pack and its passphrase separately: tell the passphrase by telephone or "
           "another channel, never by e-mail (COUNCIL-SUBMIT-1). It is shown only now and is "
           "not stored anywhere.");
}

void
cpv_pack_result_free (CpvPackResult *result)
{
  if (result == NULL)
    return;
  if (result->passphrase != NULL)
    cpv_passphrase_wipe (result->passphrase);
  g_free (result->passphrase);
  g_free (result->path);
  g_free (result);
}

void
cpv_pack_verification_free (CpvPackVerification *verification)
{
  if (verification == NULL)
    return;
  g_ptr_array_unref (verification->problems);
  g_free (verification);
}

/**
 * cpv_pack_manifest_schema_path:
 *
 * Returns: (transfer full): pack-manifest.rng in $CPV_SCHEMAS_DIR, else PKGDATADIR/schemas,
 *   else the source tree
 */
char *
cpv_pack_manifest_schema_path (void)
{
  const char *override = g_getenv ("CPV_SCHEMAS_DIR");
  g_autofree char *installed = NULL;
  g_autofree char *source_data = NULL;

  if (override != NULL && *override != '\0')
    return g_build_filename (override, "pack-manifest.rng", NULL);
  installed = g_build_filename (PKGDATADIR, "schemas", "pack-manifest.rng", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);
  source_data = g_path_get_dirname (SOURCE_PROGRAMS_DIR);
  return g_build_filename (source_data, "schemas", "pack-manifest.rng", NULL);
}

/* ---- what goes in --------------------------------------------------------------------------- */

static gboolean
option_includes (const CpvPackOptions *options,
                 gint64                evidence_id)
{
  for (guint i = 0; i < options->n_include_evidence; i++)
    if (options->include_evidence[i] == evidence_id)
      return TRUE;
  return FALSE;
}

/* A JRCA record an evidence file belongs to, and its row on form 5D (audit) or 4A (CPD). */
typedef struct
{
  CpvJrcaRecordKind  kind;
  gint64             id;
  guint              row;
  const char        *role;     /* the link's role, interned */
} JrcaRef;

typedef struct
{
  CpvEvidence *evidence;
  GArray      *activity_ids;   /* of gint64 (ISC2 packs) */
  GArray      *jrca_refs;      /* of JrcaRef (JRCA packs) */
  CpvActivity *first;          /* names the file (ISC2 packs) */
  gboolean     included;
  char        *reason;         /* why it was left out */
  char        *path;           /* in the ZIP */
  char        *sha256;         /* as written */
} PackItem;

/* A file made in memory (summary, CSV, checklist, form), written before the evidence. A form
 * can be near a megabyte (the font subset), so forms are rendered one at a time as they are
 * written and dropped after: @bytes is NULL until then and again after. */
typedef struct
{
  char       *path;
  const char *role;            /* "summary", "activities", "checklist", "form" */
  const char *media_type;
  const char *form;            /* role "form": the form's key */
  gint64      record_id;       /* form 5A: its audit record */
  GBytes     *bytes;
  goffset     size;            /* known once made */
  char       *sha256;
} PackDocument;

typedef struct
{
  CpvCredential   *credential;
  CpvAuditRequest *audit;
  CpvDay           cycle_start;
  CpvDay           cycle_end;
  CpvDay           date;
  GPtrArray       *activities;      /* of CpvActivity, oldest first (NULL in JRCA packs) */
  GHashTable      *evidence_of;     /* activity id -> GPtrArray of PackItem (borrowed) */
  GPtrArray       *items;           /* of PackItem, by first appearance */
  GPtrArray       *documents;       /* of PackDocument, in the order written */
  char            *generated;
  /* JRCA application packs */
  CpvJrcaData     *jrca;            /* NULL for ISC2 packs */
  CpvJrcaProcedure procedure;
  gboolean         needs_5d;        /* the grade lists audit records (not assistant/expert-only) */
  GPtrArray       *rows_5d;         /* of CpvJrcaAudit (borrowed), form 5D's rows */
  GPtrArray       *rows_4a;         /* of CpvJrcaCpd (borrowed), form 4A's rows */
  GPtrArray       *links;           /* of CpvJrcaEvidenceLink, every link of the credential */
  char            *applicant;
  GPtrArray       *sector_names;    /* of CpvJrcaSector, for form 2C; may be NULL */
  CpvJrcaFormsOptions forms;        /* borrows applicant and sector_names */
} PackPlan;

static void
pack_item_free (PackItem *item)
{
  g_clear_object (&item->evidence);
  g_array_unref (item->activity_ids);
  g_array_unref (item->jrca_refs);
  g_free (item->reason);
  g_free (item->path);
  g_free (item->sha256);
  g_free (item);
}

static PackItem *
pack_item_new (CpvEvidence          *evidence,
               const CpvPackOptions *options)
{
  PackItem *item = g_new0 (PackItem, 1);
  gboolean red = g_strcmp0 (evidence->tlp, "red") == 0;

  item->evidence = g_object_ref (evidence);
  item->activity_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  item->jrca_refs = g_array_new (FALSE, FALSE, sizeof (JrcaRef));
  /* COUNCIL-TLP-1: RED and secret items only when the person names each one. */
  item->included = !(red || evidence->secret) || option_includes (options, evidence->id);
  if (!item->included)
    item->reason = g_strdup (red && evidence->secret ? "TLP:RED and secret"
                             : red ? "TLP:RED" : "secret");
  return item;
}

static void
pack_document_free (PackDocument *document)
{
  g_free (document->path);
  g_clear_pointer (&document->bytes, g_bytes_unref);
  g_free (document->sha256);
  g_free (document);
}

static void
document_set_bytes (PackDocument *document,
                    GBytes       *bytes)
{
  document->bytes = bytes;
  document->size = g_bytes_get_size (bytes);
  g_free (document->sha256);
  document->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Takes @bytes; NULL for a form made when it is written. */
static PackDocument *
add_document (PackPlan   *plan,
              const char *path,
              const char *role,
              const char *media_type,
              GBytes     *bytes)
{
  PackDocument *document = g_new0 (PackDocument, 1);

  document->path = g_strdup (path);
  document->role = role;
  document->media_type = media_type;
  if (bytes != NULL)
    document_set_bytes (document, bytes);
  g_ptr_array_add (plan->documents, document);
  return document;
}

static void
pack_plan_clear (PackPlan *plan)
{
  g_clear_object (&plan->credential);
  g_clear_pointer (&plan->audit, cpv_audit_request_free);
  g_clear_pointer (&plan->activities, g_ptr_array_unref);
  g_clear_pointer (&plan->evidence_of, g_hash_table_unref);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->documents, g_ptr_array_unref);
  g_clear_pointer (&plan->generated, g_free);
  g_clear_pointer (&plan->rows_5d, g_ptr_array_unref);
  g_clear_pointer (&plan->rows_4a, g_ptr_array_unref);
  g_clear_pointer (&plan->links, g_ptr_array_unref);
  g_clear_pointer (&plan->jrca, cpv_jrca_data_free);
  g_clear_pointer (&plan->applicant, g_free);
  g_clear_pointer (&plan->sector_names, g_ptr_array_unref);
}

/* Every item the person asked to include must be one the pack would hold. */
static gboolean
check_includes (const CpvPackOptions  *options,
                GHashTable            *by_evidence,
                GError               **error)
{
  for (guint i = 0; i < options->n_include_evidence; i++)
    if (!g_hash_table_contains (by_evidence, &options->include_evidence[i]))
      {
        g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                     _("Evidence item %lld is not part of this pack"),
                     (long long) options->include_evidence[i]);
        return FALSE;
      }
  return TRUE;
}

static int
compare_activities (gconstpointer a,
                    gconstpointer b)
{
  CpvActivity *x = *(CpvActivity * const *) a;
  CpvActivity *y = *(CpvActivity * const *) b;
  int by_date = g_strcmp0 (x->end_date, y->end_date);

  if (by_date != 0)
    return by_date;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
plan_isc2 (CpvVault              *vault,
           CpvProgramRegistry    *registry,
           const CpvPackOptions  *options,
           PackPlan              *plan,
           GError               **error)
{
  g_autoptr(GHashTable) by_evidence = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  gint64 credential_id = options->credential_id;

  if (options->audit_id != 0)
    {
      plan->audit = cpv_vault_get_audit (vault, registry, options->audit_id, &local_error);
      if (plan->audit == NULL)
        {
          g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_NOT_FOUND,
                               local_error->message);
          return FALSE;
        }
      credential_id = plan->audit->credential_id;
    }
  else if (credential_id == 0)
    {
      g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                           _("Say what the pack is for: an audit request or a credential"));
      return FALSE;
    }

  plan->credential = cpv_vault_get_credential (vault, credential_id, &local_error);
  if (plan->credential == NULL)
    {
      g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_NOT_FOUND, local_error->message);
      return FALSE;
    }

  if (plan->audit != NULL)
    {
      CpvDay latest = plan->audit->received;

      plan->activities = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < plan->audit->activity_ids->len; i++)
        {
          CpvActivity *activity = cpv_vault_get_activity (vault,
                                                          g_array_index (plan->audit->activity_ids,
                                                                         gint64, i), error);
          if (activity == NULL)
            return FALSE;
          g_ptr_array_add (plan->activities, activity);
        }
      g_ptr_array_sort (plan->activities, compare_activities);
      if (plan->activities->len > 0)
        {
          CpvActivity *last = plan->activities->pdata[plan->activities->len - 1];

          if (!cpv_day_parse (last->end_date, &latest))
            latest = plan->audit->received;
        }
      if (!_cpv_credential_cycle_for (plan->credential, latest, &plan->cycle_start,
                                      &plan->cycle_end))
        plan->cycle_start = plan->cycle_end = 0;
    }
  else
    {
      if (options->cycles_back < 0 ||
          !_cpv_credential_cycle_back (plan->credential, options->cycles_back,
                                       &plan->cycle_start, &plan->cycle_end))
        {
          g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                       _("The cycle of credential %lld cannot be worked out"),
                       (long long) credential_id);
          return FALSE;
        }
      plan->activities = cpv_readiness_cycle_activities (vault, plan->credential,
                                                         plan->cycle_start, plan->cycle_end,
                                                         error);
      if (plan->activities == NULL)
        return FALSE;
    }

  plan->evidence_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                             (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < plan->activities->len; i++)
    {
      CpvActivity *activity = plan->activities->pdata[i];
      g_autoptr(GPtrArray) evidence = cpv_vault_list_evidence (vault, activity->id, error);
      GPtrArray *mine = g_ptr_array_new ();

      if (evidence == NULL)
        {
          g_ptr_array_unref (mine);
          return FALSE;
        }
      g_hash_table_insert (plan->evidence_of, &activity->id, mine);
      for (guint j = 0; j < evidence->len; j++)
        {
          CpvEvidence *item_evidence = evidence->pdata[j];
          PackItem *item = g_hash_table_lookup (by_evidence, &item_evidence->id);

          if (item == NULL)
            {
              item = pack_item_new (item_evidence, options);
              item->first = activity;
              g_ptr_array_add (plan->items, item);
              g_hash_table_insert (by_evidence, &item->evidence->id, item);
            }
          g_array_append_val (item->activity_ids, activity->id);
          g_ptr_array_add (mine, item);
        }
    }

  if (!check_includes (options, by_evidence, error))
    return FALSE;

  /* The fixed files first, so that no evidence name takes theirs. */
  g_hash_table_add (taken, g_strdup ("evidence/"));
  for (guint i = 0; i < plan->items->len; i++)
    {
      PackItem *item = plan->items->pdata[i];
      g_autofree char *name = NULL;

      if (!item->included)
        continue;
      name = evidence_name (taken, options->names, plan->date, item->first, item->evidence,
                            options->organisation);
      item->path = g_strconcat ("evidence/", name, NULL);
    }
  return TRUE;
}

static char
group_for (CpvProgramRegistry *registry,
           CpvActivity        *activity,
           CpvCredential      *credential)
{
  const CpvCategory *category;

  for (guint i = 0; i < activity->credit_lines->len; i++)
    {
      const CpvCreditLine *line = &g_array_index (activity->credit_lines, CpvCreditLine, i);

      if (line->credential_id == credential->id)
        return line->group;
    }
  category = registry != NULL ? cpv_program_registry_lookup_category (registry,
                                                                      activity->category, NULL)
                              : NULL;
  return category != NULL ? category->group : 'A';
}

static const char *
category_label (CpvProgramRegistry *registry,
                const char         *key)
{
  const CpvCategory *category = registry != NULL
                                ? cpv_program_registry_lookup_category (registry, key, NULL) : NULL;

  return category != NULL && category->label != NULL ? category->label : key;
}

static char *
format_credits (double credits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", credits));
}

static char *
format_size (goffset size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

/* ---- summary PDF ---------------------------------------------------------------------------- */

#define PAGE_WIDTH 595.0   /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN 56.0

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  GByteArray      *bytes;
  double           y;
  int              page;
} Pdf;

static cairo_status_t
pdf_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
pdf_footer (Pdf *pdf)
{
  g_autofree char *text = g_strdup_printf ("Page %d", pdf->page);
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK JP, Sans 8");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (pdf->cr, MARGIN, PAGE_HEIGHT - MARGIN / 2);
  pango_cairo_show_layout (pdf->cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
pdf_begin (Pdf        *pdf,
           const char *title)
{
  pdf->bytes = g_byte_array_new ();
  pdf->surface = cairo_pdf_surface_create_for_stream (pdf_write_cb, pdf->bytes, PAGE_WIDTH,
                                                      PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR,
                                  "CPE Vault " PACKAGE_VERSION);
  pdf->cr = cairo_create (pdf->surface);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  pdf->y = MARGIN;
  pdf->page = 1;
}

/* Finishes the document: the PDF in @out, or the cairo status that went wrong. */
static cairo_status_t
pdf_end (Pdf     *pdf,
         GBytes **out)
{
  cairo_status_t status;

  pdf_footer (pdf);
  cairo_destroy (pdf->cr);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  cairo_surface_destroy (pdf->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    g_byte_array_unref (pdf->bytes);
  else
    *out = g_byte_array_free_to_bytes (pdf->bytes);
  pdf->bytes = NULL;
  return status;
}

static void
pdf_new_page (Pdf *pdf)
{
  pdf_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

/* One paragraph, line by line, so that a long one flows onto the next page. */
static void
pdf_paragraph (Pdf        *pdf,
               const char *text,
               const char *font_name,
               double      indent,
               double      space_after)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_from_string (font_name);
  PangoLayoutIter *iter;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL && g_utf8_validate (text, -1, NULL) ? text : "",
                         -1);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      if (pdf->y + height > PAGE_HEIGHT - MARGIN)
        pdf_new_page (pdf);
      cairo_move_to (pdf->cr, MARGIN + indent + (double) logical.x / PANGO_SCALE,
                     pdf->y + baseline);
      pango_cairo_show_layout_line (pdf->cr, line);
      pdf->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pdf->y += space_after;
  pango_font_description_free (font);
  g_object_unref (layout);
}

#define FONT_TITLE "Noto Sans CJK JP, Sans Bold 16"
#define FONT_HEADING "Noto Sans CJK JP, Sans Bold 11"
#define FONT_BODY "Noto Sans CJK JP, Sans 9.5"
#define FONT_SMALL "Noto Sans CJK JP, Sans 8"

static GBytes *
summary_pdf (PackPlan              *plan,
             CpvProgramRegistry    *registry,
             const CpvPackOptions  *options,
             GError               **error)
{
  GBytes *bytes = NULL;
  cairo_status_t status;
  Pdf pdf = { NULL, };
  double group_a = 0, group_b = 0;
  char a[11], b[11], today[11];
  g_autofree char *line = NULL;

  pdf_begin (&pdf, "CPE evidence pack");
  pdf_paragraph (&pdf, "CPE evidence pack", FONT_TITLE, 0, 8);
  cpv_day_format_buf (plan->date, today);
  if (options->member != NULL && *options->member != '\0')
    {
      g_autofree char *member = g_strdup_printf ("Member: %s", options->member);

      pdf_paragraph (&pdf, member, FONT_BODY, 0, 2);
    }
  {
    const CpvCredentialRules *rules = _cpv_credential_rules (registry, plan->credential);
    g_autofree char *credential = g_strdup_printf ("Credential: %s %s%s%s%s", plan->credential->program,
                                                   plan->credential->code,
                                                   rules && rules->name ? " (" : "",
                                                   rules && rules->name ? rules->name : "",
                                                   rules && rules->name ? ")" : "");

    pdf_paragraph (&pdf, credential, FONT_BODY, 0, 2);
  }
  if (plan->cycle_start != 0)
    {
      cpv_day_format_buf (plan->cycle_start, a);
      cpv_day_format_buf (plan->cycle_end, b);
      line = g_strdup_printf ("Cycle: %s to %s", a, b);
      pdf_paragraph (&pdf, line, FONT_BODY, 0, 2);
      g_clear_pointer (&line, g_free);
    }
  if (plan->audit != NULL)
    {
      cpv_day_format_buf (plan->audit->received, a);
      cpv_day_format_buf (plan->audit->due, b);
      line = g_strdup_printf ("Audit request %lld: received %s, response due %s "
                              "(ISC2-AUDIT-1)", (long long) plan->audit->id, a, b);
      pdf_paragraph (&pdf, line, FONT_BODY, 0, 2);
      g_clear_pointer (&line, g_free);
    }
  line = g_strdup_printf ("Prepared %s (generated %s)", today, plan->generated);
  pdf_paragraph (&pdf, line, FONT_BODY, 0, 10);
  g_clear_pointer (&line, g_free);

  for (guint i = 0; i < plan->activities->len; i++)
    {
      CpvActivity *activity = plan->activities->pdata[i];

      if (group_for (registry, activity, plan->credential) == 'B')
        group_b += activity->credits;
      else
        group_a += activity->credits;
    }
  {
    g_autofree char *ca = format_credits (group_a);
    g_autofree char *cb = format_credits (group_b);
    g_autofree char *ct = format_credits (group_a + group_b);

    pdf_paragraph (&pdf, "Totals by group", FONT_HEADING, 0, 2);
    line = g_strdup_printf ("%u activities. Group A: %s credits. Group B: %s credits. Total: %s "
                            "credits (as recorded, before caps).", plan->activities->len, ca, cb,
                            ct);
    pdf_paragraph (&pdf, line, FONT_BODY, 0, 10);
    g_clear_pointer (&line, g_free);
  }

  for (guint i = 0; i < plan->activities->len; i++)
    {
      CpvActivity *activity = plan->activities->pdata[i];
      GPtrArray *items = g_hash_table_lookup (plan->evidence_of, &activity->id);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, activity->title);
      g_autofree char *credits = format_credits (activity->credits);
      g_autofree char *facts = NULL;

      if (pdf.y > PAGE_HEIGHT - MARGIN - 80)
        pdf_new_page (&pdf);
      pdf_paragraph (&pdf, heading, FONT_HEADING, 0, 2);
      facts = g_strdup_printf ("Dates: %s to %s\nCategory: %s\nCredits: %s (Group %c)%s%s%s%s%s%s%s%s",
                               activity->start_date, activity->end_date,
                               category_label (registry, activity->category), credits,
                               group_for (registry, activity, plan->credential),
                               activity->provider ? "\nProvider: " : "",
                               activity->provider ? activity->provider : "",
                               activity->author ? "\nAuthor: " : "",
                               activity->author ? activity->author : "",
                               activity->isbn ? "\nISBN: " : "",
                               activity->isbn ? activity->isbn : "",
                               activity->publisher ? "\nPublisher: " : "",
                               activity->publisher ? activity->publisher : "");
      pdf_paragraph (&pdf, facts, FONT_BODY, 10, 2);
      if (activity->description != NULL && *activity->description != '\0')
        {
          g_autofree char *description = g_strdup_printf ("Description: %s",
                                                          activity->description);

          pdf_paragraph (&pdf, description, FONT_BODY, 10, 2);
        }
      if (items == NULL || items->len == 0)
        pdf_paragraph (&pdf, "Evidence: none stored", FONT_BODY, 10, 8);
      else
        {
          pdf_paragraph (&pdf, "Evidence:", FONT_BODY, 10, 1);
          for (guint j = 0; j < items->len; j++)
            {
              PackItem *item = items->pdata[j];
              g_autofree char *size = format_size (item->evidence->size);
              g_autofree char *text = NULL;

              if (item->included)
                text = g_strdup_printf ("• %s (%s, %s, TLP:%s)\n  file: %s\n  SHA-256: %s",
                                        item->evidence->file_name, item->evidence->kind, size,
                                        item->evidence->tlp, item->path, item->evidence->sha256);
              else
                text = g_strdup_printf ("• evidence item %lld (%s) left out: %s "
                                        "(COUNCIL-TLP-1)", (long long) item->evidence->id,
                                        item->evidence->kind, item->reason);
              pdf_paragraph (&pdf, text, FONT_SMALL, 20, 2);
            }
          pdf.y += 6;
        }
    }

  status = pdf_end (&pdf, &bytes);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO,
                   _("The summary PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return bytes;
}

/* ---- CSV ------------------------------------------------------------------------------------ */

static void
csv_cell (GString    *out,
          const char *value,
          gboolean    last)
{
  const char *text = value != NULL ? value : "";

  g_string_append_c (out, '"');
  /* A leading = + - @ makes spreadsheets run a formula: keep it text. */
  if (strchr ("=+-@", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append (out, last ? "\"\r\n" : "\",");
}

static GBytes *
activities_csv (PackPlan           *plan,
                CpvProgramRegistry *registry)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");   /* BOM: spreadsheets then read UTF-8 */
  static const char * const headings[] = {
    "id", "title", "category", "start_date", "end_date", "hours", "credits", "group",
    "provider", "author", "isbn", "publisher", "submitted", "auto_submitted", "description",
    "evidence_files", "evidence_left_out"
  };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    csv_cell (out, headings[i], i + 1 == G_N_ELEMENTS (headings));
  for (guint i = 0; i < plan->activities->len; i++)
    {
      CpvActivity *activity = plan->activities->pdata[i];
      GPtrArray *items = g_hash_table_lookup (plan->evidence_of, &activity->id);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) activity->id);
      g_autofree char *hours = activity->hours >= 0 ? format_credits (activity->hours) : NULL;
      g_autofree char *credits = format_credits (activity->credits);
      char group[2] = { group_for (registry, activity, plan->credential), '\0' };
      g_autoptr(GString) files = g_string_new (NULL);
      g_autoptr(GString) left_out = g_string_new (NULL);

      for (guint j = 0; items != NULL && j < items->len; j++)
        {
          PackItem *item = items->pdata[j];
          GString *target = item->included ? files : left_out;

          if (target->len > 0)
            g_string_append (target, "; ");
          if (item->included)
            g_string_append (target, item->path);
          else
            g_string_append_printf (target, "%" G_GINT64_FORMAT " (%s)", item->evidence->id,
                                    item->reason);
        }
      csv_cell (out, id, FALSE);
      csv_cell (out, activity->title, FALSE);
      csv_cell (out, activity->category, FALSE);
      csv_cell (out, activity->start_date, FALSE);
      csv_cell (out, activity->end_date, FALSE);
      csv_cell (out, hours, FALSE);
      csv_cell (out, credits, FALSE);
      csv_cell (out, group, FALSE);
      csv_cell (out, activity->provider, FALSE);
      csv_cell (out, activity->author, FALSE);
      csv_cell (out, activity->isbn, FALSE);
      csv_cell (out, activity->publisher, FALSE);
      csv_cell (out, activity->submitted ? "yes" : "no", FALSE);
      csv_cell (out, activity->auto_submitted ? "yes" : "no", FALSE);
      csv_cell (out, activity->description, FALSE);
      csv_cell (out, files->str, FALSE);
      csv_cell (out, left_out->str, TRUE);
    }
  return g_string_free_to_bytes (out);
}

/* ---- JRCA application packs ----------------------------------------------------------------- */

static gboolean
is_jrca (CpvProgramRegistry *registry,
         CpvCredential      *credential)
{
  CpvProgram *program = registry != NULL
                        ? cpv_program_registry_lookup (registry, credential->program) : NULL;

  if (program != NULL)
    return cpv_program_get_kind (program) == CPV_PROGRAM_KIND_JRCA;
  return g_str_has_prefix (credential->program, "jrca");
}

/* COUNCIL-style names are Japanese whatever the locale, like the forms (JRCA-LANG-1), so that
 * they stay the same from one pack to the next. */
static const char *
form_file_title (CpvJrcaForm form)
{
  switch (form)
    {
    case CPV_JRCA_FORM_2C:
      return "業務経験のある事業分野申請書";
    case CPV_JRCA_FORM_4A:
      return "CPD実績の記録（A）";
    case CPV_JRCA_FORM_4B:
      return "CPD実績の記録（B）";
    case CPV_JRCA_FORM_5A:
      return "有効な審査実績";
    case CPV_JRCA_FORM_5D:
      return "有効な審査実績の一覧";
    default:
      return cpv_jrca_form_to_key (form);
    }
}

static const char *
link_role_file_title (const char *role)
{
  static const char * const titles[][2] = {
    { "form-5a", "様式5A" }, { "schedule", "審査スケジュール" }, { "report", "審査報告書" },
    { "form-3a", "様式3A" }, { "certificate", "修了証" }, { "programme", "プログラム" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (role, titles[i][0]) == 0)
      return titles[i][1];
  return "その他";
}

/* 様式5D_有効な審査実績の一覧.pdf, 様式5A_03_<organisation>.pdf; form-5d.pdf, form-5a-03.pdf */
static char *
form_file_name (GHashTable  *taken,
                CpvPackNames names,
                CpvJrcaForm  form,
                guint        row,
                const char  *organisation)
{
  const char *key = cpv_jrca_form_to_key (form);
  g_autofree char *stem = NULL;

  if (names == CPV_PACK_NAMES_ASCII)
    stem = row != 0 ? g_strdup_printf ("form-%s-%02u", key, row)
                    : g_strdup_printf ("form-%s", key);
  else
    {
      g_autofree char *upper = g_ascii_strup (key, -1);
      g_autofree char *safe = organisation != NULL && *organisation != '\0'
                              ? cpv_pack_safe_component (organisation, FALSE, 60) : NULL;

      if (row != 0)
        stem = g_strdup_printf ("様式%s_%02u_%s", upper, row,
                                safe != NULL ? safe : form_file_title (form));
      else
        stem = g_strdup_printf ("様式%s_%s", upper, form_file_title (form));
    }
  return unique_name (taken, stem, "", ".pdf");
}

/* evidence/5D-03_審査スケジュール_<original name>, evidence/4a-02_certificate_<ascii name> */
static char *
jrca_evidence_name (GHashTable    *taken,
                    CpvPackNames   names,
                    const JrcaRef *ref,
                    CpvEvidence   *evidence)
{
  const char *file_name = evidence->file_name != NULL ? evidence->file_name : "";
  g_autofree char *ext = extension_of (file_name);
  g_autofree char *original = g_strndup (file_name, strlen (file_name) - strlen (ext));
  const char *form = ref->kind == CPV_JRCA_RECORD_AUDIT ? "5D" : "4A";
  g_autofree char *stem = NULL;

  if (names == CPV_PACK_NAMES_ASCII)
    {
      g_autofree char *lower = g_ascii_strdown (form, -1);
      g_autofree char *role = cpv_pack_safe_component (ref->role, TRUE, 20);
      g_autofree char *safe = cpv_pack_safe_component (original, TRUE, 60);

      /* A name with no ASCII at all (Japanese) leaves "_": drop it. */
      if (g_str_equal (safe, "_"))
        stem = g_strdup_printf ("evidence/%s-%02u_%s", lower, ref->row, role);
      else
        stem = g_strdup_printf ("evidence/%s-%02u_%s_%s", lower, ref->row, role, safe);
    }
  else
    {
      g_autofree char *safe = cpv_pack_safe_component (original, FALSE, 100);

      stem = g_strdup_printf ("evidence/%s-%02u_%s_%s", form, ref->row,
                              link_role_file_title (ref->role), safe);
    }
  return unique_name (taken, stem, "", ext);
}

/* The row (from 1) of the record @record_id in @rows, of CpvJrcaAudit or CpvJrcaCpd as
 * @record_kind says; 0 when the form leaves it out. */
static guint
record_row (CpvJrcaRecordKind  record_kind,
            GPtrArray         *rows,
            gint64             record_id)
{
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = record_kind == CPV_JRCA_RECORD_AUDIT ? ((CpvJrcaAudit *) rows->pdata[i])->id
                                                       : ((CpvJrcaCpd *) rows->pdata[i])->id;

      if (id == record_id)
        return i + 1;
    }
  return 0;
}

/* Plans a form; it is made when it is written (make_document). */
static void
add_form (PackPlan           *plan,
          GHashTable         *taken,
          CpvPackNames        names,
          CpvJrcaForm         form,
          const CpvJrcaAudit *audit,
          guint               row)
{
  g_autofree char *name = form_file_name (taken, names, form, row,
                                          audit != NULL ? audit->organisation : NULL);
  PackDocument *document = add_document (plan, name, "form", "application/pdf", NULL);

  document->form = cpv_jrca_form_to_key (form);
  document->record_id = audit != NULL ? audit->id : 0;
}

/* Makes a planned form into @document->bytes. */
static gboolean
make_document (PackPlan      *plan,
               PackDocument  *document,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  CpvJrcaForm form;
  GBytes *pdf;

  if (document->bytes != NULL)
    return TRUE;
  if (!cpv_jrca_form_from_key (document->form, &form))
    g_return_val_if_reached (FALSE);
  pdf = cpv_jrca_form_pdf_bytes (plan->jrca, form, document->record_id, &plan->forms,
                                 &local_error);
  if (pdf == NULL)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO, _("Form %s could not be made: %s"),
                   document->form, local_error->message);
      return FALSE;
    }
  document_set_bytes (document, pdf);
  return TRUE;
}

static gboolean
audit_has_link (PackPlan   *plan,
                gint64      audit_id,
                const char *role)
{
  for (guint i = 0; i < plan->links->len; i++)
    {
      CpvJrcaEvidenceLink *link = plan->links->pdata[i];

      if (link->record_kind == CPV_JRCA_RECORD_AUDIT && link->record_id == audit_id &&
          g_strcmp0 (link->role, role) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
checklist_line (Pdf        *pdf,
                const char *text)
{
  g_autofree char *box = g_strdup_printf ("□ %s", text);

  pdf_paragraph (pdf, box, FONT_BODY, 10, 3);
}

/* One page: what is in the pack, and what JRCA also needs that the app cannot make (seed 004
 * 6. and 7., the tables of 提出資料). */
static GBytes *
checklist_pdf (PackPlan  *plan,
               GError   **error)
{
  CpvJrcaRegistration *registration = plan->jrca->registration;
  gboolean renewal = plan->procedure == CPV_JRCA_PROCEDURE_RENEWAL;
  g_autoptr(GString) without_evidence = g_string_new (NULL);
  guint n_without_evidence = 0;
  g_autofree char *line = NULL;
  GBytes *bytes = NULL;
  cairo_status_t status;
  Pdf pdf = { NULL, };
  char day[11];

  pdf_begin (&pdf, "JRCA application checklist");
  pdf_paragraph (&pdf, renewal ? _("JRCA renewal application: checklist")
                               : _("JRCA maintenance application: checklist"), FONT_TITLE, 0, 8);
  line = g_strdup_printf (_("Applicant: %s"), plan->applicant != NULL ? plan->applicant : "");
  pdf_paragraph (&pdf, line, FONT_BODY, 0, 2);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf (_("Grade and registration number: %s %s"),
                          cpv_jrca_grade_label (registration->grade),
                          registration->registration_number != NULL
                          ? registration->registration_number : "");
  pdf_paragraph (&pdf, line, FONT_BODY, 0, 2);
  g_clear_pointer (&line, g_free);
  cpv_day_format_buf (plan->date, day);
  line = g_strdup_printf (_("Application date: %s"), day);
  pdf_paragraph (&pdf, line, FONT_BODY, 0, 10);
  g_clear_pointer (&line, g_free);

  pdf_paragraph (&pdf, _("In this pack"), FONT_HEADING, 0, 2);
  for (guint i = 0; i < plan->documents->len; i++)
    {
      PackDocument *document = plan->documents->pdata[i];
      CpvJrcaForm form;

      if (document->form != NULL && cpv_jrca_form_from_key (document->form, &form))
        {
          line = g_strdup_printf ("%s — %s", document->path, cpv_jrca_form_title (form));
          checklist_line (&pdf, line);
          g_clear_pointer (&line, g_free);
        }
      else
        checklist_line (&pdf, document->path);
    }
  for (guint i = 0; i < plan->items->len; i++)
    if (((PackItem *) plan->items->pdata[i])->included)
      checklist_line (&pdf, ((PackItem *) plan->items->pdata[i])->path);
  for (guint i = 0; i < plan->items->len; i++)
    {
      PackItem *item = plan->items->pdata[i];

      if (!item->included)
        {
          line = g_strdup_printf (_("Evidence item %lld (%s) left out: %s (COUNCIL-TLP-1). "
                                    "Include it explicitly if JRCA needs it."),
                                  (long long) item->evidence->id, item->evidence->kind,
                                  item->reason);
          checklist_line (&pdf, line);
          g_clear_pointer (&line, g_free);
        }
    }
  pdf_paragraph (&pdf, _("The form PDFs are aids for copying into JRCA's official forms, not "
                         "the forms themselves."), FONT_SMALL, 0, 10);

  pdf_paragraph (&pdf, _("Also send (CPE Vault cannot make these)"), FONT_HEADING, 0, 2);
  checklist_line (&pdf, _("Form 1-I, the registration application including the pledge: sign it, "
                          "or print your name and seal it."));
  checklist_line (&pdf, _("Form 8, the transfer slip with a copy of the record of your fee "
                          "payment."));
  if (plan->needs_5d && plan->rows_5d->len == 0)
    checklist_line (&pdf, _("Form 5D: no audit records of this period are entered yet; add them "
                            "before you apply."));
  else if (plan->needs_5d && !renewal)
    checklist_line (&pdf, _("Form 5D: sign it, or print your name and seal it, to pledge that "
                            "the records are true."));
  else if (plan->needs_5d)
    for (guint i = 0; i < plan->rows_5d->len; i++)
      {
        CpvJrcaAudit *audit = plan->rows_5d->pdata[i];
        g_autoptr(GString) missing = g_string_new (NULL);
        const char *roles[] = { "form-5a", "schedule",
                                audit->body_iaf_accredited ? NULL : "report" };

        if (!cpv_jrca_audit_has_evidence (audit))
          {
            g_string_append_printf (without_evidence, "%s%u", without_evidence->len > 0 ? ", " : "",
                                    i + 1);
            n_without_evidence++;
            continue;
          }
        for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
          if (roles[r] != NULL && !audit_has_link (plan, audit->id, roles[r]))
            g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "",
                                    cpv_jrca_evidence_role_label (roles[r]));
        if (missing->len > 0)
          {
            line = g_strdup_printf (_("Form 5D row %u: %s not stored in the vault; add the "
                                      "copies you hold."), i + 1, missing->str);
            checklist_line (&pdf, line);
            g_clear_pointer (&line, g_free);
          }
      }
  if (n_without_evidence > 0)
    {
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Form 5D row %s has no evidence: sign the pledge on "
                                           "form 5D, or print your name and seal it, and give "
                                           "the organisation's contact details if the audit is "
                                           "of the last year.",
                                           "Form 5D rows %s have no evidence: sign the pledge on "
                                           "form 5D, or print your name and seal it, and give "
                                           "the organisations' contact details for the audits "
                                           "of the last year.", n_without_evidence),
                              without_evidence->str);
      checklist_line (&pdf, line);
      g_clear_pointer (&line, g_free);
    }
  if (plan->rows_4a->len == 0)
    checklist_line (&pdf, _("Form 4A: no CPD records of the CPD period are entered yet."));
  if (renewal)
    checklist_line (&pdf, _("Photo, only to replace the one on your auditor card: 45 × 36 mm or "
                            "30 × 25 mm, taken within the last 6 months, your name on the back."));

  status = pdf_end (&pdf, &bytes);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO,
                   _("The checklist PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return bytes;
}

static gboolean
plan_jrca (CpvVault              *vault,
           CpvProgramRegistry    *registry,
           const CpvPackOptions  *options,
           PackPlan              *plan,
           GError               **error)
{
  g_autoptr(GHashTable) by_evidence = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows_4b = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *checklist_name = options->names == CPV_PACK_NAMES_ASCII ? "checklist.pdf"
                                                                      : "提出チェックリスト.pdf";
  gint64 credential_id = options->jrca_credential_id;
  CpvJrcaRegistration *registration;
  CpvJrcaGrade grade;
  GBytes *checklist;

  plan->credential = cpv_vault_get_credential (vault, credential_id, &local_error);
  if (plan->credential == NULL)
    {
      g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_NOT_FOUND, local_error->message);
      return FALSE;
    }
  if (!is_jrca (registry, plan->credential))
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                   _("Credential %lld (%s) is not a JRCA registration: a JRCA application pack "
                     "is made for a JRCA credential"), (long long) credential_id,
                   plan->credential->code);
      return FALSE;
    }
  plan->jrca = cpv_vault_load_jrca_data (vault, credential_id, error);
  if (plan->jrca == NULL)
    return FALSE;
  registration = plan->jrca->registration;
  if (registration == NULL)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                   _("Credential %lld (%s) has no JRCA registration yet: enter its grade, "
                     "registration number and dates first"), (long long) credential_id,
                   plan->credential->code);
      return FALSE;
    }
  plan->procedure = options->jrca_procedure != CPV_JRCA_PROCEDURE_NONE
                    ? options->jrca_procedure : cpv_jrca_next_procedure (registration, NULL);
  if (plan->procedure == CPV_JRCA_PROCEDURE_NONE)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                   _("Credential %lld (%s) has neither a maintenance deadline nor an expiry date: "
                     "say whether the pack is for maintenance or renewal"),
                   (long long) credential_id, plan->credential->code);
      return FALSE;
    }

  /* Form 5D is for auditors and lead auditors; assistants and expert-only holders send no
   * audit records (seed 004 6. and 7., JRCA-EXPERT-1). */
  grade = cpv_jrca_effective_grade (registration);
  plan->needs_5d = !registration->expert_only &&
                   (grade == CPV_JRCA_GRADE_AUDITOR || grade == CPV_JRCA_GRADE_LEAD);
  plan->applicant = g_strdup (options->member != NULL && *options->member != '\0'
                              ? options->member : registration->applicant_name);
  /* The sector names only label form 2C: without them it shows the numbers. */
  plan->sector_names = cpv_jrca_sectors_load (NULL, &local_error);
  if (plan->sector_names == NULL)
    {
      g_debug ("Form 2C without sector names: %s", local_error->message);
      g_clear_error (&local_error);
    }
  plan->forms.applicant_name = plan->applicant;
  plan->forms.on = plan->date;
  plan->forms.sector_names = plan->sector_names;
  plan->forms.procedure = plan->procedure;

  plan->rows_5d = plan->needs_5d ? cpv_jrca_form_audits (plan->jrca, CPV_JRCA_FORM_5D,
                                                         plan->date, plan->procedure)
                                 : g_ptr_array_new ();
  plan->rows_4a = cpv_jrca_form_cpd (plan->jrca, CPV_JRCA_FORM_4A, plan->date);
  rows_4b = cpv_jrca_form_cpd (plan->jrca, CPV_JRCA_FORM_4B, plan->date);
  plan->links = cpv_vault_list_jrca_evidence_for_credential (vault, credential_id, error);
  if (plan->links == NULL)
    return FALSE;

  /* The evidence: at renewal the files of the records form 5D marks with evidence (7. c), d));
   * at maintenance none (6. b): 維持申請では審査のエビデンスは不要). Form 3A belongs to
   * upgrades. Always the files of the CPD records form 4A lists. */
  for (guint i = 0; i < plan->links->len; i++)
    {
      CpvJrcaEvidenceLink *link = plan->links->pdata[i];
      JrcaRef ref = { link->record_kind, link->record_id, 0, g_intern_string (link->role) };
      PackItem *item;

      if (link->record_kind == CPV_JRCA_RECORD_AUDIT)
        {
          guint row = record_row (link->record_kind, plan->rows_5d, link->record_id);

          if (plan->procedure != CPV_JRCA_PROCEDURE_RENEWAL ||
              g_strcmp0 (link->role, "form-3a") == 0 || row == 0 ||
              !cpv_jrca_audit_has_evidence (plan->rows_5d->pdata[row - 1]))
            continue;
          ref.row = row;
        }
      else
        {
          ref.row = record_row (link->record_kind, plan->rows_4a, link->record_id);
          if (ref.row == 0)
            continue;
        }

      item = g_hash_table_lookup (by_evidence, &link->evidence_id);
      if (item == NULL)
        {
          g_autoptr(CpvEvidence) evidence = cpv_vault_get_evidence (vault, link->evidence_id,
                                                                     error);

          if (evidence == NULL)
            return FALSE;
          item = pack_item_new (evidence, options);
          g_ptr_array_add (plan->items, item);
          g_hash_table_insert (by_evidence, &item->evidence->id, item);
        }
      g_array_append_val (item->jrca_refs, ref);
    }
  if (!check_includes (options, by_evidence, error))
    return FALSE;

  /* The forms, in the order of the seed's tables; names after their rows. */
  g_hash_table_add (taken, g_utf8_casefold (checklist_name, -1));
  if (plan->rows_5d->len > 0)
    add_form (plan, taken, options->names, CPV_JRCA_FORM_5D, NULL, 0);
  for (guint i = 0; plan->procedure == CPV_JRCA_PROCEDURE_RENEWAL && i < plan->rows_5d->len; i++)
    {
      CpvJrcaAudit *audit = plan->rows_5d->pdata[i];

      /* Seed 004 7. c): a form 5A for every record with 「エビデンス提出」○ on form 5D. */
      if (cpv_jrca_audit_has_evidence (audit))
        add_form (plan, taken, options->names, CPV_JRCA_FORM_5A, audit, i + 1);
    }
  if (plan->rows_4a->len > 0)
    add_form (plan, taken, options->names, CPV_JRCA_FORM_4A, NULL, 0);
  if (rows_4b->len > 0)
    add_form (plan, taken, options->names, CPV_JRCA_FORM_4B, NULL, 0);
  if (plan->jrca->sectors->len > 0)
    add_form (plan, taken, options->names, CPV_JRCA_FORM_2C, NULL, 0);
  if (plan->documents->len == 0 && plan->items->len == 0)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                   _("There is nothing to pack for the JRCA application of credential %lld "
                     "(%s) yet: enter the CPD records of the period first"),
                   (long long) credential_id, plan->credential->code);
      return FALSE;
    }

  for (guint i = 0; i < plan->items->len; i++)
    {
      PackItem *item = plan->items->pdata[i];

      if (item->included)
        item->path = jrca_evidence_name (taken, options->names,
                                         &g_array_index (item->jrca_refs, JrcaRef, 0),
                                         item->evidence);
    }

  /* The checklist lists the others, so it is made last and goes first. */
  checklist = checklist_pdf (plan, error);
  if (checklist == NULL)
    return FALSE;
  add_document (plan, checklist_name, "checklist", "application/pdf", checklist);
  g_ptr_array_insert (plan->documents, 0,
                      g_ptr_array_steal_index (plan->documents, plan->documents->len - 1));
  return TRUE;
}

/* Plans either kind of pack; every file of it except the evidence is made here, in memory. */
static gboolean
plan_pack (CpvVault              *vault,
           CpvProgramRegistry    *registry,
           const CpvPackOptions  *options,
           PackPlan              *plan,
           GError               **error)
{
  GBytes *summary;

  plan->date = options->date != 0 ? options->date : cpv_day_today ();
  plan->generated = _cpv_now_iso ();
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_item_free);
  plan->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_document_free);

  if (options->jrca_credential_id != 0)
    {
      if (options->audit_id != 0 || options->credential_id != 0)
        {
          g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_INVALID,
                               _("A pack is for one thing: an audit request, a credential's "
                                 "cycle or a JRCA application"));
          return FALSE;
        }
      return plan_jrca (vault, registry, options, plan, error);
    }

  if (!plan_isc2 (vault, registry, options, plan, error))
    return FALSE;
  summary = summary_pdf (plan, registry, options, error);
  if (summary == NULL)
    return FALSE;
  add_document (plan, "summary.pdf", "summary", "application/pdf", summary);
  add_document (plan, "activities.csv", "activities", "text/csv",
                activities_csv (plan, registry));
  return TRUE;
}

/* ---- manifest ------------------------------------------------------------------------------- */

static void
write_activity_refs (xmlTextWriterPtr writer,
                     GArray          *activity_ids)
{
  for (guint i = 0; i < activity_ids->len; i++)
    {
      xmlTextWriterStartElement (writer, BAD_CAST "activity");
      xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "id", "%" G_GINT64_FORMAT,
                                         g_array_index (activity_ids, gint64, i));
      xmlTextWriterEndElement (writer);
    }
}

static void
write_jrca_refs (xmlTextWriterPtr writer,
                 GArray          *refs)
{
  for (guint i = 0; i < refs->len; i++)
    {
      const JrcaRef *ref = &g_array_index (refs, JrcaRef, i);

      xmlTextWriterStartElement (writer, BAD_CAST "jrca-record");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "kind",
                                   BAD_CAST (ref->kind == CPV_JRCA_RECORD_AUDIT ? "audit"
                                                                                : "cpd"));
      xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "id", "%" G_GINT64_FORMAT, ref->id);
      xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "row", "%u", ref->row);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "role", BAD_CAST ref->role);
      xmlTextWriterEndElement (writer);
    }
}

static GBytes *
manifest_xml (PackPlan              *plan,
              const CpvPackOptions  *options)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  GBytes *bytes;
  char day[11];

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, BAD_CAST "pack");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "format", BAD_CAST "1");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "generated", BAD_CAST plan->generated);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "generator", BAD_CAST "CPE Vault " PACKAGE_VERSION);
  cpv_day_format_buf (plan->date, day);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "date", BAD_CAST day);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "encrypted",
                               BAD_CAST (options->encrypt ? "true" : "false"));
  xmlTextWriterWriteAttribute (writer, BAD_CAST "names",
                               BAD_CAST (options->names == CPV_PACK_NAMES_ASCII ? "ascii"
                                                                               : "council"));

  xmlTextWriterStartElement (writer, BAD_CAST "subject");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "program", BAD_CAST plan->credential->program);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "credential", BAD_CAST plan->credential->code);
  xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "credential-id", "%" G_GINT64_FORMAT,
                                     plan->credential->id);
  if (plan->cycle_start != 0)
    {
      cpv_day_format_buf (plan->cycle_start, day);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "cycle-start", BAD_CAST day);
      cpv_day_format_buf (plan->cycle_end, day);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "cycle-end", BAD_CAST day);
    }
  if (plan->audit != NULL)
    {
      xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "audit-id", "%" G_GINT64_FORMAT,
                                         plan->audit->id);
      cpv_day_format_buf (plan->audit->received, day);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "audit-received", BAD_CAST day);
      cpv_day_format_buf (plan->audit->due, day);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "audit-due", BAD_CAST day);
    }
  if (plan->jrca != NULL)
    {
      const char *number = plan->jrca->registration->registration_number;

      xmlTextWriterWriteAttribute (writer, BAD_CAST "jrca-procedure",
                                   BAD_CAST (plan->procedure == CPV_JRCA_PROCEDURE_RENEWAL
                                             ? "renewal" : "maintenance"));
      cpv_day_format_buf (plan->date, day);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "application-date", BAD_CAST day);
      if (number != NULL && *number != '\0')
        xmlTextWriterWriteAttribute (writer, BAD_CAST "registration-number", BAD_CAST number);
    }
  xmlTextWriterEndElement (writer);

  for (guint i = 0; i < plan->documents->len; i++)
    {
      PackDocument *document = plan->documents->pdata[i];

      xmlTextWriterStartElement (writer, BAD_CAST "file");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "path", BAD_CAST document->path);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "role", BAD_CAST document->role);
      xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "size", "%" G_GOFFSET_FORMAT,
                                         document->size);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "sha256", BAD_CAST document->sha256);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "media-type",
                                   BAD_CAST document->media_type);
      if (document->form != NULL)
        xmlTextWriterWriteAttribute (writer, BAD_CAST "form", BAD_CAST document->form);
      if (document->record_id != 0)
        xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "record-id", "%" G_GINT64_FORMAT,
                                           document->record_id);
      xmlTextWriterEndElement (writer);
    }
  for (guint i = 0; i < plan->items->len; i++)
    {
      PackItem *item = plan->items->pdata[i];
      CpvEvidence *evidence = item->evidence;

      xmlTextWriterStartElement (writer, BAD_CAST (item->included ? "file" : "excluded"));
      if (item->included)
        {
          xmlTextWriterWriteAttribute (writer, BAD_CAST "path", BAD_CAST item->path);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "role", BAD_CAST "evidence");
          xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "size", "%" G_GOFFSET_FORMAT,
                                             evidence->size);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "sha256", BAD_CAST item->sha256);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "media-type",
                                       BAD_CAST evidence->media_type);
        }
      xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "evidence-id", "%" G_GINT64_FORMAT,
                                         evidence->id);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "kind", BAD_CAST evidence->kind);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "tlp", BAD_CAST evidence->tlp);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "secret",
                                   BAD_CAST (evidence->secret ? "true" : "false"));
      if (evidence->language != NULL)
        xmlTextWriterWriteAttribute (writer, BAD_CAST "language", BAD_CAST evidence->language);
      if (!item->included)
        xmlTextWriterWriteAttribute (writer, BAD_CAST "reason", BAD_CAST item->reason);
      write_activity_refs (writer, item->activity_ids);
      write_jrca_refs (writer, item->jrca_refs);
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

/* ---- writing the ZIP ------------------------------------------------------------------------ */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static la_ssize_t
sink_write_cb (struct archive *archive,
               void           *data,
               const void     *buffer,
               size_t          length)
{
  Sink *sink = data;
  gsize written = 0;

  if (sink->error != NULL)
    return -1;
  if (!g_output_stream_write_all (sink->stream, buffer, length, &written, sink->cancellable,
                                  &sink->error))
    {
      archive_set_error (archive, EIO, "%s", sink->error->message);
      return -1;
    }
  return (la_ssize_t) written;
}

static int
sink_close_cb (struct archive *archive,
               void           *data)
{
  return ARCHIVE_OK;
}

static gboolean
archive_failed (struct archive  *archive,
                Sink            *sink,
                const char      *doing,
                GError         **error)
{
  if (sink->error != NULL)
    {
      if (g_error_matches (sink->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_CANCELLED,
                             _("The pack was cancelled; nothing was written"));
      else
        g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO, _("Writing the pack failed: %s"),
                     sink->error->message);
      return FALSE;
    }
  /* TRANSLATORS: the step, such as “Writing the pack”, then libarchive's own message. */
  g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO, _("%s failed: %s"), _(doing),
               archive_error_string (archive) ? archive_error_string (archive) : "unknown error");
  return FALSE;
}

static gboolean
is_compressed_media (const char *media_type)
{
  static const char * const compressed[] = {
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/zip",
    "application/gzip", "application/x-7z-compressed", "application/x-xz", "application/zstd",
    "video/", "audio/", "application/vnd.openxmlformats", "application/vnd.oasis.opendocument",
    "application/epub+zip", NULL
  };

  for (guint i = 0; media_type != NULL && compressed[i] != NULL; i++)
    if (g_str_has_prefix (media_type, compressed[i]))
      return TRUE;
  return FALSE;
}

static gboolean
begin_entry (struct archive  *archive,
             Sink            *sink,
             const char      *path,
             goffset          size,
             gint64           mtime,
             gboolean         store,
             GError         **error)
{
  struct archive_entry *entry = archive_entry_new ();
  int rc;

  if (store)
    archive_write_zip_set_compression_store (archive);
  else
    archive_write_zip_set_compression_deflate (archive);
  archive_entry_set_pathname_utf8 (entry, path);
  archive_entry_set_size (entry, size);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, mtime, 0);
  rc = archive_write_header (archive, entry);
  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (archive, sink, N_("Adding a file to the pack"), error);
  return TRUE;
}

static gboolean
write_data (struct archive  *archive,
            Sink            *sink,
            const void      *data,
            gsize            length,
            GError         **error)
{
  while (length > 0)
    {
      la_ssize_t n = archive_write_data (archive, data, length);

      if (n <= 0)
        return archive_failed (archive, sink, N_("Writing the pack"), error);
      data = (const guint8 *) data + n;
      length -= n;
    }
  return TRUE;
}

static gboolean
write_bytes_entry (struct archive  *archive,
                   Sink            *sink,
                   const char      *path,
                   GBytes          *bytes,
                   gint64           mtime,
                   GError         **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return begin_entry (archive, sink, path, length, mtime, FALSE, error) &&
         write_data (archive, sink, data, length, error);
}

static gboolean
write_evidence_entry (CpvVault        *vault,
                      struct archive  *archive,
                      Sink            *sink,
                      PackItem        *item,
                      gint64           mtime,
                      guint8          *buffer,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local_error = NULL;
  goffset total = 0;

  stream = cpv_vault_open_evidence (vault, item->evidence->id, error);
  if (stream == NULL)
    return FALSE;
  if (!begin_entry (archive, sink, item->path, item->evidence->size, mtime,
                    is_compressed_media (item->evidence->media_type), error))
    return FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, BUFFER_SIZE, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_CANCELLED,
                                 _("The pack was cancelled; nothing was written"));
          else
            g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_DAMAGED,
                         _("Evidence item %lld could not be read from the vault: "
                           "%s"), (long long) item->evidence->id, local_error->message);
          return FALSE;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      total += n;
      if (total > item->evidence->size)
        break;
      if (!write_data (archive, sink, buffer, n, error))
        return FALSE;
    }
  item->sha256 = g_strdup (g_checksum_get_string (checksum));
  if (total != item->evidence->size || g_strcmp0 (item->sha256, item->evidence->sha256) != 0)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_DAMAGED,
                   _("Evidence item %lld in the vault does not match its recorded "
                     "size and SHA-256; run an integrity check of the vault"),
                   (long long) item->evidence->id);
      return FALSE;
    }
  return TRUE;
}

/**
 * cpv_vault_write_pack:
 * @registry: (nullable): the programs (category names, groups, periods)
 * @options: what goes in
 * @out_path: the ZIP to write; it appears only when complete
 *
 * Writes the evidence pack: for an audit request or a credential's cycle (ISC2 and other CPE
 * programs), or with @options->jrca_credential_id a JRCA maintenance or renewal application
 * (the forms as PDF, a checklist, and the files linked to the records the forms list). With
 * @options->encrypt the result holds the generated passphrase, which is not stored anywhere:
 * show it once with cpv_pack_submit_advice().
 *
 * Returns: (transfer full): what was written, or %NULL with @error set (no file left behind)
 */
CpvPackResult *
cpv_vault_write_pack (CpvVault              *vault,
                      CpvProgramRegistry    *registry,
                      const CpvPackOptions  *options,
                      const char            *out_path,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autoptr(CpvPackResult) result = g_new0 (CpvPackResult, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree guint8 *buffer = NULL;
  PackPlan plan = { NULL, };
  Sink sink = { NULL, cancellable, NULL };
  struct archive *archive = NULL;
  gint64 mtime = g_date_time_to_unix (now);
  gboolean existed = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (out_path != NULL, NULL);

  if (_cpv_vault_lock (vault, error) == NULL)
    goto out;
  if (!plan_pack (vault, registry, options, &plan, error))
    goto out;

  file = g_file_new_for_path (out_path);
  existed = g_file_query_exists (file, NULL);
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
  if (output == NULL)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO,
                   _("The pack cannot be written to %s: %s"), out_path, local_error->message);
      goto out;
    }
  sink.stream = G_OUTPUT_STREAM (output);

  archive = archive_write_new ();
  if (archive_write_set_format_zip (archive) != ARCHIVE_OK)
    {
      archive_failed (archive, &sink, N_("Preparing the ZIP format"), error);
      goto fail;
    }
  if (options->encrypt)
    {
      result->passphrase = cpv_pack_generate_passphrase ();
      if (archive_write_set_options (archive, "zip:encryption=aes256") != ARCHIVE_OK ||
          archive_write_set_passphrase (archive, result->passphrase) != ARCHIVE_OK)
        {
          archive_failed (archive, &sink, N_("Preparing AES-256 encryption"), error);
          goto fail;
        }
    }
  archive_write_set_bytes_in_last_block (archive, 1);
  if (archive_write_open2 (archive, &sink, NULL, sink_write_cb, sink_close_cb, NULL) != ARCHIVE_OK)
    {
      archive_failed (archive, &sink, N_("Opening the pack"), error);
      goto fail;
    }

  for (guint i = 0; i < plan.documents->len; i++)
    {
      PackDocument *document = plan.documents->pdata[i];

      if (!make_document (&plan, document, error) ||
          !write_bytes_entry (archive, &sink, document->path, document->bytes, mtime, error))
        goto fail;
      /* One form at a time in memory: its size and SHA-256 stay for the manifest. */
      if (document->form != NULL)
        g_clear_pointer (&document->bytes, g_bytes_unref);
    }

  buffer = g_malloc (BUFFER_SIZE);
  for (guint i = 0; i < plan.items->len; i++)
    {
      PackItem *item = plan.items->pdata[i];

      if (!item->included)
        {
          result->n_excluded++;
          continue;
        }
      if (!write_evidence_entry (vault, archive, &sink, item, mtime, buffer, cancellable, error))
        goto fail;
      result->n_evidence++;
      result->evidence_bytes += item->evidence->size;
    }

  manifest = manifest_xml (&plan, options);
  if (!write_bytes_entry (archive, &sink, MANIFEST_NAME, manifest, mtime, error))
    goto fail;
  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      archive_failed (archive, &sink, N_("Finishing the pack"), error);
      goto fail;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &local_error))
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO,
                   _("The pack cannot be written to %s: %s"), out_path, local_error->message);
      goto fail;
    }
  result->n_files = plan.documents->len + result->n_evidence + 1;
  result->jrca_procedure = plan.jrca != NULL ? plan.procedure : CPV_JRCA_PROCEDURE_NONE;
  result->path = g_strdup (out_path);
  ok = TRUE;
  goto out;

fail:
  if (output != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (output)))
    {
      /* Closing with a cancelled cancellable drops the temporary file that replaces an
       * existing target, which is left as it was. A new target is written in place: remove
       * the half-written pack. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (output), abort, NULL);
      if (!existed)
        g_file_delete (file, NULL, NULL);
    }
out:
  if (archive != NULL)
    archive_write_free (archive);
  g_clear_error (&sink.error);
  pack_plan_clear (&plan);
  _cpv_vault_unlock (vault);
  return ok ? g_steal_pointer (&result) : NULL;
}

typedef struct
{
  CpvProgramRegistry *registry;
  CpvPackOptions      options;
  gint64             *include;
  char               *member;
  char               *organisation;
  char               *out_path;
} PackTaskData;

static void
pack_task_data_free (PackTaskData *data)
{
  g_clear_object (&data->registry);
  g_free (data->include);
  g_free (data->member);
  g_free (data->organisation);
  g_free (data->out_path);
  g_free (data);
}

static void
write_pack_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PackTaskData *data = task_data;
  GError *error = NULL;
  CpvPackResult *result = cpv_vault_write_pack (source_object, data->registry, &data->options,
                                                data->out_path, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) cpv_pack_result_free);
}

/**
 * cpv_vault_write_pack_async:
 *
 * cpv_vault_write_pack() in a worker thread; the options are copied.
 */
void
cpv_vault_write_pack_async (CpvVault              *vault,
                            CpvProgramRegistry    *registry,
                            const CpvPackOptions  *options,
                            const char            *out_path,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  PackTaskData *data = g_new0 (PackTaskData, 1);

  g_return_if_fail (CPV_IS_VAULT (vault));
  g_return_if_fail (options != NULL && out_path != NULL);

  data->registry = registry != NULL ? g_object_ref (registry) : NULL;
  data->options = *options;
  data->include = g_memdup2 (options->include_evidence,
                             options->n_include_evidence * sizeof (gint64));
  data->options.include_evidence = data->include;
  data->member = g_strdup (options->member);
  data->options.member = data->member;
  data->organisation = g_strdup (options->organisation);
  data->options.organisation = data->organisation;
  data->out_path = g_strdup (out_path);

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, cpv_vault_write_pack_async);
  g_task_set_task_data (task, data, (GDestroyNotify) pack_task_data_free);
  g_task_run_in_thread (task, write_pack_thread);
}

CpvPackResult *
cpv_vault_write_pack_finish (CpvVault      *vault,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, vault), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- verification --------------------------------------------------------------------------- */

typedef struct
{
  goffset  size;
  char    *sha256;
} SeenFile;

static void
seen_file_free (SeenFile *seen)
{
  g_free (seen->sha256);
  g_free (seen);
}

static gboolean
validate_manifest (xmlDocPtr   doc,
                   GPtrArray  *problems,
                   GError    **error)
{
  g_autofree char *schema_path = cpv_pack_manifest_schema_path ();
  g_autofree char *contents = NULL;
  gsize length = 0;
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr schema;
  xmlRelaxNGValidCtxtPtr validator;
  int rc;

  if (!g_file_get_contents (schema_path, &contents, &length, NULL))
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO,
                   _("The manifest schema %s cannot be read; reinstall CPE Vault or set "
                     "CPV_SCHEMAS_DIR"), schema_path);
      return FALSE;
    }
  parser = xmlRelaxNGNewMemParserCtxt (contents, (int) length);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO,
                   _("The manifest schema %s is damaged; reinstall CPE Vault"), schema_path);
      return FALSE;
    }
  validator = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (validator, NULL, NULL);
  rc = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlRelaxNGFree (schema);
  if (rc != 0)
    g_ptr_array_add (problems, g_strdup (_("manifest.xml does not follow pack-manifest.rng")));
  return TRUE;
}

static char *
xml_attribute (xmlNodePtr  node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/**
 * cpv_pack_verify:
 * @passphrase: (nullable): for an encrypted pack
 *
 * Reads the whole pack, hashes every file and compares size and SHA-256 with manifest.xml;
 * files missing from the pack or from the manifest are problems too.
 *
 * Returns: (transfer full): the verification (check ->problems), or %NULL with @error set
 *   when the pack cannot be read at all (wrong passphrase, not a ZIP, no manifest)
 */
CpvPackVerification *
cpv_pack_verify (const char    *path,
                 const char    *passphrase,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(CpvPackVerification) verification = g_new0 (CpvPackVerification, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) seen_file_free);
  g_autoptr(GByteArray) manifest = NULL;
  g_autofree guint8 *buffer = g_malloc (BUFFER_SIZE);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  xmlDocPtr doc = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  verification->problems = g_ptr_array_new_with_free_func (g_free);
  archive_read_support_format_zip (archive);
  if (passphrase != NULL)
    archive_read_add_passphrase (archive, passphrase);
  if (archive_read_open_filename (archive, path, BUFFER_SIZE) != ARCHIVE_OK)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_IO, _("%s cannot be read as a ZIP: %s"),
                   path, archive_error_string (archive));
      goto out;
    }

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      gboolean is_manifest;
      goffset size = 0;
      SeenFile *file;

      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (name == NULL || archive_entry_filetype (entry) == AE_IFDIR)
        continue;
      /* A pack re-zipped by hand may carry "./" in front of every name. */
      while (g_str_has_prefix (name, "./"))
        name += 2;
      if (archive_entry_is_encrypted (entry))
        verification->encrypted = TRUE;
      if (archive_entry_is_encrypted (entry) && passphrase == NULL)
        {
          g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE,
                               _("The pack is encrypted: give its passphrase"));
          goto out;
        }
      is_manifest = g_strcmp0 (name, MANIFEST_NAME) == 0;
      if (is_manifest)
        manifest = g_byte_array_new ();
      for (;;)
        {
          la_ssize_t n = archive_read_data (archive, buffer, BUFFER_SIZE);

          if (n < 0)
            {
              if (archive_entry_is_encrypted (entry) && passphrase == NULL)
                g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE,
                                     _("The pack is encrypted: give its passphrase"));
              else if (archive_entry_is_encrypted (entry))
                g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_PASSPHRASE,
                             _("The passphrase does not open the pack (%s)"),
                             archive_error_string (archive));
              else
                g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_DAMAGED,
                             _("%s in the pack cannot be read: %s"), name,
                             archive_error_string (archive));
              goto out;
            }
          if (n == 0)
            break;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          g_checksum_update (checksum, buffer, n);
          size += n;
          if (is_manifest)
            {
              if (manifest->len + n > MANIFEST_MAX)
                {
                  g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_DAMAGED,
                                       _("manifest.xml is too large to be a CPE Vault manifest"));
                  goto out;
                }
              g_byte_array_append (manifest, buffer, n);
            }
        }
      if (is_manifest)
        continue;
      file = g_new0 (SeenFile, 1);
      file->size = size;
      file->sha256 = g_strdup (g_checksum_get_string (checksum));
      if (g_hash_table_contains (seen, name))
        g_ptr_array_add (verification->problems,
                         g_strdup_printf (_("%s is in the pack twice"), name));
      g_hash_table_replace (seen, g_strdup (name), file);
    }
  if (rc != ARCHIVE_EOF)
    {
      g_set_error (error, CPV_PACK_ERROR, CPV_PACK_ERROR_DAMAGED, _("The pack is damaged: %s"),
                   archive_error_string (archive));
      goto out;
    }
  if (manifest == NULL)
    {
      g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_DAMAGED,
                           _("The pack has no manifest.xml: it was not made by CPE Vault"));
      goto out;
    }

  doc = xmlReadMemory ((const char *) manifest->data, manifest->len, MANIFEST_NAME, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error_literal (error, CPV_PACK_ERROR, CPV_PACK_ERROR_DAMAGED,
                           _("manifest.xml in the pack is not well-formed XML"));
      goto out;
    }
  if (!validate_manifest (doc, verification->problems, error))
    goto out;

  for (xmlNodePtr node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      g_autofree char *file_path = NULL;
      g_autofree char *size_text = NULL;
      g_autofree char *sha256 = NULL;
      SeenFile *file;

      if (node->type != XML_ELEMENT_NODE || !xmlStrEqual (node->name, BAD_CAST "file"))
        continue;
      file_path = xml_attribute (node, "path");
      size_text = xml_attribute (node, "size");
      sha256 = xml_attribute (node, "sha256");
      verification->n_files++;
      file = file_path != NULL ? g_hash_table_lookup (seen, file_path) : NULL;
      if (file == NULL)
        {
          g_ptr_array_add (verification->problems,
                           g_strdup_printf (_("%s is listed in the manifest but missing from "
                                              "the pack"), file_path ? file_path : "?"));
          continue;
        }
      if (size_text == NULL || g_ascii_strtoll (size_text, NULL, 10) != file->size)
        g_ptr_array_add (verification->problems,
                         g_strdup_printf (_("%s has %lld bytes; the manifest "
                                            "says %s"), file_path, (long long) file->size,
                                          size_text ? size_text : "nothing"));
      else if (g_ascii_strcasecmp (sha256 ? sha256 : "", file->sha256) != 0)
        g_ptr_array_add (verification->problems,
                         g_strdup_printf (_("%s does not match its SHA-256 in the manifest"),
                                          file_path));
      else
        verification->n_verified++;
      g_hash_table_remove (seen, file_path);
    }
  {
    GHashTableIter iter;
    const char *name;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
      g_ptr_array_add (verification->problems,
                       g_strdup_printf (_("%s is in the pack but not in the manifest"), name));
  }
  ok = TRUE;

out:
  if (doc != NULL)
    xmlFreeDoc (doc);
  archive_read_free (archive);
  return ok ? g_steal_pointer (&verification) : NULL;
}

/**
 * cpv_vault_list_pack_withheld:
 * @registry: (nullable): the programs
 * @options: the pack as it would be written; its include list is ignored
 *
 * The evidence items the pack of @options covers but leaves out unless the person includes
 * each one (COUNCIL-TLP-1: TLP:RED or secret), in pack order: what an export dialog offers to
 * tick. The same plan as cpv_vault_write_pack(), so that the two never disagree.
 *
 * Returns: (transfer full) (element-type CpvEvidence): the items, or %NULL with @error set
 */
GPtrArray *
cpv_vault_list_pack_withheld (CpvVault              *vault,
                              CpvProgramRegistry    *registry,
                              const CpvPackOptions  *options,
                              GError               **error)
{
  CpvPackOptions planned;
  PackPlan plan = { NULL, };
  GPtrArray *withheld = NULL;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  planned = *options;
  planned.include_evidence = NULL;
  planned.n_include_evidence = 0;
  if (_cpv_vault_lock (vault, error) == NULL)
    return NULL;
  if (plan_pack (vault, registry, &planned, &plan, error))
    {
      withheld = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < plan.items->len; i++)
        {
          PackItem *item = g_ptr_array_index (plan.items, i);

          if (!item->included)
            g_ptr_array_add (withheld, g_object_ref (item->evidence));
        }
    }
  pack_plan_clear (&plan);
  _cpv_vault_unlock (vault);
  return withheld;
}
