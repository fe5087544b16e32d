/* Sealed files: round trips, and refusal of a wrong passphrase, of every changed byte, of
 * every truncation, of unknown versions and of hostile key-derivation limits.
 *
 * A key derivation at the production limits takes about a second, so the tests that open a
 * file once per changed byte use a file sealed with the cheapest accepted limits
 * (sealed_seal_limits): the same code path, a cheap key. The production limits are used for
 * the round trips, the wrong passphrase, every truncation (refused before any key is
 * derived) and a changed byte in each field but the limits. One production file is sealed
 * for the whole group and shared, to keep the derivations (about a second each) to twelve. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "sealed.h"

/* Every key derivation sealed.c asks for passes through here (the test is linked with
 * --wrap=crypto_pwhash): counted, with the largest memory asked for, so that a test can
 * tell a hostile header was refused before anything was derived or allocated for it. A
 * request above what maca seals with is not run: the test fails on the count instead of
 * spending a gigabyte. */
int __real_crypto_pwhash(unsigned char *out, unsigned long long outlen, const char *passwd,
			 unsigned long long passwdlen, const unsigned char *salt,
			 unsigned long long opslimit, size_t memlimit, int alg);
int __wrap_crypto_pwhash(unsigned char *out, unsigned long long outlen, const char *passwd,
			 unsigned long long passwdlen, const unsigned char *salt,
			 unsigned long long opslimit, size_t memlimit, int alg);
static size_t derivations;
static size_t largest_memlimit;
int __wrap_crypto_pwhash(unsigned char *out, unsigned long long outlen, const char *passwd,
			 unsigned long long passwdlen, const unsigned char *salt,
			 unsigned long long opslimit, size_t memlimit, int alg)
{
	derivations++;
	if (memlimit > largest_memlimit)
		largest_memlimit = memlimit;
	if (memlimit > SEALED_MEMLIMIT || opslimit > SEALED_OPSLIMIT)
		return -1;
	return __real_crypto_pwhash(out, outlen, passwd, passwdlen, salt, opslimit, memlimit, alg);
}

#define PASS "correct horse battery staple"
#define CHEAP_OPS SEALED_OPSLIMIT_MIN
#define CHEAP_MEM SEALED_MEMLIMIT_MIN

/* Offsets from the table in sealed.h, written out again so the test checks the layout. */
enum { VERSION = 8, OPS = 9, MEM = 17, LENGTH = 25, SALT = 33, NONCE = 49, BODY = 73 };

static const unsigned char text[] = "Case 17 (synthetic): \0 health visitor \0\x01\xff notes";

struct sealed_buf {
	unsigned char *data;
	size_t len;
};

static struct sealed_buf seal_prod(const unsigned char *plain, size_t len)
{
	struct sealed_buf s = {0};
	struct maca_err err = {0};
	assert_int_equal(sealed_seal(plain, len, PASS, strlen(PASS), &s.data, &s.len, &err),
			 MACA_OK);
	assert_int_equal(s.len, len + SEALED_OVERHEAD);
	err_clear(&err);
	return s;
}

static struct sealed_buf seal_cheap(const unsigned char *plain, size_t len)
{
	struct sealed_buf s = {0};
	struct maca_err err = {0};
	assert_int_equal(sealed_seal_limits(plain, len, PASS, strlen(PASS), CHEAP_OPS, CHEAP_MEM,
					    &s.data, &s.len, &err),
			 MACA_OK);
	err_clear(&err);
	return s;
}

/* Opens buf with PASS and returns the status; on failure, *msg is the message (caller
 * frees) and nothing was allocated for the plaintext. */
static int try_open(const unsigned char *buf, size_t len, char **msg)
{
	struct maca_err err = {0};
	unsigned char *plain = (unsigned char *)"untouched";
	size_t plainlen = 99;
	int rc = sealed_open(buf, len, PASS, strlen(PASS), &plain, &plainlen, &err);
	if (rc) {
		assert_null(plain);
		assert_int_equal(plainlen, 0);
		*msg = strdup(err_msg(&err));
		assert_non_null(*msg);
	} else {
		sodium_memzero(plain, plainlen);
		free(plain);
		*msg = NULL;
	}
	err_clear(&err);
	return rc;
}

/* One file sealed at the production limits, shared by the tests that only read it. */
static struct sealed_buf prod;

static int group_setup(void **state)
{
	(void)state;
	prod = seal_prod(text, sizeof text);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(prod.data);
	return 0;
}

