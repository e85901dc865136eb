/* cpv-vault.c — the encrypted vault file
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-vault"

#include "config.h"

#include "cpv-vault.h"
#include "cpv-evidence.h"
#include "cpv-vault-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

/* The vault format (see docs/ARCHITECTURE.md, "Vault format"):
 *
 * - One SQLCipher database file. Its first 16 bytes are SQLCipher's KDF salt, which we choose:
 *   "CPV" + the profile digit ('3' or '4') + 12 random bytes. The marker lets us tell a vault
 *   from any other file, and a SQLCipher 4 vault from a SQLCipher 3 one, before any key is
 *   tried.
 * - The page key is derived by us: PBKDF2-HMAC-SHA512 over the passphrase and that salt,
 *   CPV_KDF_ITERATIONS rounds, 32 bytes; SQLCipher gets it as a raw key with the salt
 *   ("x'<key><salt>'"), so its own KDF never runs and both library versions agree on it.
 * - Profile 3: SQLCipher 3 page format (AES-256-CBC, HMAC-SHA1), page size 4096.
 *   Profile 4: SQLCipher 4 page format (AES-256-CBC, HMAC-SHA512), page size 4096.
 *   Every cipher setting is set on every open, never left to the library's defaults. */

#define CPV_SALT_SIZE       16
#define CPV_KEY_SIZE        32
#define CPV_KDF_ITERATIONS  256000
#define CPV_PAGE_SIZE       4096
#define CPV_MAGIC           "CPV"

struct _CpvVault
{
  GObject           parent_instance;

  char             *path;
  sqlite3          *db;
  GRecMutex         mutex;
  CpvCipherProfile  profile;
  goffset           evidence_size_limit;
  guint             in_transaction;
};

G_DEFINE_FINAL_TYPE (CpvVault, cpv_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (cpv-vault-error-quark, cpv_vault_error)

static void
wipe_and_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static const char *
profile_name (CpvCipherProfile profile)
{
  return profile == CPV_CIPHER_PROFILE_V4 ? "SQLCipher 4" : "SQLCipher 3";
}

const char *
cpv_sqlcipher_version (void)
{
  static char *version;

  if (g_once_init_enter (&version))
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      char *found = NULL;

      if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
          sqlite3_prepare_v2 (db, "PRAGMA cipher_version", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW &&
          sqlite3_column_text (stmt, 0) != NULL)
        found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_once_init_leave (&version, found != NULL ? found : g_strdup (""));
    }

  return version[0] != '\0' ? version : NULL;
}

CpvCipherProfile
cpv_sqlcipher_native_profile (void)
{
  const char *version = cpv_sqlcipher_version ();

  if (version != NULL && g_ascii_strtoull (version, NULL, 10) >= 4)
    return CPV_CIPHER_PROFILE_V4;
  return CPV_CIPHER_PROFILE_V3;
}

int
cpv_vault_current_schema_version (void)
{
  return _cpv_migrations[_cpv_n_migrations - 1].version;
}

char *
cpv_vault_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "cpe-vault", "vault.cpv", NULL);
}

CpvPassphraseStrength
cpv_passphrase_strength (const char *passphrase)
{
  glong length;
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  int classes;

  if (passphrase == NULL)
    return CPV_PASSPHRASE_TOO_SHORT;
  length = g_utf8_strlen (passphrase, -1);
  if (length < CPV_PASSPHRASE_MIN_LENGTH)
    return CPV_PASSPHRASE_TOO_SHORT;

  for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;   /* punctuation, spaces, kana and kanji */
    }
  classes = lower + upper + digit + other;

  /* Length matters most: a long passphrase of plain words is strong. */
  if (length >= 20 || (length >= 14 && classes >= 3))
    return CPV_PASSPHRASE_STRONG;
  if (length >= 12 || classes >= 3)
    return CPV_PASSPHRASE_FAIR;
  return CPV_PASSPHRASE_WEAK;
}

void
cpv_passphrase_wipe (char *passphrase)
{
  if (passphrase != NULL)
    explicit_bzero (passphrase, strlen (passphrase));
}

static gboolean
check_cipher_library (GError **error)
{
  if (cpv_sqlcipher_version () == NULL)
    {
      g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NO_CIPHER,
                           _("This build of CPE Vault is linked with a SQLite library without "
                             "encryption (SQLCipher); it refuses to store anything."));
      return FALSE;
    }
  return TRUE;
}

