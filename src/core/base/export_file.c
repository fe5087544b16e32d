/* Atomic, private file writes for exports. See export_file.h. */
#include "export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "sbuf.h"

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory part of path ("." when none); NULL when out of memory. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return str_dup(".");
	if (slash == path)
		return str_dup("/");
	char *d = malloc((size_t)(slash - path) + 1);
	if (d) {
		memcpy(d, path, (size_t)(slash - path));
		d[slash - path] = '\0';
	}
	return d;
}

static int sync_dir(const char *path)
{
	char *dir = dir_of(path);
	if (!dir)
		return -1;
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int export_file_temp(const char *path, const char *suffix, char **tmp, int *fd,
		     struct maca_err *err)
{
	*tmp = str_fmt("%s.tmp-XXXXXX%s", path, suffix);
	if (!*tmp)
		return err_set(err, MACA_ENOMEM, "out of memory");
	*fd = mkstemps(*tmp, (int)strlen(suffix)); /* mode 0600 */
	if (*fd < 0 || fchmod(*fd, 0600) != 0) {
		int e = errno;
		if (*fd >= 0) {
			close(*fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return err_set(err, MACA_EIO, "cannot write in the directory of %s: %s", path,
			       strerror(e));
	}
	return MACA_OK;
}

/* Refuses a path naming a maca database, or a file beside one: with --force, the export would
 * have replaced the database itself, under every maca that has it open. */
static int refuse_database(const char *path, struct maca_err *err)
{
	if (!paths_is_database_file(path))
		return MACA_OK;
	return err_set(err, MACA_EEXIST,
		       "%s is a maca database, or one of the files beside it; an export never "
		       "replaces it, even with --force: choose another name",
		       path);
}

int export_file_place(const char *tmp, const char *path, bool overwrite, struct maca_err *err)
{
	if (refuse_database(path, err)) {
		unlink(tmp);
		return err->status;
	}
	int fd = open(tmp, O_RDONLY);
	int rc = fd < 0 || fsync(fd) != 0 ? -1 : 0;
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (rc == 0) {
		if (overwrite) {
			rc = rename(tmp, path);
		} else {
			/* link() refuses an existing name: no window to overwrite one. */
			rc = link(tmp, path);
		}
		e = errno;
	}
	if (rc != 0 || !overwrite)
		unlink(tmp); /* a rename has moved it already */
	if (rc != 0) {
		if (e == EEXIST)
			return err_set(err, MACA_EEXIST,
				       "%s already exists; pass --force to replace it", path);
		return err_set(err, MACA_EIO, "cannot write %s: %s", path, strerror(e));
	}
	if (sync_dir(path) != 0)
		return err_set(err, MACA_EIO, "wrote %s, but could not sync its directory: %s",
			       path, strerror(errno));
	return MACA_OK;
}

int export_file_write(const char *path, const char *data, size_t len, bool overwrite,
		      struct maca_err *err)
{
	if (refuse_database(path, err))
		return err->status;
	if (!overwrite && access(path, F_OK) == 0)
		return err_set(err, MACA_EEXIST, "%s already exists; pass --force to replace it",
			       path);
	char *tmp;
	int fd;
	if (export_file_temp(path, "", &tmp, &fd, err))
		return err->status;
	int rc = write_all(fd, data, len);
	int e = errno;
	if (close(fd) != 0 && rc == 0)
		rc = -1, e = errno;
	if (rc != 0) {
		unlink(tmp);
		free(tmp);
		return err_set(err, MACA_EIO, "cannot write %s: %s", path, strerror(e));
	}
	rc = export_file_place(tmp, path, overwrite, err);
	free(tmp);
	return rc;
}
