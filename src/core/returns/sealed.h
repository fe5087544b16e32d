/* Sealed files: a buffer encrypted under a passphrase, for returns and audit packs that
 * travel by e-mail and USB stick.
 *
 * Format, version 1 (all integers unsigned, little-endian):
 *
 *   offset  size  field
 *        0     8  magic, the ASCII bytes "MACASEAL"
 *        8     1  format version, 1
 *        9     8  Argon2id opslimit (passes over memory)
 *       17     8  Argon2id memlimit, in bytes
 *       25     8  plaintext length N, in bytes
 *       33    16  salt, random for each file
 *       49    24  nonce, random for each file
 *       73  N+16  XChaCha20-Poly1305 (IETF, libsodium's crypto_aead_xchacha20poly1305_ietf)
 *                 of the plaintext: N bytes of ciphertext, then the 16-byte tag
 *
 * The whole file is therefore exactly 89 + N bytes. The 73-byte header (offsets 0 to 72) is
 * the additional data of the encryption, so changing any byte of it, like any byte of the
 * ciphertext or tag, makes the file fail to open. The 32-byte key is derived from the
 * passphrase with Argon2id version 1.3 (crypto_pwhash, crypto_pwhash_ALG_ARGON2ID13) using
 * the salt and the two limits from the header.
 *
 * Files are sealed with SEALED_OPSLIMIT and SEALED_MEMLIMIT (libsodium's "moderate" level).
 * The file is untrusted, so opening refuses, before deriving or allocating anything, limits
 * outside SEALED_OPSLIMIT_MIN..MAX and SEALED_MEMLIMIT_MIN..MAX, whose tops are exactly what
 * maca seals with: a hostile header cannot make maca spend more than opening a genuine file
 * costs (256 MiB and about half a second). (The tops were once four times that, and a
 * crafted header cost 1 GiB and seconds before it was refused.) Low limits are accepted
 * because they only weaken files their own author chose to weaken: lowering them in someone
 * else's file changes the derived key, and the file then fails to open. A later maca that
 * seals with higher limits must give its files a new format version. */
#ifndef MACA_SEALED_H
#define MACA_SEALED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SEALED_MAGIC "MACASEAL"
#define SEALED_MAGIC_LEN 8
#define SEALED_VERSION 1
#define SEALED_HEADER_LEN 73
#define SEALED_TAG_LEN 16
#define SEALED_OVERHEAD (SEALED_HEADER_LEN + SEALED_TAG_LEN)

/* What sealed_seal uses (crypto_pwhash_OPSLIMIT_MODERATE and MEMLIMIT_MODERATE). */
#define SEALED_OPSLIMIT 3ULL
#define SEALED_MEMLIMIT (256ULL << 20)
/* What sealed_open accepts: nothing above what sealed_seal writes. */
#define SEALED_OPSLIMIT_MIN 1ULL
#define SEALED_OPSLIMIT_MAX SEALED_OPSLIMIT
#define SEALED_MEMLIMIT_MIN 8192ULL
#define SEALED_MEMLIMIT_MAX SEALED_MEMLIMIT

/* The message for a wrong passphrase or a changed file: the two cannot be told apart. */
#define SEALED_MSG_REFUSED "wrong passphrase, or the file was changed after it was encrypted"

/* True when buf starts with the sealed-file magic. */
bool sealed_detect(const unsigned char *buf, size_t len);

/* Encrypts plain with a key derived from the passphrase; *out is malloc'd. An empty
 * passphrase is refused (MACA_EUSER). */
int sealed_seal(const unsigned char *plain, size_t len, const char *pass, size_t passlen,
		unsigned char **out, size_t *outlen, struct maca_err *err);

/* sealed_seal with the given Argon2id limits, which must be within what sealed_open
 * accepts. For tests and benchmarks that need cheap keys; maca itself seals with
 * sealed_seal. */
int sealed_seal_limits(const unsigned char *plain, size_t len, const char *pass, size_t passlen,
		       uint64_t opslimit, uint64_t memlimit, unsigned char **out, size_t *outlen,
		       struct maca_err *err);

/* Decrypts; refuses a wrong passphrase or any tampering (header included) with one
 * clear message (SEALED_MSG_REFUSED, MACA_EUSER), and refuses a truncated/unknown-version
 * file with its own message. *plain is malloc'd (the caller wipes it with sodium_memzero
 * before free).
 *
 * Refusals, checked in this order, so that nothing is derived from a malformed header:
 *   not starting with the magic (nor a prefix of it)   MACA_ENOTMACA "not an encrypted maca file"
 *   version newer than SEALED_VERSION                   MACA_ETOONEW  "... newer maca ..."
 *   version 0                                           MACA_ENOTMACA "unknown format version 0"
 *   shorter than its header, or than its header says    MACA_EUSER    "... truncated ..."
 *   Argon2id limits outside the accepted range          MACA_EUSER    "... key-derivation ..."
 *   longer than its header says, a wrong passphrase,
 *   or any changed byte                                 MACA_EUSER    SEALED_MSG_REFUSED
 * A header whose bytes were changed may land in any of these. */
int sealed_open(const unsigned char *buf, size_t len, const char *pass, size_t passlen,
		unsigned char **plain, size_t *plainlen, struct maca_err *err);

#endif