/* key_spec receives the SQLCipher raw key literal x'<64 hex key><32 hex salt>'. */
static char *
derive_key_spec (const char    *passphrase,
                 const guint8   salt[CPV_SALT_SIZE])
{
  guint8 key[CPV_KEY_SIZE];
  GString *spec = g_string_sized_new (4 + 2 * (CPV_KEY_SIZE + CPV_SALT_SIZE));

  if (PKCS5_PBKDF2_HMAC (passphrase, strlen (passphrase), salt, CPV_SALT_SIZE,
                         CPV_KDF_ITERATIONS, EVP_sha512 (), CPV_KEY_SIZE, key) != 1)
    g_error ("PBKDF2 failed in OpenSSL");

  g_string_append (spec, "x'");
  for (guint i = 0; i < CPV_KEY_SIZE; i++)
    g_string_append_printf (spec, "%02X", key[i]);
  for (guint i = 0; i < CPV_SALT_SIZE; i++)
    g_string_append_printf (spec, "%02X", salt[i]);
  g_string_append_c (spec, '\'');
  explicit_bzero (key, sizeof key);

  return g_string_free (spec, FALSE);
}

static int
exec_key_pragma (sqlite3    *db,
                 const char *pragma,
                 const char *key_spec)
{
  /* Pragmas take no bound parameters; the spec is hex digits we built ourselves. */
  char *sql = g_strdup_printf ("PRAGMA %s = \"%s\";", pragma, key_spec);
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  wipe_and_free (sql);
  return rc;
}

static int
apply_cipher_profile (sqlite3          *db,
                      CpvCipherProfile  profile)
{
  int rc = SQLITE_OK;

  if (cpv_sqlcipher_native_profile () == CPV_CIPHER_PROFILE_V4)
    {
      if (profile == CPV_CIPHER_PROFILE_V3)
        rc = sqlite3_exec (db, "PRAGMA cipher_compatibility = 3;", NULL, NULL, NULL);
      else
        rc = sqlite3_exec (db,
                           "PRAGMA cipher_hmac_algorithm = HMAC_SHA512;"
                           "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;",
                           NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db,
                       "PRAGMA cipher_page_size = 4096;"
                       "PRAGMA kdf_iter = 256000;",
                       NULL, NULL, NULL);
  return rc;
}

static int
set_error_from_rc (GError     **error,
                   int          rc,
                   const char  *doing,
                   const char  *detail)
{
  int code;
  const char *what;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = CPV_VAULT_ERROR_DAMAGED;
      what = _("The vault file is damaged. Restore it from a backup; CPE Vault will not "
               "write to it");
      break;
    case SQLITE_FULL:
      code = CPV_VAULT_ERROR_IO;
      what = _("The disk is full. Free some space and try again; nothing was changed");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = CPV_VAULT_ERROR_IO;
      what = _("The vault file or its folder is read-only. Check its permissions");
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      code = CPV_VAULT_ERROR_IO;
      what = _("The vault file could not be read or written. Check the disk and permissions");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = CPV_VAULT_ERROR_IO;
      what = _("The vault is in use by another program. Close it there and try again");
      break;
    default:
      code = CPV_VAULT_ERROR_FAILED;
      what = _("The vault could not complete the operation");
      break;
    }

  /* Callers mark @doing with N_(); @detail is SQLite's own message, in English. */
  if (detail != NULL && *detail != '\0')
    /* TRANSLATORS: the first %s is a sentence such as “The disk is full. Free some space and
     * try again; nothing was changed”, the second what was being done, such as “adding the
     * activity”, the third the database's own message (English). */
    g_set_error (error, CPV_VAULT_ERROR, code, _("%s while %s (%s)."), what, _(doing), detail);
  else
    /* TRANSLATORS: as above, without the database's message. */
    g_set_error (error, CPV_VAULT_ERROR, code, _("%s while %s."), what, _(doing));
  return code;
}

static gboolean
read_salt (const char  *path,
           guint8       salt[CPV_SALT_SIZE],
           goffset     *out_size,
           GError     **error)
{
  GStatBuf st;
  FILE *file;
  size_t got;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_FOUND,
                     _("There is no vault at “%s”."), path);
      else
        g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                     _("The vault “%s” could not be read: %s."), path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT,
                   _("“%s” is not a file, so it cannot be a vault."), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT,
                   _("“%s” is an empty file, not a CPE Vault."), path);
      return FALSE;
    }

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                   _("The vault “%s” could not be opened: %s."), path, g_strerror (saved));
      return FALSE;
    }
  got = fread (salt, 1, CPV_SALT_SIZE, file);
  fclose (file);

  if (got == CPV_SALT_SIZE && memcmp (salt, "SQLite format 3", 16) == 0)
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT,
                   _("“%s” is an unencrypted SQLite database, not a CPE Vault."), path);
      return FALSE;
    }
  if (got < CPV_SALT_SIZE || memcmp (salt, CPV_MAGIC, 3) != 0 ||
      !g_ascii_isdigit (salt[3]) || salt[3] < '3')
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT,
                   _("“%s” is not a CPE Vault file."), path);
      return FALSE;
    }

  *out_size = st.st_size;
  return TRUE;
}

