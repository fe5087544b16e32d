/* A workbook's archive, read with minizip from the buffer the file was read into. minizip
 * reads the central directory one entry at a time, so a hostile archive of a million entries
 * costs nothing to refuse (libzip would hold them all first). Every entry is checked from the
 * central directory before any is inflated; inflating counts what comes out as it goes, so a
 * size that lies is caught too. */
#include <stdlib.h>
#include <string.h>

#include <minizip/unzip.h>

#include "workbook_internal.h"

struct mem_file {
	const unsigned char *buf;
	size_t len, pos;
};

struct zip_entry {
	char *name;
	unz64_file_pos pos;
	uint64_t size, comp;
};

struct zip_archive {
	struct mem_file mem;
	unzFile uf;
	struct zip_entry *entries;
	size_t n;
	uint64_t inflated; /* by every read so far */
	char chunk[64 * 1024];
};

/* ---- minizip's file functions over the buffer ---- */

static voidpf mem_open(voidpf opaque, const void *name, int mode)
{
	(void)opaque;
	(void)mode;
	struct mem_file *m = (struct mem_file *)name;
	m->pos = 0;
	return m;
}

static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	(void)opaque;
	struct mem_file *m = stream;
	size_t n = m->len - m->pos < size ? m->len - m->pos : size;
	memcpy(buf, m->buf + m->pos, n);
	m->pos += n;
	return (uLong)n;
}

static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0; /* read-only */
}

static ZPOS64_T mem_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct mem_file *)stream)->pos;
}

static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	(void)opaque;
	struct mem_file *m = stream;
	ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
			: origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos
							   : m->len;
	if (off > m->len || base > m->len - off)
		return -1;
	m->pos = (size_t)(base + off);
	return 0;
}

static int mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* ---- checking the entries ---- */

/* A name an archive of ours could hold: printable ASCII, relative, no "..", no backslash. */
static bool name_safe(const char *s)
{
	if (!*s || *s == '/')
		return false;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f || *c == '\\' ||
		    *c == ':')
			return false;
	for (const char *seg = s; seg;) {
		const char *slash = strchr(seg, '/');
		size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
		if (n == 2 && seg[0] == '.' && seg[1] == '.')
			return false;
		seg = slash ? slash + 1 : NULL;
	}
	return true;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct zip_entry *)a)->name, ((const struct zip_entry *)b)->name);
}

