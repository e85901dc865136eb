/* test-search.c — the full-text index: titles, descriptions, and the text of PDFs
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDFs are drawn here with cairo's PDF surface and Pango (English and Japanese text, the
 * latter with the system's CJK font), into memory, and attached from a memory stream: the
 * test writes no PDF to disk, so that the plaintext check at the end means something.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cpv-evidence.h"
#include "cpv-records.h"
#include "cpv-search.h"
#include "cpv-test-util.h"

#define EN_MARKER "zebracorn"
#define JA_MARKER "ゼロトラスト監査"

static char *test_tmpdir;

/* Helpers ------------------------------------------------------------------------------- */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF with one page per string, each drawn with Pango. */
static GBytes *
make_pdf (const char * const *pages)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK JP 14");

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, 500 * PANGO_SCALE);
      pango_layout_set_text (layout, pages[i], -1);
      cairo_move_to (cr, 40, 60);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (pdf);
}

static gint64
add_activity (CpvVault   *vault,
              const char *title,
              const char *description)
{
  g_autoptr(CpvActivity) activity = cpv_activity_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  activity->title = g_strdup (title);
  activity->category = g_strdup ("isc2.education.course");
  activity->start_date = g_strdup ("2026-03-01");
  activity->end_date = g_strdup ("2026-03-02");
  activity->hours = 2;
  activity->credits = 2;
  activity->description = g_strdup (description);
  id = cpv_vault_add_activity (vault, activity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
attach_bytes (CpvVault   *vault,
              gint64      activity_id,
              GBytes     *bytes,
              const char *file_name)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(CpvEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;
  CpvEvidenceMeta meta = { .kind = "certificate", .file_name = file_name };

  evidence = cpv_vault_attach_evidence (vault, activity_id, stream, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  return evidence->id;
}

static gint64
attach_pdf (CpvVault           *vault,
            gint64              activity_id,
            const char * const *pages)
{
  g_autoptr(GBytes) pdf = make_pdf (pages);

  return attach_bytes (vault, activity_id, pdf, "certificate.pdf");
}

static void
index_evidence (CpvVault *vault,
                gint64    evidence_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cpv_search_index_evidence (vault, evidence_id, NULL, &error));
  g_assert_no_error (error);
}

/* The matching ids, as a string "1,4" that failures print readably. */
static char *
search (CpvVault   *vault,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = cpv_search_activities (vault, query, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

static char *
ids_text (gint64 first,
          gint64 second)
{
  if (second == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, first);
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, first, second);
}

#define assert_search(vault, query, expected) \
  G_STMT_START { \
    g_autofree char *found__ = search ((vault), (query)); \
    g_assert_cmpstr (found__, ==, (expected)); \
  } G_STMT_END

/* Tests --------------------------------------------------------------------------------- */

static void
test_extract_pdf (CpvTestVault  *fixture,
                  gconstpointer  user_data)
{
  const char *pages[] = { "Cloud security " EN_MARKER " notes", "第二頁 " JA_MARKER "の手引き",
                          NULL };
  g_autoptr(GBytes) pdf = make_pdf (pages);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = cpv_search_extract_text (pdf, "application/pdf", NULL, &error);
  g_autofree char *plain = NULL;
  g_autoptr(GBytes) plain_bytes = g_bytes_new_static ("Plain " EN_MARKER, 15);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, EN_MARKER));
  g_assert_nonnull (strstr (text, JA_MARKER));
  g_assert_nonnull (strstr (text, "第二頁"));

  plain = cpv_search_extract_text (plain_bytes, "text/plain", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "Plain " EN_MARKER);
  g_clear_pointer (&plain, g_free);
  plain = cpv_search_extract_text (plain_bytes, "image/png", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "");
}

static void
test_pdf_english (CpvTestVault  *fixture,
                  gconstpointer  user_data)
{
  const char *pages[] = { "Certificate of attendance", "Topic: the " EN_MARKER " protocol",
                          NULL };
  gint64 course = add_activity (fixture->vault, "Spring conference", "Two talks");
  gint64 other = add_activity (fixture->vault, "Reading", NULL);
  gint64 evidence;
  g_autofree char *expected = ids_text (course, 0);

  g_assert_cmpint (other, !=, course);
  evidence = attach_pdf (fixture->vault, course, pages);
  /* Attaching alone does not index: the app indexes in a task after the attach. */
  g_assert_false (cpv_search_evidence_is_indexed (fixture->vault, evidence, NULL));
  assert_search (fixture->vault, EN_MARKER, "");

  index_evidence (fixture->vault, evidence);
  g_assert_true (cpv_search_evidence_is_indexed (fixture->vault, evidence, NULL));
  assert_search (fixture->vault, EN_MARKER, expected);
  /* Case-insensitive, prefixes, and words from every page. */
  assert_search (fixture->vault, "ZEBRACORN", expected);
  assert_search (fixture->vault, "zebra", expected);
  assert_search (fixture->vault, "attendance", expected);
  assert_search (fixture->vault, "corn", "");
  assert_search (fixture->vault, "unicorn", "");
  /* Quotes and stars in what people type do not break the query. */
  assert_search (fixture->vault, "\"zebra*", expected);
  assert_search (fixture->vault, "\" * -", "");
  assert_search (fixture->vault, "", "");
  assert_search (fixture->vault, "   ", "");

  /* Indexing again replaces, never duplicates. */
  index_evidence (fixture->vault, evidence);
  assert_search (fixture->vault, EN_MARKER, expected);
}

static void
test_pdf_japanese (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  const char *pages[] = { "令和8年度 " JA_MARKER "の手引き 受講証明書", NULL };
  gint64 course = add_activity (fixture->vault, "ISMS研修", NULL);
  gint64 evidence = attach_pdf (fixture->vault, course, pages);
  g_autofree char *expected = ids_text (course, 0);

  g_assert_true (cpv_search_query_has_cjk ("ゼロトラスト"));
  g_assert_true (cpv_search_query_has_cjk ("ISMS監査"));
  g_assert_true (cpv_search_query_has_cjk ("ｾﾞﾛ"));
  g_assert_false (cpv_search_query_has_cjk ("Zero trust, 2026"));

  index_evidence (fixture->vault, evidence);
  /* FTS4 would see "令和8年度" and "ゼロトラスト監査の手引き" as single tokens; words inside
   * a run of Japanese text are still found. */
  assert_search (fixture->vault, "ゼロトラスト", expected);
  assert_search (fixture->vault, "監査", expected);
  assert_search (fixture->vault, "受講証明書", expected);
  /* Terms separated by an ideographic space (Japanese input) or an ASCII one. */
  assert_search (fixture->vault, "監査　受講", expected);
  assert_search (fixture->vault, "監査 受講", expected);
  assert_search (fixture->vault, "監査　講演", "");
  assert_search (fixture->vault, "情報処理", "");
  /* The title is searched the same way, with ASCII folded in mixed terms. */
  assert_search (fixture->vault, "isms研修", expected);
}

static void
test_titles_descriptions (CpvTestVault  *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = add_activity (fixture->vault, "Threat modelling workshop",
                               "Learned STRIDE and attack trees");
  gint64 second = add_activity (fixture->vault, "Cloud audit webinar", "Attack surface review");
  g_autoptr(CpvActivity) activity = NULL;
  g_autofree char *only_first = ids_text (first, 0);
  g_autofree char *only_second = ids_text (second, 0);
  g_autofree char *both = ids_text (first, second);

  assert_search (fixture->vault, "workshop", only_first);
  assert_search (fixture->vault, "stride", only_first);
  assert_search (fixture->vault, "attack", both);
  /* Every term must occur in the activity. */
  assert_search (fixture->vault, "attack cloud", only_second);
  assert_search (fixture->vault, "attack cloud stride", "");

  /* An edit is searchable at once (triggers keep the index in step). */
  activity = cpv_vault_get_activity (fixture->vault, first, &error);
  g_assert_no_error (error);
  g_free (activity->title);
  activity->title = g_strdup ("Risk assessment workshop");
  g_clear_pointer (&activity->description, g_free);
  g_assert_true (cpv_vault_update_activity (fixture->vault, activity, &error));
  g_assert_no_error (error);
  assert_search (fixture->vault, "threat", "");
  assert_search (fixture->vault, "stride", "");
  assert_search (fixture->vault, "risk", only_first);
  assert_search (fixture->vault, "attack", only_second);

  g_assert_true (cpv_vault_remove_activity (fixture->vault, second, &error));
  g_assert_no_error (error);
  assert_search (fixture->vault, "attack", "");
  assert_search (fixture->vault, "webinar", "");
}

static void
test_terms_across_sources (CpvTestVault  *fixture,
                           gconstpointer  user_data)
{
  const char *pages[] = { "Speaker notes: " EN_MARKER, NULL };
  gint64 talk = add_activity (fixture->vault, "Chapter meeting talk", NULL);
  gint64 reading = add_activity (fixture->vault, "Chapter newsletter", NULL);
  gint64 evidence = attach_pdf (fixture->vault, talk, pages);
  g_autoptr(GError) error = NULL;
  g_autofree char *only_talk = ids_text (talk, 0);
  g_autofree char *both = ids_text (talk, reading);

  index_evidence (fixture->vault, evidence);
  /* One term in the title, the other in the PDF. */
  assert_search (fixture->vault, "chapter " EN_MARKER, only_talk);
  assert_search (fixture->vault, "chapter", both);

  /* The same stored file linked to a second activity is found for both. */
  g_assert_true (cpv_vault_link_evidence (fixture->vault, reading, evidence, &error));
  g_assert_no_error (error);
  assert_search (fixture->vault, EN_MARKER, both);

  /* Removing the evidence removes its text from the index. */
  g_assert_true (cpv_vault_remove_evidence (fixture->vault, evidence, &error));
  g_assert_no_error (error);
  assert_search (fixture->vault, EN_MARKER, "");
  g_assert_false (cpv_search_evidence_is_indexed (fixture->vault, evidence, NULL));
}

typedef struct
{
  GMainLoop *loop;
  GArray    *progress;   /* of guint: done, total, done, total … */
  guint      indexed;
  GError    *error;
} ReindexResult;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ReindexResult *result = user_data;

  g_array_append_val (result->progress, done);
  g_array_append_val (result->progress, total);
}