static gboolean
exec_or_error (sqlite3     *db,
               const char  *sql,
               const char  *doing,
               GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, rc, doing, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (out_rc)
    *out_rc = rc;
  return value;
}

static gboolean
configure_connection (sqlite3  *db,
                      GError  **error)
{
  char *mode = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (!exec_or_error (db,
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA secure_delete = ON;"
                      "PRAGMA temp_store = MEMORY;",
                      N_("configuring the vault"), error))
    return FALSE;

  /* Older SQLCipher builds do not know it; where they do, freed memory is wiped. */
  sqlite3_exec (db, "PRAGMA cipher_memory_security = ON;", NULL, NULL, NULL);

  /* SQLCipher encrypts the WAL file's frames with the same keys as the database. */
  if (sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL;", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      wal = g_strcmp0 (mode, "wal") == 0;
    }
  sqlite3_finalize (stmt);
  g_free (mode);
  if (!wal)
    {
      g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                           _("The vault's folder does not allow the write-ahead log CPE Vault "
                             "needs. Move the vault to a local, writable folder."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  int rc;
  int version = query_int (db, "PRAGMA user_version;", &rc);
  int current = cpv_vault_current_schema_version ();

  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, rc, N_("reading the vault's version"), sqlite3_errmsg (db));
      return FALSE;
    }
  if (version > current)
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NEWER_SCHEMA,
                   _("This vault was written by a newer version of CPE Vault (format %d; this "
                     "version reads up to %d). Update CPE Vault to open it."), version, current);
      return FALSE;
    }

  for (guint i = 0; i < _cpv_n_migrations; i++)
    {
      const CpvMigration *migration = &_cpv_migrations[i];
      g_autofree char *set_version = NULL;
      g_autofree char *doing = NULL;

      if (migration->version <= version)
        continue;

      doing = g_strdup_printf (_("upgrading the vault to format %d"), migration->version);
      set_version = g_strdup_printf ("PRAGMA user_version = %d;", migration->version);
      if (!exec_or_error (db, "BEGIN IMMEDIATE;", doing, error))
        return FALSE;
      if (!exec_or_error (db, migration->sql, doing, error) ||
          !exec_or_error (db, set_version, doing, error) ||
          !exec_or_error (db, "COMMIT;", doing, error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }
      version = migration->version;
    }
  return TRUE;
}

