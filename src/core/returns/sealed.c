#include "sealed.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define KEY_LEN crypto_aead_xchacha20poly1305_ietf_KEYBYTES

/* Field offsets; sealed.h has the table. */
enum {
	OFF_VERSION = SEALED_MAGIC_LEN,
	OFF_OPSLIMIT = OFF_VERSION + 1,
	OFF_MEMLIMIT = OFF_OPSLIMIT + 8,
	OFF_LENGTH = OFF_MEMLIMIT + 8,
	OFF_SALT = OFF_LENGTH + 8,
	OFF_NONCE = OFF_SALT + crypto_pwhash_SALTBYTES,
	OFF_BODY = OFF_NONCE + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
};

_Static_assert(OFF_BODY == SEALED_HEADER_LEN, "header layout matches sealed.h");
_Static_assert(crypto_pwhash_SALTBYTES == 16, "16-byte salt");
_Static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == SEALED_TAG_LEN, "16-byte tag");
_Static_assert(SEALED_OPSLIMIT == crypto_pwhash_OPSLIMIT_MODERATE, "moderate ops");
_Static_assert(SEALED_MEMLIMIT == crypto_pwhash_MEMLIMIT_MODERATE, "moderate memory");

static void put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static int sodium_ready(struct maca_err *err)
{
	/* sodium_init is idempotent and thread-safe; it fails only without randomness. */
	if (sodium_init() < 0)
		return err_set(err, MACA_EIO, "the cryptography library could not start");
	return MACA_OK;
}

static bool limits_accepted(uint64_t ops, uint64_t mem)
{
	if (ops < SEALED_OPSLIMIT_MIN || ops > SEALED_OPSLIMIT_MAX)
		return false;
	return mem >= SEALED_MEMLIMIT_MIN && mem <= SEALED_MEMLIMIT_MAX;
}

