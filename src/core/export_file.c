/* Atomic, private file writes for exports. See export_file.h. */
#include "export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int export_file_write(const char *path, const char *data, size_t len, bool overwrite,
		      struct maca_err *err)
{
	if (!overwrite && access(path, F_OK) == 0)
		return err_set(err, MACA_EEXIST, "%s already exists; pass --force to replace it",
			       path);
	char *tmp = str_fmt("%s.tmp-XXXXXX", path);
	if (!tmp)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int fd = mkstemp(tmp); /* mode 0600 */
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return err_set(err, MACA_EIO, "cannot write in the directory of %s: %s", path,
			       strerror(e));
	}
	int rc = fchmod(fd, 0600) || write_all(fd, data, len) || fsync(fd) ? -1 : 0;
	int e = errno;
	if (close(fd) != 0 && rc == 0)
		rc = -1, e = errno;
	if (rc == 0) {
		if (overwrite) {
			rc = rename(tmp, path);
		} else {
			/* link() refuses an existing name: no window to overwrite one. */
			rc = link(tmp, path);
			if (rc == 0)
				unlink(tmp);
		}
		e = errno;
	}
	if (rc != 0) {
		unlink(tmp);
		free(tmp);
		if (e == EEXIST)
			return err_set(err, MACA_EEXIST,
				       "%s already exists; pass --force to replace it", path);
		return err_set(err, MACA_EIO, "cannot write %s: %s", path, strerror(e));
	}
	free(tmp);
	if (sync_dir(path) != 0)
		return err_set(err, MACA_EIO, "wrote %s, but could not sync its directory: %s",
			       path, strerror(errno));
	return MACA_OK;
}
