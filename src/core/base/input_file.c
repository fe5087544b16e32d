#include "input_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a named pipe (FIFO)";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "a special file";
}

/* Opens and checks; on MACA_OK *sb describes the open file. */
static int open_regular(const char *path, int *fd, struct stat *sb, struct maca_err *err)
{
	*fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (*fd < 0)
		return err_set(err, errno == ENOENT ? MACA_ENOTFOUND : MACA_EIO, "%s",
			       strerror(errno));
	int rc = MACA_OK;
	if (fstat(*fd, sb) != 0)
		rc = err_set(err, MACA_EIO, "%s", strerror(errno));
	else if (!S_ISREG(sb->st_mode))
		rc = err_set(err, MACA_EUSER, "%s, not a regular file", kind_of(sb->st_mode));
	/* Reading a regular file never blocks anyway; cleared so that it never returns EAGAIN. */
	else if (fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK) != 0)
		rc = err_set(err, MACA_EIO, "%s", strerror(errno));
	if (rc) {
		close(*fd);
		*fd = -1;
	}
	return rc;
}

int input_file_open(const char *path, int *fd, struct maca_err *err)
{
	struct stat sb;
	return open_regular(path, fd, &sb, err);
}

int input_file_check(const char *path, struct maca_err *err)
{
	int fd;
	struct stat sb;
	int rc = open_regular(path, &fd, &sb, err);
	if (!rc)
		close(fd);
	return rc;
}

int input_file_read(const char *path, size_t max, const char *what, char **buf, size_t *len,
		    struct maca_err *err)
{
	*buf = NULL;
	*len = 0;
	int fd;
	struct stat sb;
	int rc = open_regular(path, &fd, &sb, err);
	if (rc)
		return rc;
	if ((unsigned long long)sb.st_size > max)
		rc = err_set(err, MACA_EUSER, "%lld bytes, larger than %s (%zu MiB)",
			     (long long)sb.st_size, what, max / (1024 * 1024));
	/* One byte over the size tells a file that grew since fstat from one that did not. */
	size_t cap = rc ? 0 : (size_t)sb.st_size + 2, got = 0;
	char *data = rc ? NULL : malloc(cap);
	if (!rc && !data)
		rc = err_set(err, MACA_ENOMEM, "out of memory");
	while (!rc) {
		ssize_t n = read(fd, data + got, cap - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = err_set(err, MACA_EIO, "%s", strerror(errno));
		else if (n == 0)
			break;
		else if ((got += (size_t)n) == cap - 1)
			rc = err_set(err, MACA_EUSER, "changed while it was being read");
	}
	close(fd);
	if (rc) {
		free(data);
		return rc;
	}
	data[got] = '\0';
	*buf = data;
	*len = got;
	return MACA_OK;
}