/* Opens @path with @passphrase; returns the handle or NULL with @error set. */
static sqlite3 *
open_database (const char        *path,
               const char        *passphrase,
               gboolean           create,
               CpvCipherProfile  *inout_profile,
               GError           **error)
{
  guint8 salt[CPV_SALT_SIZE];
  g_autofree char *key_spec = NULL;
  sqlite3 *db = NULL;
  goffset size = 0;
  int rc;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;

  if (create)
    {
      memcpy (salt, CPV_MAGIC, 3);
      salt[3] = '0' + *inout_profile;
      if (RAND_bytes (salt + 4, CPV_SALT_SIZE - 4) != 1)
        {
          g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_FAILED,
                               _("The system's random number generator failed."));
          return NULL;
        }
      flags |= SQLITE_OPEN_CREATE;
    }
  else
    {
      if (!read_salt (path, salt, &size, error))
        return NULL;
      *inout_profile = salt[3] - '0';
      if (*inout_profile > cpv_sqlcipher_native_profile ())
        {
          g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NEWER_CIPHER,
                       _("This vault was written with a newer encryption format (%s) than this "
                         "build of CPE Vault reads (%s). Open it with the CPE Vault Flatpak, or "
                         "update SQLCipher."),
                       profile_name (*inout_profile), profile_name (cpv_sqlcipher_native_profile ()));
          return NULL;
        }
      if (*inout_profile != CPV_CIPHER_PROFILE_V3 && *inout_profile != CPV_CIPHER_PROFILE_V4)
        {
          g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_NOT_A_VAULT,
                       _("“%s” is not a CPE Vault file."), path);
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, rc, N_("opening the vault"), db ? sqlite3_errmsg (db) : NULL);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);

  key_spec = derive_key_spec (passphrase, salt);
  rc = exec_key_pragma (db, "key", key_spec);
  explicit_bzero (key_spec, strlen (key_spec));
  if (rc == SQLITE_OK)
    rc = apply_cipher_profile (db, *inout_profile);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, rc, N_("setting the vault's key"), sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }

  if (create)
    {
      /* Before the first table: incremental vacuum lets a purge give space back. */
      if (!exec_or_error (db, "PRAGMA auto_vacuum = INCREMENTAL;", N_("creating the vault"), error))
        {
          sqlite3_close (db);
          return NULL;
        }
    }

  /* The first read decrypts page 1: if the key is wrong, SQLCipher's HMAC check fails here. */
  query_int (db, "SELECT count(*) FROM sqlite_master;", &rc);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WRONG_PASSPHRASE,
                             _("Wrong passphrase. Check the keyboard layout and Caps Lock, and "
                               "try again."));
      else
        set_error_from_rc (error, rc, N_("unlocking the vault"), sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }

  if (!configure_connection (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  if (!create)
    {
      GStatBuf st;
      int page_count;

      /* Fold a WAL left by a killed process back in, then compare the pages the database
       * claims with the bytes the file holds: a truncated vault is damaged. */
      if (!exec_or_error (db, "PRAGMA wal_checkpoint(TRUNCATE);", N_("opening the vault"), error))
        {
          sqlite3_close (db);
          return NULL;
        }
      page_count = query_int (db, "PRAGMA page_count;", &rc);
      if (rc == SQLITE_OK && g_stat (path, &st) == 0 &&
          (st.st_size % CPV_PAGE_SIZE != 0 || (goffset) page_count * CPV_PAGE_SIZE > st.st_size))
        {
          g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                       _("The vault file is damaged: it is shorter than its contents (%lld of "
                         "%lld bytes). Restore it from a backup."),
                       (long long) st.st_size, (long long) page_count * CPV_PAGE_SIZE);
          sqlite3_close (db);
          return NULL;
        }
      if (rc != SQLITE_OK)
        {
          set_error_from_rc (error, rc, N_("opening the vault"), sqlite3_errmsg (db));
          sqlite3_close (db);
          return NULL;
        }
    }

  if (!migrate (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static CpvVault *
vault_new (const char       *path,
           sqlite3          *db,
           CpvCipherProfile  profile)
{
  CpvVault *self = g_object_new (CPV_TYPE_VAULT, "path", path, NULL);

  self->db = db;
  self->profile = profile;
  return self;
}

static void
remove_with_sidecars (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/**
 * cpv_vault_create:
 * @path: where the new vault file goes; the file must not exist
 * @passphrase: at least %CPV_PASSPHRASE_MIN_LENGTH characters
 * @error: a #CPV_VAULT_ERROR
 *
 * Creates a new, empty vault in the profile of the running SQLCipher. The file appears at
 * @path only once it is complete.
 *
 * Returns: (transfer full): the open vault, or %NULL
 */
CpvVault *
cpv_vault_create (const char  *path,
                  const char  *passphrase,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *partial = NULL;
  CpvCipherProfile profile = cpv_sqlcipher_native_profile ();
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!check_cipher_library (error))
    return NULL;
  if (cpv_passphrase_strength (passphrase) == CPV_PASSPHRASE_TOO_SHORT)
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase is too short: use at least %d characters."),
                   CPV_PASSPHRASE_MIN_LENGTH);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name, or open it instead."), path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                   _("The folder “%s” could not be created: %s."), dir, g_strerror (saved));
      return NULL;
    }

  /* Built under a side name and renamed when whole, so that a crash never leaves a
   * half-made vault where the person expects theirs. */
  partial = g_strconcat (path, ".partial", NULL);
  remove_with_sidecars (partial);
  db = open_database (partial, passphrase, TRUE, &profile, error);
  if (db == NULL)
    {
      remove_with_sidecars (partial);
      return NULL;
    }
  sqlite3_close (db);   /* checkpoints and removes the WAL */

  if (g_rename (partial, path) != 0)
    {
      int saved = errno;

      remove_with_sidecars (partial);
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                   _("The vault could not be saved as “%s”: %s."), path, g_strerror (saved));
      return NULL;
    }

  return cpv_vault_open (path, passphrase, error);
}

/**
 * cpv_vault_open:
 * @path: the vault file
 * @passphrase: its passphrase
 * @error: a #CPV_VAULT_ERROR: wrong passphrase, not a vault, damaged, newer schema, newer
 *   cipher format, I/O
 *
 * Unlocks a vault and brings its schema up to date (each migration in one transaction).
 *
 * Returns: (transfer full): the open vault, or %NULL
 */
CpvVault *
cpv_vault_open (const char  *path,
                const char  *passphrase,
                GError     **error)
{
  CpvCipherProfile profile = CPV_CIPHER_PROFILE_V3;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!check_cipher_library (error))
    return NULL;
  db = open_database (path, passphrase, FALSE, &profile, error);
  if (db == NULL)
    return NULL;
  return vault_new (path, db, profile);
}

typedef struct
{
  char *path;
  char *passphrase;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  wipe_and_free (data->passphrase);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  CpvVault *vault;

  if (g_task_get_source_tag (task) == cpv_vault_create_async)
    vault = cpv_vault_create (data->path, data->passphrase, &error);
  else
    vault = cpv_vault_open (data->path, data->passphrase, &error);

  if (vault == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, vault, g_object_unref);
}