static void
reindexed_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  ReindexResult *result = user_data;

  result->indexed = cpv_search_reindex_finish (CPV_VAULT (source), res, &result->error);
  g_main_loop_quit (result->loop);
}

static void
run_reindex (CpvVault      *vault,
             gboolean       only_missing,
             GCancellable  *cancellable,
             ReindexResult *result)
{
  result->loop = g_main_loop_new (NULL, FALSE);
  result->progress = g_array_new (FALSE, FALSE, sizeof (guint));
  cpv_search_reindex_async (vault, only_missing, progress_cb, result, cancellable,
                            reindexed_cb, result);
  g_main_loop_run (result->loop);
  /* Progress reports queued before the end are delivered before the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (result->loop);
}

static void
reindex_result_clear (ReindexResult *result)
{
  g_clear_pointer (&result->progress, g_array_unref);
  g_clear_error (&result->error);
}

static void
test_reindex (CpvTestVault  *fixture,
              gconstpointer  user_data)
{
  const char *first_pages[] = { "Agenda " EN_MARKER, NULL };
  const char *second_pages[] = { JA_MARKER, NULL };
  gint64 activity = add_activity (fixture->vault, "Existing vault", NULL);
  g_autoptr(GBytes) image = g_bytes_new_static ("\x89PNG\r\n\x1a\n0000", 12);
  gint64 first, second, third;
  ReindexResult result = { 0 };
  g_autofree char *expected = ids_text (activity, 0);
  guint n;

  /* Items attached without indexing, as by the CLI or an older version. */
  first = attach_pdf (fixture->vault, activity, first_pages);
  second = attach_pdf (fixture->vault, activity, second_pages);
  third = attach_bytes (fixture->vault, activity, image, "photo.png");
  assert_search (fixture->vault, EN_MARKER, "");

  run_reindex (fixture->vault, TRUE, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.indexed, ==, 3);
  /* Progress: from 0 of 3 to 3 of 3, one step per item, never backwards. */
  n = result.progress->len / 2;
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (g_array_index (result.progress, guint, 2 * i), ==, i);
      g_assert_cmpuint (g_array_index (result.progress, guint, 2 * i + 1), ==, 3);
    }
  g_assert_true (cpv_search_evidence_is_indexed (fixture->vault, first, NULL));
  g_assert_true (cpv_search_evidence_is_indexed (fixture->vault, second, NULL));
  g_assert_true (cpv_search_evidence_is_indexed (fixture->vault, third, NULL));
  assert_search (fixture->vault, EN_MARKER, expected);
  assert_search (fixture->vault, "トラスト", expected);
  reindex_result_clear (&result);

  /* Nothing missing any more; a full reindex does them all again. */
  run_reindex (fixture->vault, TRUE, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.indexed, ==, 0);
  reindex_result_clear (&result);
  run_reindex (fixture->vault, FALSE, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.indexed, ==, 3);
  assert_search (fixture->vault, EN_MARKER, expected);
  reindex_result_clear (&result);
}