static void assert_opens_to(struct sealed_buf s, const unsigned char *plain, size_t len)
{
	assert_true(sealed_detect(s.data, s.len));
	assert_memory_equal(s.data, "MACASEAL\x01", 9);
	struct maca_err err = {0};
	unsigned char *out = NULL;
	size_t outlen = 0;
	assert_int_equal(sealed_open(s.data, s.len, PASS, strlen(PASS), &out, &outlen, &err),
			 MACA_OK);
	assert_int_equal(outlen, len);
	if (len)
		assert_memory_equal(out, plain, len);
	/* The plaintext must not appear in the sealed file. */
	if (len >= 16)
		assert_null(memmem(s.data, s.len, plain, 16));
	sodium_memzero(out, outlen);
	free(out);
	err_clear(&err);
}

static void assert_round_trip(const unsigned char *plain, size_t len)
{
	struct sealed_buf s = seal_prod(plain, len);
	assert_opens_to(s, plain, len);
	free(s.data);
}

static void test_round_trip_small_with_nuls(void **state)
{
	(void)state;
	assert_opens_to(prod, text, sizeof text);
}

static void test_round_trip_empty(void **state)
{
	(void)state;
	assert_round_trip((const unsigned char *)"", 0);
}

static void test_round_trip_5mb(void **state)
{
	(void)state;
	size_t len = 5u << 20;
	unsigned char *big = malloc(len);
	assert_non_null(big);
	for (size_t i = 0; i < len; i++)
		big[i] = (unsigned char)(i * 2654435761u >> 13);
	assert_round_trip(big, len);
	free(big);
}

static void test_header_fields(void **state)
{
	(void)state;
	struct sealed_buf s = seal_cheap(text, sizeof text);
	assert_int_equal(s.data[VERSION], 1);
	assert_int_equal(s.data[OPS], CHEAP_OPS);
	for (int i = 1; i < 8; i++)
		assert_int_equal(s.data[OPS + i], 0);
	assert_memory_equal(s.data + MEM, "\x00\x20\0\0\0\0\0\0", 8); /* 8192 */
	assert_int_equal(s.data[LENGTH], sizeof text);
	for (int i = 1; i < 8; i++)
		assert_int_equal(s.data[LENGTH + i], 0);
	assert_int_equal(BODY, SEALED_HEADER_LEN);
	free(s.data);

	/* The production limits, as the format promises. */
	assert_memory_equal(prod.data + OPS, "\x03\0\0\0\0\0\0\0", 8);
	assert_memory_equal(prod.data + MEM, "\0\0\0\x10\0\0\0\0", 8); /* 256 MiB */
}

static void test_wrong_passphrase(void **state)
{
	(void)state;
	struct sealed_buf s = prod;
	const char *wrong[] = {"correct horse battery stapl", "Correct horse battery staple"};
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		struct maca_err err = {0};
		unsigned char *out = NULL;
		size_t outlen = 0;
		assert_int_equal(
		    sealed_open(s.data, s.len, wrong[i], strlen(wrong[i]), &out, &outlen, &err),
		    MACA_EUSER);
		assert_string_equal(err_msg(&err), SEALED_MSG_REFUSED);
		assert_null(out);
		err_clear(&err);
	}
}

/* Which refusal a changed byte at offset i may give: the tamper message everywhere the
 * bytes are only checked cryptographically, a structural message in the fields read
 * before the key is derived. */
static void assert_flip_refused(const unsigned char *orig, size_t len, size_t i, unsigned char mask)
{
	unsigned char *buf = malloc(len);
	assert_non_null(buf);
	memcpy(buf, orig, len);
	buf[i] ^= mask;
	char *msg = NULL;
	int rc = try_open(buf, len, &msg);
	if (rc == MACA_OK)
		fail_msg("byte %zu xor 0x%02x was accepted", i, mask);
	if (i < VERSION) {
		assert_int_equal(rc, MACA_ENOTMACA);
	} else if (i == VERSION) {
		assert_true(rc == MACA_ETOONEW || rc == MACA_ENOTMACA);
	} else if (i < LENGTH) {
		assert_int_equal(rc, MACA_EUSER);
		if (strcmp(msg, SEALED_MSG_REFUSED) != 0)
			assert_non_null(strstr(msg, "key-derivation limits"));
	} else if (i < SALT) {
		assert_int_equal(rc, MACA_EUSER);
		if (strcmp(msg, SEALED_MSG_REFUSED) != 0)
			assert_non_null(strstr(msg, "truncated"));
	} else {
		assert_int_equal(rc, MACA_EUSER);
		assert_string_equal(msg, SEALED_MSG_REFUSED);
	}
	free(msg);
	free(buf);
}