static bool check_entry(struct zip_archive *za, size_t i, struct problems *p)
{
	unz_file_info64 fi;
	char name[256];
	if (unzGetCurrentFileInfo64(za->uf, &fi, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK) {
		problems_add(p, "the workbook is damaged (entry %zu of its archive cannot be read)",
			     i + 1);
		return false;
	}
	if (fi.size_filename >= sizeof name || !name_safe(name)) {
		problems_add(p,
			     "the workbook's archive holds an entry whose name is not safe "
			     "(entry %zu: absolute, with '..', or not plain text)",
			     i + 1);
		return false;
	}
	if (fi.flag & 1) {
		problems_add(p,
			     "the workbook's archive holds an encrypted entry (%s); save the "
			     "workbook without a password to open it",
			     name);
		return false;
	}
	if (fi.compression_method != 0 && fi.compression_method != Z_DEFLATED) {
		problems_add(p, "the workbook's archive uses a compression maca does not read (%s)",
			     name);
		return false;
	}
	if (fi.uncompressed_size > ZIP_MAX_PART) {
		problems_add(p,
			     "the workbook's part %s would be %llu bytes, more than the %u "
			     "maca reads",
			     name, (unsigned long long)fi.uncompressed_size, ZIP_MAX_PART);
		return false;
	}
	if (fi.uncompressed_size > ZIP_RATIO_FROM &&
	    fi.uncompressed_size / (fi.compressed_size ? fi.compressed_size : 1) > ZIP_MAX_RATIO) {
		problems_add(p,
			     "the workbook's part %s is compressed more than %d times over, "
			     "as no workbook is (an archive bomb?)",
			     name, ZIP_MAX_RATIO);
		return false;
	}
	struct zip_entry *e = &za->entries[za->n];
	*e = (struct zip_entry){
	    .name = strdup(name), .size = fi.uncompressed_size, .comp = fi.compressed_size};
	if (!e->name || unzGetFilePos64(za->uf, &e->pos) != UNZ_OK) {
		free(e->name);
		problems_add(p, "out of memory");
		return false;
	}
	za->n++;
	return true;
}

static bool check_entries(struct zip_archive *za, struct problems *p)
{
	unz_global_info64 gi;
	if (unzGetGlobalInfo64(za->uf, &gi) != UNZ_OK || gi.number_entry == 0) {
		problems_add(p, "the workbook is damaged (its archive has no directory)");
		return false;
	}
	if (gi.number_entry > ZIP_MAX_ENTRIES) {
		problems_add(p,
			     "the workbook's archive has %llu entries, more than the %d a "
			     "workbook needs",
			     (unsigned long long)gi.number_entry, ZIP_MAX_ENTRIES);
		return false;
	}
	za->entries = calloc((size_t)gi.number_entry, sizeof *za->entries);
	if (!za->entries) {
		problems_add(p, "out of memory");
		return false;
	}
	uint64_t total = 0;
	int rc = unzGoToFirstFile(za->uf);
	for (size_t i = 0; rc == UNZ_OK && i < gi.number_entry; i++) {
		if (!check_entry(za, i, p))
			return false;
		total += za->entries[za->n - 1].size;
		rc = unzGoToNextFile(za->uf);
	}
	if ((rc != UNZ_OK && rc != UNZ_END_OF_LIST_OF_FILE) || za->n != gi.number_entry) {
		problems_add(p, "the workbook is damaged (its archive's directory is cut short)");
		return false;
	}
	if (total > ZIP_MAX_INFLATED) {
		problems_add(p,
			     "the workbook would be %llu bytes uncompressed, more than the %u "
			     "maca reads",
			     (unsigned long long)total, ZIP_MAX_INFLATED);
		return false;
	}
	qsort(za->entries, za->n, sizeof *za->entries, cmp_entry);
	for (size_t i = 1; i < za->n; i++)
		if (strcmp(za->entries[i - 1].name, za->entries[i].name) == 0) {
			problems_add(p, "the workbook's archive holds %s twice",
				     za->entries[i].name);
			return false;
		}
	return true;
}

int zip_archive_open(const unsigned char *buf, size_t len, struct zip_archive **out,
		     struct problems *p)
{
	*out = NULL;
	struct zip_archive *za = calloc(1, sizeof *za);
	if (!za) {
		problems_add(p, "out of memory");
		return -1;
	}
	za->mem = (struct mem_file){.buf = buf, .len = len};
	zlib_filefunc64_def ff = {mem_open, mem_read,  mem_write, mem_tell,
				  mem_seek, mem_close, mem_error, NULL};
	za->uf = unzOpen2_64(&za->mem, &ff);
	if (!za->uf) {
		problems_add(p, "the workbook is damaged (not a zip archive that can be read)");
		zip_archive_close(za);
		return -1;
	}
	if (!check_entries(za, p)) {
		zip_archive_close(za);
		return -1;
	}
	*out = za;
	return 0;
}

void zip_archive_close(struct zip_archive *za)
{
	if (!za)
		return;
	if (za->uf)
		unzClose(za->uf);
	for (size_t i = 0; i < za->n; i++)
		free(za->entries[i].name);
	free(za->entries);
	free(za);
}

static const struct zip_entry *find(const struct zip_archive *za, const char *name)
{
	struct zip_entry key = {.name = (char *)name};
	return bsearch(&key, za->entries, za->n, sizeof key, cmp_entry);
}

bool zip_archive_has(const struct zip_archive *za, const char *name)
{
	return find(za, name) != NULL;
}

int zip_archive_read(struct zip_archive *za, const char *name,
		     bool (*fn)(void *ctx, const char *data, size_t n), void *ctx,
		     struct problems *p)
{
	const struct zip_entry *e = find(za, name);
	if (!e) {
		problems_add(p, "the workbook has no part %s", name);
		return -1;
	}
	unz64_file_pos pos = e->pos;
	if (unzGoToFilePos64(za->uf, &pos) != UNZ_OK || unzOpenCurrentFile(za->uf) != UNZ_OK) {
		problems_add(p, "the workbook is damaged (its part %s cannot be opened)", name);
		return -1;
	}
	uint64_t got = 0;
	int n, rc = 0;
	bool more = true;
	while (more && (n = unzReadCurrentFile(za->uf, za->chunk, sizeof za->chunk)) > 0) {
		got += (uint64_t)n;
		za->inflated += (uint64_t)n;
		/* minizip stops at the declared size, but count anyway: never trust it alone. */
		if (got > e->size || got > ZIP_MAX_PART || za->inflated > ZIP_MAX_INFLATED ||
		    (got > ZIP_RATIO_FROM && got / (e->comp ? e->comp : 1) > ZIP_MAX_RATIO)) {
			problems_add(p,
				     "the workbook's part %s inflates beyond its declared size "
				     "or maca's limits (an archive bomb?)",
				     name);
			rc = -1;
			break;
		}
		more = fn(ctx, za->chunk, (size_t)n);
	}
	if (!rc && more && n < 0) {
		problems_add(p, "the workbook is damaged (its part %s cannot be inflated)", name);
		rc = -1;
	}
	int closed = unzCloseCurrentFile(za->uf);
	if (!rc && more && (closed == UNZ_CRCERROR || got != e->size)) {
		problems_add(p, "the workbook is damaged (its part %s fails its checksum)", name);
		rc = -1;
	}
	return rc || !more ? -1 : 0;
}