static void
test_reindex_cancelled (CpvTestVault  *fixture,
                        gconstpointer  user_data)
{
  const char *pages[] = { EN_MARKER, NULL };
  gint64 activity = add_activity (fixture->vault, "Cancelled", NULL);
  gint64 evidence = attach_pdf (fixture->vault, activity, pages);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ReindexResult result = { 0 };

  g_cancellable_cancel (cancellable);
  run_reindex (fixture->vault, TRUE, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result.indexed, ==, 0);
  /* No progress after the cancellation reaches the caller. */
  g_assert_cmpuint (result.progress->len, ==, 0);
  g_assert_false (cpv_search_evidence_is_indexed (fixture->vault, evidence, NULL));
  reindex_result_clear (&result);
}

static void
test_unreadable_pdf (CpvTestVault  *fixture,
                     gconstpointer  user_data)
{
  static const char broken[] = "%PDF-1.7\n% not really a PDF " EN_MARKER "\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (broken, sizeof broken - 1);
  gint64 activity = add_activity (fixture->vault, "Broken file", NULL);
  gint64 evidence = attach_bytes (fixture->vault, activity, bytes, "broken.pdf");
  g_autoptr(CpvEvidence) item = cpv_vault_get_evidence (fixture->vault, evidence, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (item->media_type, ==, "application/pdf");
  g_assert_false (cpv_search_index_evidence (fixture->vault, evidence, NULL, &error));
  g_assert_error (error, CPV_SEARCH_ERROR, CPV_SEARCH_ERROR_UNREADABLE);
  /* Recorded without text, so that a reindex does not try it again and again. */
  g_assert_true (cpv_search_evidence_is_indexed (fixture->vault, evidence, NULL));
  assert_search (fixture->vault, EN_MARKER, "");
}

static void
test_closed_vault (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  cpv_vault_close (fixture->vault);
  ids = cpv_search_activities (fixture->vault, "anything", &error);
  g_assert_null (ids);
  g_assert_error (error, CPV_VAULT_ERROR, CPV_VAULT_ERROR_CLOSED);
}

static void
test_no_plaintext (CpvTestVault  *fixture,
                   gconstpointer  user_data)
{
  const char *pages[] = { "Confidential " EN_MARKER " " JA_MARKER, NULL };
  gint64 activity = add_activity (fixture->vault, "Marker course", NULL);
  gint64 evidence = attach_pdf (fixture->vault, activity, pages);
  g_autofree char *expected = ids_text (activity, 0);

  index_evidence (fixture->vault, evidence);
  assert_search (fixture->vault, EN_MARKER, expected);
  assert_search (fixture->vault, "ゼロトラスト", expected);
  cpv_vault_close (fixture->vault);

  /* TMPDIR of this test (the vault's directory is inside it) holds no trace of the text. */
  g_assert_false (cpv_test_tree_contains (test_tmpdir, EN_MARKER));
  g_assert_false (cpv_test_tree_contains (test_tmpdir, JA_MARKER));
  g_assert_false (cpv_test_tree_contains (test_tmpdir, "Confidential"));
}

int
main (int   argc,
      char *argv[])
{
  const char *outer = g_getenv ("TMPDIR");
  g_autofree char *base = NULL;
  int status;

  /* Every temporary file of this process lands in a directory of its own, checked at the
   * end of /search/no-plaintext. GLib reads TMPDIR once, so it is set before any use. */
  base = g_build_filename (outer != NULL && outer[0] != '\0' ? outer : "/tmp",
                           "cpv-search-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (base));
  g_setenv ("TMPDIR", base, TRUE);
  test_tmpdir = base;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CpvTestVault, NULL, cpv_test_vault_setup, func, cpv_test_vault_teardown)

  ADD ("/search/extract-pdf", test_extract_pdf);
  ADD ("/search/pdf-english", test_pdf_english);
  ADD ("/search/pdf-japanese", test_pdf_japanese);
  ADD ("/search/titles-descriptions", test_titles_descriptions);
  ADD ("/search/terms-across-sources", test_terms_across_sources);
  ADD ("/search/reindex", test_reindex);
  ADD ("/search/reindex-cancelled", test_reindex_cancelled);
  ADD ("/search/unreadable-pdf", test_unreadable_pdf);
  ADD ("/search/closed-vault", test_closed_vault);
  ADD ("/search/no-plaintext", test_no_plaintext);

  status = g_test_run ();
  cpv_test_rm_rf (base);
  return status;
}