static void
run_open_task (gpointer             tag,
               const char          *path,
               const char          *passphrase,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  data->path = g_strdup (path);
  data->passphrase = g_strdup (passphrase);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * cpv_vault_open_async:
 *
 * Like cpv_vault_open(), with the key derivation in a thread.
 */
void
cpv_vault_open_async (const char          *path,
                      const char          *passphrase,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  run_open_task (cpv_vault_open_async, path, passphrase, cancellable, callback, user_data);
}

CpvVault *
cpv_vault_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cpv_vault_create_async:
 *
 * Like cpv_vault_create(), with the key derivation in a thread.
 */
void
cpv_vault_create_async (const char          *path,
                        const char          *passphrase,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  run_open_task (cpv_vault_create_async, path, passphrase, cancellable, callback, user_data);
}

CpvVault *
cpv_vault_create_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cpv_vault_close:
 *
 * Closes the database (checkpointing the WAL). Every later call fails with
 * %CPV_VAULT_ERROR_CLOSED. Safe to call twice.
 */
void
cpv_vault_close (CpvVault *self)
{
  g_return_if_fail (CPV_IS_VAULT (self));

  g_rec_mutex_lock (&self->mutex);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_rec_mutex_unlock (&self->mutex);
}

gboolean
cpv_vault_is_open (CpvVault *self)
{
  g_return_val_if_fail (CPV_IS_VAULT (self), FALSE);
  return self->db != NULL;
}

const char *
cpv_vault_get_path (CpvVault *self)
{
  g_return_val_if_fail (CPV_IS_VAULT (self), NULL);
  return self->path;
}

CpvCipherProfile
cpv_vault_get_cipher_profile (CpvVault *self)
{
  g_return_val_if_fail (CPV_IS_VAULT (self), CPV_CIPHER_PROFILE_V3);
  return self->profile;
}

int
cpv_vault_get_schema_version (CpvVault *self)
{
  sqlite3 *db;
  int version = -1;

  g_return_val_if_fail (CPV_IS_VAULT (self), -1);

  db = _cpv_vault_lock (self, NULL);
  if (db != NULL)
    version = query_int (db, "PRAGMA user_version;", NULL);
  _cpv_vault_unlock (self);
  return version;
}

/**
 * cpv_vault_change_passphrase:
 * @old_passphrase: the current passphrase, checked against the file
 * @new_passphrase: the new one (same length rule as for a new vault)
 *
 * Re-encrypts every page with a key derived from @new_passphrase (PRAGMA rekey).
 */
gboolean
cpv_vault_change_passphrase (CpvVault    *self,
                             const char  *old_passphrase,
                             const char  *new_passphrase,
                             GError     **error)
{
  guint8 salt[CPV_SALT_SIZE];
  goffset size;
  g_autofree char *key_spec = NULL;
  sqlite3 *db;
  sqlite3 *check;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL && new_passphrase != NULL, FALSE);

  if (cpv_passphrase_strength (new_passphrase) == CPV_PASSPHRASE_TOO_SHORT)
    {
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_WEAK_PASSPHRASE,
                   _("The new passphrase is too short: use at least %d characters."),
                   CPV_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }

  db = _cpv_vault_lock (self, error);
  if (db == NULL)
    goto out;

  /* Prove the old passphrase on a second connection before touching anything. */
  check = open_database (self->path, old_passphrase, FALSE, &(CpvCipherProfile) { 0 }, error);
  if (check == NULL)
    goto out;
  sqlite3_close (check);

  if (!read_salt (self->path, salt, &size, error))
    goto out;

  /* SQLCipher 3 cannot rekey in WAL mode; the rollback journal is encrypted too. */
  if (!exec_or_error (db, "PRAGMA journal_mode = DELETE;", N_("changing the passphrase"), error))
    goto out;
  key_spec = derive_key_spec (new_passphrase, salt);
  rc = exec_key_pragma (db, "rekey", key_spec);
  explicit_bzero (key_spec, strlen (key_spec));
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, rc, N_("changing the passphrase"), sqlite3_errmsg (db));
      sqlite3_exec (db, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL);
      goto out;
    }
  ok = configure_connection (db, error);

out:
  _cpv_vault_unlock (self);
  return ok;
}

/**
 * cpv_vault_check_integrity:
 *
 * Reads every page (SQLCipher checks each page's HMAC) and runs SQLite's integrity check.
 * Slow on a large vault: run it in a thread.
 *
 * Returns: %TRUE when the vault is whole; otherwise %CPV_VAULT_ERROR_DAMAGED
 */