static int derive_key(unsigned char key[KEY_LEN], const char *pass, size_t passlen,
		      const unsigned char *salt, uint64_t ops, uint64_t mem, struct maca_err *err)
{
	if (passlen > crypto_pwhash_PASSWD_MAX)
		return err_set(err, MACA_EUSER, "the passphrase is too long");
	/* Argon2id fails only when it cannot get its memory. */
	if (crypto_pwhash(key, KEY_LEN, pass, passlen, salt, ops, (size_t)mem,
			  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(err, MACA_ENOMEM, "out of memory deriving the key (%llu MiB needed)",
			       (unsigned long long)(mem >> 20));
	return MACA_OK;
}

int sealed_seal_limits(const unsigned char *plain, size_t len, const char *pass, size_t passlen,
		       uint64_t opslimit, uint64_t memlimit, unsigned char **out, size_t *outlen,
		       struct maca_err *err)
{
	*out = NULL;
	*outlen = 0;
	int rc = sodium_ready(err);
	if (rc)
		return rc;
	if (passlen == 0)
		return err_set(err, MACA_EUSER, "the passphrase is empty");
	if (!limits_accepted(opslimit, memlimit))
		return err_set(err, MACA_EUSER,
			       "key-derivation limits %llu passes, %llu bytes are outside what "
			       "maca opens",
			       (unsigned long long)opslimit, (unsigned long long)memlimit);
	if (len > crypto_aead_xchacha20poly1305_ietf_MESSAGEBYTES_MAX ||
	    len > SIZE_MAX - SEALED_OVERHEAD)
		return err_set(err, MACA_EUSER, "too much data to encrypt (%zu bytes)", len);

	size_t total = len + SEALED_OVERHEAD;
	unsigned char *buf = malloc(total);
	if (!buf)
		return err_set(err, MACA_ENOMEM, "out of memory encrypting %zu bytes", len);
	memcpy(buf, SEALED_MAGIC, SEALED_MAGIC_LEN);
	buf[OFF_VERSION] = SEALED_VERSION;
	put_u64(buf + OFF_OPSLIMIT, opslimit);
	put_u64(buf + OFF_MEMLIMIT, memlimit);
	put_u64(buf + OFF_LENGTH, (uint64_t)len);
	randombytes_buf(buf + OFF_SALT, crypto_pwhash_SALTBYTES);
	randombytes_buf(buf + OFF_NONCE, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);

	unsigned char key[KEY_LEN];
	rc = derive_key(key, pass, passlen, buf + OFF_SALT, opslimit, memlimit, err);
	if (rc) {
		sodium_memzero(key, sizeof key);
		free(buf);
		return rc;
	}
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(buf + OFF_BODY, &clen, plain, len, buf,
						   SEALED_HEADER_LEN, NULL, buf + OFF_NONCE, key);
	sodium_memzero(key, sizeof key);
	*out = buf;
	*outlen = total;
	return MACA_OK;
}

int sealed_seal(const unsigned char *plain, size_t len, const char *pass, size_t passlen,
		unsigned char **out, size_t *outlen, struct maca_err *err)
{
	return sealed_seal_limits(plain, len, pass, passlen, SEALED_OPSLIMIT, SEALED_MEMLIMIT, out,
				  outlen, err);
}

bool sealed_detect(const unsigned char *buf, size_t len)
{
	return len >= SEALED_MAGIC_LEN && memcmp(buf, SEALED_MAGIC, SEALED_MAGIC_LEN) == 0;
}

/* want: the content length the header announces, unless the header itself is cut short. */
static int refuse_truncated(size_t have, bool header_cut, uint64_t want, struct maca_err *err)
{
	if (header_cut)
		return err_set(err, MACA_EUSER,
			       "the encrypted file is truncated: %zu bytes, shorter than its "
			       "header",
			       have);
	return err_set(err, MACA_EUSER,
		       "the encrypted file is truncated: %zu bytes, too short for the %llu bytes "
		       "of content its header announces",
		       have, (unsigned long long)want);
}

/* Checks everything that can be checked without the key, so that a malformed or hostile
 * header is refused before any memory is allocated or any work is done. */
static int check_header(const unsigned char *buf, size_t len, size_t *plainlen,
			struct maca_err *err)
{
	size_t m = len < SEALED_MAGIC_LEN ? len : SEALED_MAGIC_LEN;
	if (m > 0 && memcmp(buf, SEALED_MAGIC, m) != 0)
		return err_set(err, MACA_ENOTMACA, "not an encrypted maca file");
	if (len <= OFF_VERSION)
		return refuse_truncated(len, true, 0, err);
	unsigned version = buf[OFF_VERSION];
	if (version > SEALED_VERSION)
		return err_set(err, MACA_ETOONEW,
			       "the file was encrypted by a newer maca (format version %u; this "
			       "maca reads version %d)",
			       version, SEALED_VERSION);
	if (version != SEALED_VERSION)
		return err_set(err, MACA_ENOTMACA,
			       "not an encrypted maca file: unknown format version %u", version);
	if (len < SEALED_HEADER_LEN)
		return refuse_truncated(len, true, 0, err);

	uint64_t ops = get_u64(buf + OFF_OPSLIMIT);
	uint64_t mem = get_u64(buf + OFF_MEMLIMIT);
	uint64_t want = get_u64(buf + OFF_LENGTH);
	/* A file cut short is the common accident (a copy that stopped), so it gets its own
	 * message; the stated length is compared, never used to allocate. */
	size_t body = len - SEALED_HEADER_LEN;
	if (body < SEALED_TAG_LEN || want > body - SEALED_TAG_LEN)
		return refuse_truncated(len, false, want, err);
	if (!limits_accepted(ops, mem))
		return err_set(err, MACA_EUSER,
			       "the file asks for key-derivation limits maca does not accept "
			       "(%llu passes over %llu bytes)",
			       (unsigned long long)ops, (unsigned long long)mem);
	if (want != body - SEALED_TAG_LEN)
		return err_set(err, MACA_EUSER, "%s", SEALED_MSG_REFUSED);
	*plainlen = (size_t)want;
	return MACA_OK;
}

int sealed_open(const unsigned char *buf, size_t len, const char *pass, size_t passlen,
		unsigned char **plain, size_t *plainlen, struct maca_err *err)
{
	*plain = NULL;
	*plainlen = 0;
	int rc = sodium_ready(err);
	if (rc)
		return rc;
	size_t n = 0;
	rc = check_header(buf, len, &n, err);
	if (rc)
		return rc;

	/* One byte at least, so that an empty plaintext is not a NULL from malloc(0). */
	unsigned char *out = malloc(n ? n : 1);
	if (!out)
		return err_set(err, MACA_ENOMEM, "out of memory decrypting %zu bytes", n);
	unsigned char key[KEY_LEN];
	rc = derive_key(key, pass, passlen, buf + OFF_SALT, get_u64(buf + OFF_OPSLIMIT),
			get_u64(buf + OFF_MEMLIMIT), err);
	if (rc) {
		sodium_memzero(key, sizeof key);
		free(out);
		return rc;
	}
	unsigned long long mlen = 0;
	int bad = crypto_aead_xchacha20poly1305_ietf_decrypt(
	    out, &mlen, NULL, buf + OFF_BODY, len - SEALED_HEADER_LEN, buf, SEALED_HEADER_LEN,
	    buf + OFF_NONCE, key);
	sodium_memzero(key, sizeof key);
	if (bad) {
		/* libsodium writes nothing on failure, but wipe anyway: it costs nothing. */
		sodium_memzero(out, n);
		free(out);
		return err_set(err, MACA_EUSER, "%s", SEALED_MSG_REFUSED);
	}
	*plain = out;
	*plainlen = (size_t)mlen;
	return MACA_OK;
}
