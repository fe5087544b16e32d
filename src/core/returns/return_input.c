/* A pack or return file as received, for import: opened as any file the user names, its
 * SHA-256 taken as it is read, and held in memory only when it has to be (see return_doc.h). */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input_file.h"
#include "return_doc.h"
#include "sbuf.h"
#include "sealed.h"

/* What a file that is not held is hashed through: small, whatever the file's size. */
#define CHUNK (64u * 1024)

/* Reads the whole file from its start, hashing it; into buf (room for len + 1 bytes) when buf
 * is not NULL. A file whose size is not len any more changed while it was read. */
static int read_hashing(int fd, size_t len, unsigned char *buf, char checksum[65],
			struct maca_err *err)
{
	unsigned char *chunk = buf ? NULL : malloc(CHUNK);
	if (!buf && !chunk)
		return err_set(err, MACA_ENOMEM, "out of memory");
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	size_t got = 0;
	int rc = MACA_OK;
	for (;;) {
		unsigned char *at = buf ? buf + got : chunk;
		size_t room = buf ? len + 1 - got : CHUNK;
		ssize_t n = pread(fd, at, room, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(err, MACA_EIO, "%s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		/* One byte over the size tells a file that grew from one that did not. */
		if (got + (size_t)n > len) {
			rc = err_set(err, MACA_EUSER, "changed while it was being read");
			break;
		}
		crypto_hash_sha256_update(&h, at, (unsigned long long)n);
		got += (size_t)n;
	}
	if (!rc && got != len)
		rc = err_set(err, MACA_EUSER, "changed while it was being read");
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(checksum, 65, digest, sizeof digest);
	if (chunk)
		sodium_memzero(chunk, CHUNK); /* case data: not left in freed memory */
	free(chunk);
	return rc;
}

/* Whether the file starts as an SQLite file does: maca's own format, read where it lies. */
static bool starts_as_sqlite(int fd)
{
	unsigned char head[16];
	ssize_t n;
	while ((n = pread(fd, head, sizeof head, 0)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof head && memcmp(head, "SQLite format 3", sizeof head) == 0;
}

int return_input_open(const char *path, struct return_input *in, struct maca_err *err)
{
	*in = (struct return_input){.fd = -1};
	if (!(in->path = strdup(path)))
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = input_file_open(path, &in->fd, err);
	if (!rc && fstat(in->fd, &in->at) != 0)
		rc = err_set(err, MACA_EIO, "%s", strerror(errno));
	if (!rc && (unsigned long long)in->at.st_size > RETURN_MAX_FILE)
		rc = err_set(err, MACA_EUSER, "%lld bytes, larger than %s (%u MiB)",
			     (long long)in->at.st_size, "any pack or return maca reads",
			     RETURN_MAX_FILE / (1024 * 1024));
	if (!rc)
		in->len = (size_t)in->at.st_size;
	if (!rc && starts_as_sqlite(in->fd)) {
		rc = read_hashing(in->fd, in->len, NULL, in->checksum, err);
	} else if (!rc) {
		in->bytes = malloc(in->len + 1);
		rc = in->bytes ? read_hashing(in->fd, in->len, in->bytes, in->checksum, err)
			       : err_set(err, MACA_ENOMEM, "out of memory");
		close(in->fd);
		in->fd = -1;
		in->sealed = !rc && sealed_detect(in->bytes, in->len);
	}
	if (rc) {
		err_prefix(err, "%s", path);
		return_input_free(in);
	}
	return rc;
}

int return_input_unseal(struct return_input *in, const char *pass, size_t passlen,
			struct maca_err *err)
{
	if (!in->sealed)
		return MACA_OK;
	unsigned char *plain = NULL;
	size_t len = 0;
	if (sealed_open(in->bytes, in->len, pass, passlen, &plain, &len, err))
		return err->status;
	free(in->bytes); /* the sealed bytes: nothing to wipe */
	in->bytes = plain;
	in->len = len;
	in->sealed = false;
	return MACA_OK;
}

void return_input_free(struct return_input *in)
{
	/* A zeroed input is an empty one: its fd 0 is nobody's to close. */
	if (in->path && in->fd >= 0)
		close(in->fd);
	if (in->bytes)
		sodium_memzero(in->bytes, in->len);
	free(in->bytes);
	free(in->path);
	*in = (struct return_input){.fd = -1};
}