gboolean
cpv_vault_check_integrity (CpvVault  *self,
                           GError   **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (self), FALSE);

  db = _cpv_vault_lock (self, error);
  if (db == NULL)
    goto out;

  if (cpv_sqlcipher_native_profile () == CPV_CIPHER_PROFILE_V4)
    {
      /* SQLCipher 4 reports HMAC failures page by page, with no row when all is well. */
      rc = sqlite3_prepare_v2 (db, "PRAGMA cipher_integrity_check;", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                       _("The vault file is damaged (%s). Restore it from a backup."),
                       (const char *) sqlite3_column_text (stmt, 0));
          goto out;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    ok = TRUE;
  else if (rc == SQLITE_ROW)
    g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                 _("The vault file is damaged (%s). Restore it from a backup."),
                 (const char *) sqlite3_column_text (stmt, 0));
  else
    set_error_from_rc (error, rc, N_("checking the vault"), sqlite3_errmsg (db));

out:
  sqlite3_finalize (stmt);
  _cpv_vault_unlock (self);
  return ok;
}

/**
 * cpv_vault_needs_conversion:
 *
 * Returns: %TRUE when the vault was written in an older cipher profile than the running
 *   SQLCipher writes (a Debian vault opened by the Flatpak)
 */
gboolean
cpv_vault_needs_conversion (CpvVault *self)
{
  g_return_val_if_fail (CPV_IS_VAULT (self), FALSE);
  return self->db != NULL && self->profile < cpv_sqlcipher_native_profile ();
}

static gboolean
collect_strings (sqlite3     *db,
                 const char  *sql,
                 GPtrArray   *out,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (error, rc, N_("checking the converted vault"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* The copy must hold the same rows as the source, and every evidence item's chunks must
 * hash to the SHA-256 recorded for it. */
static gboolean
verify_copy (sqlite3  *source,
             sqlite3  *copy,
             GError  **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!collect_strings (copy, "PRAGMA integrity_check;", items, error))
    return FALSE;
  if (items->len != 1 || g_strcmp0 (items->pdata[0], "ok") != 0)
    {
      g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                           _("The converted copy failed its integrity check; the original vault "
                             "is unchanged."));
      return FALSE;
    }

  if (!collect_strings (source,
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY name;", tables, error))
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\";",
                                              (const char *) tables->pdata[i]);
      int source_rc, copy_rc;
      int source_count = query_int (source, sql, &source_rc);
      int copy_count = query_int (copy, sql, &copy_rc);

      if (source_rc != SQLITE_OK || copy_rc != SQLITE_OK || source_count != copy_count)
        {
          g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_FAILED,
                       _("The converted copy differs from the original in table %s; the "
                         "original vault is unchanged."), (const char *) tables->pdata[i]);
          return FALSE;
        }
    }

  rc = sqlite3_prepare_v2 (copy,
                           "SELECT e.sha256, c.data FROM evidence e "
                           "JOIN evidence_chunk c ON c.evidence_id = e.id "
                           "ORDER BY e.id, c.seq;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      g_autoptr(GChecksum) checksum = NULL;
      g_autofree char *expected = NULL;
      gboolean ok = TRUE;

      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *sha256 = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (sha256, expected) != 0)
            {
              if (checksum != NULL)
                ok = g_strcmp0 (g_checksum_get_string (checksum), expected) == 0;
              g_clear_pointer (&checksum, g_checksum_free);
              checksum = g_checksum_new (G_CHECKSUM_SHA256);
              g_free (expected);
              expected = g_strdup (sha256);
            }
          g_checksum_update (checksum, sqlite3_column_blob (stmt, 1),
                             sqlite3_column_bytes (stmt, 1));
        }
      if (ok && rc == SQLITE_DONE && checksum != NULL)
        ok = g_strcmp0 (g_checksum_get_string (checksum), expected) == 0;
      if (!ok)
        {
          sqlite3_finalize (stmt);
          g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_DAMAGED,
                               _("An evidence file in the converted copy does not match its "
                                 "SHA-256; the original vault is unchanged."));
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (error, rc, N_("checking the converted vault"), sqlite3_errmsg (copy));
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_keyed_file (const char        *path,
                   const char        *key_spec,
                   CpvCipherProfile   profile,
                   GError           **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc == SQLITE_OK)
    rc = exec_key_pragma (db, "key", key_spec);
  if (rc == SQLITE_OK)
    rc = apply_cipher_profile (db, profile);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db,
                       "PRAGMA auto_vacuum = INCREMENTAL;"
                       "CREATE TABLE cpv_placeholder (x);"
                       "DROP TABLE cpv_placeholder;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    set_error_from_rc (error, rc, N_("converting the vault"), db ? sqlite3_errmsg (db) : NULL);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static char *
free_backup_name (const char *path)
{
  char *candidate = g_strconcat (path, ".sqlcipher3-backup", NULL);

  for (int n = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.sqlcipher3-backup-%d", path, n);
    }
  return candidate;
}

/**
 * cpv_vault_convert_to_native:
 * @passphrase: the vault's passphrase (the new file gets its own salt, so its key is derived
 *   again)
 * @backup_path: (out) (optional): where the original file was kept
 *
 * Converts a vault of an older cipher profile to the running SQLCipher's profile with
 * sqlcipher_export() into a new file next to it, verifies the copy (integrity check, same row
 * counts, every evidence item hashing to its SHA-256), then keeps the original as a backup
 * beside it and puts the copy in its place. On any failure the original stays where it was.
 */