static void test_every_byte_flipped_is_refused(void **state)
{
	(void)state;
	struct sealed_buf s = seal_cheap(text, sizeof text);
	static const unsigned char masks[] = {0x01, 0x80, 0xff};
	for (size_t i = 0; i < s.len; i++)
		for (size_t m = 0; m < sizeof masks; m++)
			assert_flip_refused(s.data, s.len, i, masks[m]);
	free(s.data);
}

static void test_flips_refused_at_production_limits(void **state)
{
	(void)state;
	/* The limits' bytes are covered by the cheap file: each flip here costs a second. */
	const size_t at[] = {0, VERSION, LENGTH, SALT + 5, NONCE + 23, prod.len - 1};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		assert_flip_refused(prod.data, prod.len, at[i], 0x01);
}

static void test_every_truncation_is_refused(void **state)
{
	(void)state;
	struct sealed_buf s = prod;
	for (size_t n = 0; n < s.len; n++) {
		char *msg = NULL;
		int rc = try_open(s.data, n, &msg);
		if (rc != MACA_EUSER || !strstr(msg, "truncated"))
			fail_msg("cut at %zu: %d %s", n, rc, msg ? msg : "(accepted)");
		free(msg);
	}
	/* One byte too many is a change, not a truncation. */
	unsigned char *longer = malloc(s.len + 1);
	assert_non_null(longer);
	memcpy(longer, s.data, s.len);
	longer[s.len] = 0;
	char *msg = NULL;
	assert_int_equal(try_open(longer, s.len + 1, &msg), MACA_EUSER);
	assert_string_equal(msg, SEALED_MSG_REFUSED);
	free(msg);
	free(longer);
}

static void test_unknown_version(void **state)
{
	(void)state;
	struct sealed_buf s = seal_cheap(text, sizeof text);
	char *msg = NULL;
	s.data[VERSION] = 2;
	assert_int_equal(try_open(s.data, s.len, &msg), MACA_ETOONEW);
	assert_non_null(strstr(msg, "newer maca (format version 2"));
	free(msg);
	s.data[VERSION] = 0;
	assert_int_equal(try_open(s.data, s.len, &msg), MACA_ENOTMACA);
	assert_non_null(strstr(msg, "unknown format version 0"));
	free(msg);
	/* A newer version is recognised from its first nine bytes, whatever follows. */
	s.data[VERSION] = 200;
	assert_int_equal(try_open(s.data, 9, &msg), MACA_ETOONEW);
	free(msg);
	free(s.data);
}

static void put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Limits a hostile header might carry: each is refused before any key is derived, so none
 * allocates or spends what it asks for. */
static void test_hostile_limits_refused(void **state)
{
	(void)state;
	struct sealed_buf s = seal_cheap(text, sizeof text);
	const struct {
		uint64_t ops, mem;
	} bad[] = {
	    {UINT64_MAX, CHEAP_MEM},
	    {CHEAP_OPS, UINT64_MAX},
	    {UINT64_MAX, UINT64_MAX},
	    {0, CHEAP_MEM},
	    {CHEAP_OPS, 0},
	    {CHEAP_OPS, SEALED_MEMLIMIT_MIN - 1},
	    {SEALED_OPSLIMIT_MAX + 1, CHEAP_MEM},
	    {CHEAP_OPS, SEALED_MEMLIMIT_MAX + 1},
	    {CHEAP_OPS, 4ULL << 30},
	    {4, 1ULL << 30},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		put_u64(s.data + OPS, bad[i].ops);
		put_u64(s.data + MEM, bad[i].mem);
		char *msg = NULL;
		assert_int_equal(try_open(s.data, s.len, &msg), MACA_EUSER);
		assert_non_null(strstr(msg, "key-derivation limits maca does not accept"));
		free(msg);

		struct maca_err err = {0};
		unsigned char *out = NULL;
		size_t outlen = 0;
		assert_int_equal(sealed_seal_limits(text, 4, PASS, strlen(PASS), bad[i].ops,
						    bad[i].mem, &out, &outlen, &err),
				 MACA_EUSER);
		assert_null(out);
		err_clear(&err);
	}
	free(s.data);
}

