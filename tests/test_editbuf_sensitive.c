/* A sensitive editor (a passphrase's) leaves no copy of its text in memory it releases.
 * The editor's allocator is swapped for one that looks at every block released: a block
 * still holding anything but zero bytes is counted as a leak. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "editbuf.h"
#include "editbuf_internal.h"

static size_t allocated, released, unwiped;

/* New blocks hold non-zero garbage, so a block released unwiped is seen even where the
 * editor wrote nothing. */
static void *test_alloc(size_t size)
{
	void *p = malloc(size);
	if (p) {
		memset(p, 0xA5, size);
		allocated++;
	}
	return p;
}

static void test_release(void *block, size_t size)
{
	const unsigned char *b = block;
	for (size_t i = 0; i < size; i++)
		if (b[i]) {
			unwiped++;
			break;
		}
	released++;
	free(block);
}

static int setup(void **state)
{
	(void)state;
	static const struct editbuf_allocator a = {test_alloc, test_release};
	allocated = released = unwiped = 0;
	editbuf_set_allocator(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	editbuf_set_allocator(NULL);
	return 0;
}

/* Types, pastes, deletes and saves in eb, growing its text from 1 to 128 characters. */
static void exercise(struct editbuf *eb)
{
	static const char secret[] = "correct horse battery staple ";
	for (int round = 0; round < 3; round++)
		for (const char *p = secret; *p; p++)
			assert_int_equal(editbuf_insert_char(eb, (wchar_t)*p), EDITBUF_OK);
	assert_int_equal(editbuf_insert_utf8(eb, "p\xc3\xa4sted", 7), EDITBUF_OK);
	assert_int_equal(editbuf_insert_wide(eb, L"wide\x20AC", 5), EDITBUF_OK);
	assert_int_equal(editbuf_mark_saved(eb), EDITBUF_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(editbuf_backspace(eb), EDITBUF_OK);
	editbuf_text_start(eb);
	assert_int_equal(editbuf_delete(eb), EDITBUF_OK);
	assert_int_equal(editbuf_mark_saved(eb), EDITBUF_OK);
	assert_int_equal(editbuf_length(eb), 3 * 29 + 6 + 5 - 6);
}

static void test_sensitive_wipes_every_block(void **state)
{
	(void)state;
	struct editbuf *eb = editbuf_new("", 0, EDITBUF_SINGLE_LINE);
	assert_non_null(eb);
	editbuf_set_sensitive(eb);
	exercise(eb);
	/* Deleting leaves no copy past the end of the text either. */
	assert_true(eb->cap >= eb->len + 6);
	for (size_t i = eb->len; i < eb->len + 6; i++)
		assert_int_equal(eb->text[i], 0);
	editbuf_free(eb);
	/* 1 -> 2 -> ... -> 128 is seven growths, two pastes, two saved copies replaced, and
	 * the text and saved copy freed at the end. */
	assert_true(released >= 7 + 2 + 2 + 2);
	/* Every block was allocated and released through the allocator: no realloc, which
	 * could leave the old block in freed memory behind the allocator's back. */
	assert_int_equal(released, allocated);
	assert_int_equal(unwiped, 0);
}

/* The same work in an ordinary editor releases blocks that still hold the text: the check
 * above can see a block that was not wiped. */
static void test_ordinary_editor_is_not_wiped(void **state)
{
	(void)state;
	struct editbuf *eb = editbuf_new("", 0, EDITBUF_SINGLE_LINE);
	assert_non_null(eb);
	exercise(eb);
	editbuf_free(eb);
	assert_int_equal(released, allocated);
	assert_true(unwiped >= 7 + 2 + 2 + 2);
}

/* Text given at creation is in a block the allocator made; it is wiped too. */
static void test_initial_text_wiped(void **state)
{
	(void)state;
	struct editbuf *eb = editbuf_new("s3cret", 0, EDITBUF_SINGLE_LINE);
	assert_non_null(eb);
	editbuf_set_sensitive(eb);
	assert_int_equal(editbuf_insert_utf8(eb, " phrase that grows", 18), EDITBUF_OK);
	editbuf_free(eb);
	assert_int_equal(released, allocated);
	assert_true(released >= 4);
	assert_int_equal(unwiped, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_sensitive_wipes_every_block, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ordinary_editor_is_not_wiped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_initial_text_wiped, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