gboolean
cpv_vault_convert_to_native (CpvVault    *self,
                             const char  *passphrase,
                             char       **backup_path,
                             GError     **error)
{
  guint8 salt[CPV_SALT_SIZE];
  goffset size;
  g_autofree char *target = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *key_spec = NULL;
  g_autofree char *set_version = NULL;
  CpvCipherProfile native = cpv_sqlcipher_native_profile ();
  CpvCipherProfile copy_profile = 0;
  sqlite3_stmt *attach = NULL;
  sqlite3 *db;
  sqlite3 *check;
  sqlite3 *copy = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (CPV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (backup_path != NULL)
    *backup_path = NULL;

  db = _cpv_vault_lock (self, error);
  if (db == NULL)
    goto out;
  if (self->profile >= native)
    {
      ok = TRUE;
      goto out;
    }

  check = open_database (self->path, passphrase, FALSE, &(CpvCipherProfile) { 0 }, error);
  if (check == NULL)
    goto out;
  sqlite3_close (check);
  if (!read_salt (self->path, salt, &size, error))
    goto out;

  target = g_strconcat (self->path, ".converting", NULL);
  remove_with_sidecars (target);
  salt[3] = '0' + native;
  key_spec = derive_key_spec (passphrase, salt);

  /* ATTACH inherits the vault's open flags, which do not allow creating a file: make the
   * new file (keyed, in the native profile, one empty page) on a connection of its own. */
  if (!create_keyed_file (target, key_spec, native, error))
    goto cleanup;
  rc = sqlite3_prepare_v2 (db, "ATTACH DATABASE ? AS converted KEY ?;", -1, &attach, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (attach, 1, target, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (attach, 2, key_spec, -1, SQLITE_STATIC);
      rc = sqlite3_step (attach);
      sqlite3_finalize (attach);
    }
  explicit_bzero (key_spec, strlen (key_spec));
  if (rc != SQLITE_DONE)
    {
      set_error_from_rc (error, rc, N_("converting the vault"), sqlite3_errmsg (db));
      goto cleanup;
    }

  set_version = g_strdup_printf ("PRAGMA converted.user_version = %d;",
                                 query_int (db, "PRAGMA main.user_version;", NULL));
  if (!exec_or_error (db, "SELECT sqlcipher_export('converted');", N_("converting the vault"),
                      error) ||
      !exec_or_error (db, set_version, N_("converting the vault"), error))
    {
      sqlite3_exec (db, "DETACH DATABASE converted;", NULL, NULL, NULL);
      goto cleanup;
    }
  if (!exec_or_error (db, "DETACH DATABASE converted;", N_("converting the vault"), error))
    goto cleanup;

  copy = open_database (target, passphrase, FALSE, &copy_profile, error);
  if (copy == NULL)
    goto cleanup;
  if (copy_profile != native || !verify_copy (db, copy, error))
    {
      if (copy_profile != native && (error == NULL || *error == NULL))
        g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_FAILED,
                             _("The converted copy has the wrong format; the original vault is "
                               "unchanged."));
      goto cleanup;
    }
  sqlite3_close (copy);
  copy = NULL;

  /* Swap the files: the original becomes the backup, the copy takes its name. */
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  backup = free_backup_name (self->path);
  if (g_rename (self->path, backup) != 0)
    {
      int saved = errno;

      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                   _("The original vault could not be kept as “%s”: %s. Nothing was changed."),
                   backup, g_strerror (saved));
      self->db = open_database (self->path, passphrase, FALSE, &self->profile, NULL);
      goto cleanup;
    }
  if (g_rename (target, self->path) != 0)
    {
      int saved = errno;

      g_rename (backup, self->path);
      g_set_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_IO,
                   _("The converted vault could not be put in place: %s. Nothing was changed."),
                   g_strerror (saved));
      self->db = open_database (self->path, passphrase, FALSE, &self->profile, NULL);
      goto cleanup;
    }

  self->db = open_database (self->path, passphrase, FALSE, &self->profile, error);
  ok = self->db != NULL;
  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&backup);
  goto out;

cleanup:
  if (copy != NULL)
    sqlite3_close (copy);
  remove_with_sidecars (target);
out:
  _cpv_vault_unlock (self);
  return ok;
}

void
cpv_vault_set_evidence_size_limit (CpvVault *self,
                                   goffset   limit)
{
  g_return_if_fail (CPV_IS_VAULT (self));
  g_return_if_fail (limit > 0);
  self->evidence_size_limit = limit;
}

goffset
cpv_vault_get_evidence_size_limit (CpvVault *self)
{
  g_return_val_if_fail (CPV_IS_VAULT (self), 0);
  return self->evidence_size_limit;
}