/* The header of the issue: what maca writes, but a gigabyte of memory (and more passes) asked
 * for. Refused before any key is derived: no derivation is even started, so nothing of
 * what it asks for is allocated. */
static void test_limits_above_what_maca_writes_refused(void **state)
{
	(void)state;
	struct sealed_buf s = seal_cheap(text, sizeof text);
	const struct {
		uint64_t ops, mem;
	} bad[] = {
	    {3, 1ULL << 30}, /* 1 GiB: 1.05 GB and 4 s before this fix */
	    {1, 1ULL << 30},	{3, (256ULL << 20) + 1024}, {4, 256ULL << 20},
	    {10, 256ULL << 20}, {10, 100ULL << 20},	    {2, 512ULL << 20},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		put_u64(s.data + OPS, bad[i].ops);
		put_u64(s.data + MEM, bad[i].mem);
		derivations = 0;
		largest_memlimit = 0;
		char *msg = NULL;
		assert_int_equal(try_open(s.data, s.len, &msg), MACA_EUSER);
		assert_non_null(strstr(msg, "key-derivation limits maca does not accept"));
		free(msg);
		assert_int_equal(derivations, 0);
		assert_int_equal(largest_memlimit, 0);
	}
	/* What maca itself writes still opens, deriving once at those limits. */
	struct sealed_buf p = prod;
	derivations = 0;
	largest_memlimit = 0;
	char *msg = NULL;
	assert_int_equal(try_open(p.data, p.len, &msg), MACA_OK);
	assert_int_equal(derivations, 1);
	assert_int_equal(largest_memlimit, 256u << 20);
	free(s.data);
}

static void test_two_seals_differ(void **state)
{
	(void)state;
	struct sealed_buf a = prod;
	struct sealed_buf b = seal_prod(text, sizeof text);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, SALT); /* magic, version, limits, length */
	assert_memory_not_equal(a.data + SALT, b.data + SALT, NONCE - SALT);
	assert_memory_not_equal(a.data + NONCE, b.data + NONCE, BODY - NONCE);
	assert_memory_not_equal(a.data + BODY, b.data + BODY, a.len - BODY);
	free(b.data);
}

static void test_detect_and_foreign_files(void **state)
{
	(void)state;
	assert_false(sealed_detect((const unsigned char *)"", 0));
	assert_false(sealed_detect((const unsigned char *)"MACASEA", 7));
	assert_true(sealed_detect((const unsigned char *)"MACASEAL", 8));
	const char sqlite[] = "SQLite format 3\0 and more bytes than a header holds, surely";
	assert_false(sealed_detect((const unsigned char *)sqlite, sizeof sqlite));
	char *msg = NULL;
	assert_int_equal(try_open((const unsigned char *)sqlite, sizeof sqlite, &msg),
			 MACA_ENOTMACA);
	assert_string_equal(msg, "not an encrypted maca file");
	free(msg);
	assert_int_equal(try_open((const unsigned char *)"MACB", 4, &msg), MACA_ENOTMACA);
	free(msg);
}

static void test_empty_passphrase_refused(void **state)
{
	(void)state;
	struct maca_err err = {0};
	unsigned char *out = NULL;
	size_t outlen = 0;
	assert_int_equal(sealed_seal(text, sizeof text, "", 0, &out, &outlen, &err), MACA_EUSER);
	assert_string_equal(err_msg(&err), "the passphrase is empty");
	assert_null(out);
	err_clear(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip_small_with_nuls),
	    cmocka_unit_test(test_round_trip_empty),
	    cmocka_unit_test(test_round_trip_5mb),
	    cmocka_unit_test(test_header_fields),
	    cmocka_unit_test(test_wrong_passphrase),
	    cmocka_unit_test(test_every_byte_flipped_is_refused),
	    cmocka_unit_test(test_flips_refused_at_production_limits),
	    cmocka_unit_test(test_every_truncation_is_refused),
	    cmocka_unit_test(test_unknown_version),
	    cmocka_unit_test(test_hostile_limits_refused),
	    cmocka_unit_test(test_limits_above_what_maca_writes_refused),
	    cmocka_unit_test(test_two_seals_differ),
	    cmocka_unit_test(test_detect_and_foreign_files),
	    cmocka_unit_test(test_empty_passphrase_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