/* Private API for the core's services. */

sqlite3 *
_cpv_vault_lock (CpvVault  *self,
                 GError   **error)
{
  g_rec_mutex_lock (&self->mutex);
  if (self->db == NULL)
    {
      g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED,
                           _("The vault is locked. Unlock it and try again."));
      return NULL;
    }
  return self->db;
}

void
_cpv_vault_unlock (CpvVault *self)
{
  g_rec_mutex_unlock (&self->mutex);
}

gboolean
_cpv_vault_exec (CpvVault    *self,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED,
                           _("The vault is locked. Unlock it and try again."));
      return FALSE;
    }
  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, rc, N_("updating the vault"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Nested begin/commit pairs join the outermost transaction. */
gboolean
_cpv_vault_begin (CpvVault  *self,
                  GError   **error)
{
  if (self->in_transaction == 0 && !_cpv_vault_exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  self->in_transaction++;
  return TRUE;
}

gboolean
_cpv_vault_commit (CpvVault  *self,
                   GError   **error)
{
  g_return_val_if_fail (self->in_transaction > 0, FALSE);

  if (self->in_transaction > 1)
    {
      self->in_transaction--;
      return TRUE;
    }
  if (!_cpv_vault_exec (self, "COMMIT;", error))
    {
      _cpv_vault_rollback (self);
      return FALSE;
    }
  self->in_transaction = 0;
  return TRUE;
}

void
_cpv_vault_rollback (CpvVault *self)
{
  if (self->in_transaction == 0)
    return;
  self->in_transaction = 0;
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
}

sqlite3_stmt *
_cpv_vault_prepare (CpvVault    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED,
                           _("The vault is locked. Unlock it and try again."));
      return NULL;
    }
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_rc (error, rc, N_("reading the vault"), sqlite3_errmsg (self->db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

void
_cpv_vault_set_sql_error (CpvVault    *self,
                          GError     **error,
                          int          rc,
                          const char  *doing)
{
  set_error_from_rc (error, rc, doing, self->db ? sqlite3_errmsg (self->db) : NULL);
}

typedef struct
{
  CpvVault *vault;
  char     *what;
} ChangedData;

static gboolean
emit_changed_idle (gpointer user_data)
{
  ChangedData *data = user_data;

  g_signal_emit (data->vault, signals[CHANGED], g_quark_from_string (data->what), data->what);
  g_object_unref (data->vault);
  g_free (data->what);
  g_free (data);
  return G_SOURCE_REMOVE;
}

/* "changed" is always emitted from the main context, even when a GTask thread wrote. */
void
_cpv_vault_emit_changed (CpvVault   *self,
                         const char *what)
{
  ChangedData *data = g_new0 (ChangedData, 1);

  data->vault = g_object_ref (self);
  data->what = g_strdup (what);
  g_main_context_invoke (NULL, emit_changed_idle, data);
}

gboolean
_cpv_step_done (CpvVault      *self,
                sqlite3_stmt  *stmt,
                const char    *doing,
                GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _cpv_vault_set_sql_error (self, error, rc, doing);
      return FALSE;
    }
  return TRUE;
}

void
_cpv_bind_day (sqlite3_stmt *stmt,
               int           index,
               CpvDay        day)
{
  char buf[11];

  if (day == 0)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  cpv_day_format_buf (day, buf);
  sqlite3_bind_text (stmt, index, buf, -1, SQLITE_TRANSIENT);
}

CpvDay
_cpv_column_day (sqlite3_stmt *stmt,
                 int           column)
{
  CpvDay day = 0;
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || !cpv_day_parse (text, &day))
    return 0;
  return day;
}

char *
_cpv_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

const char *
_cpv_column_text (sqlite3_stmt *stmt,
                  int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

char *
_cpv_column_dup (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

void
_cpv_bind_text_or_null (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* GObject */

static void
cpv_vault_finalize (GObject *object)
{
  CpvVault *self = (CpvVault *) object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_rec_mutex_clear (&self->mutex);
  g_free (self->path);

  G_OBJECT_CLASS (cpv_vault_parent_class)->finalize (object);
}

static void
cpv_vault_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CpvVault *self = CPV_VAULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_vault_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CpvVault *self = CPV_VAULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpv_vault_class_init (CpvVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cpv_vault_finalize;
  object_class->get_property = cpv_vault_get_property;
  object_class->set_property = cpv_vault_set_property;

  props[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * CpvVault::changed:
   * @what: "credential", "activity", "evidence" or another record kind
   *
   * Emitted in the main context after a change was committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cpv_vault_init (CpvVault *self)
{
  g_rec_mutex_init (&self->mutex);
  self->evidence_size_limit = CPV_EVIDENCE_DEFAULT_SIZE_LIMIT;
}
