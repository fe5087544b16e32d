#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sbuf.h"

static char *xdg_dir(const char *var, const char *fallback, struct maca_err *err)
{
	const char *v = getenv(var);
	if (v && v[0] == '/')
		return str_fmt("%s/maca", v);
	const char *home = getenv("HOME");
	if (!home || !*home) {
		err_set(err, MACA_EUSER,
			"neither %s nor HOME is set; give the path with --db or --config", var);
		return NULL;
	}
	char *s = str_fmt("%s/%s/maca", home, fallback);
	if (!s)
		err_set(err, MACA_ENOMEM, "out of memory");
	return s;
}

/* The file `name` in maca's directory of xdg_dir(var, fallback). */
static char *xdg_file(const char *var, const char *fallback, const char *name, struct maca_err *err)
{
	char *dir = xdg_dir(var, fallback, err);
	if (!dir)
		return NULL;
	char *p = str_fmt("%s/%s", dir, name);
	free(dir);
	if (!p)
		err_set(err, MACA_ENOMEM, "out of memory");
	return p;
}

char *paths_default_db(struct maca_err *err)
{
	return xdg_file("XDG_DATA_HOME", ".local/share", "maca.db", err);
}

char *paths_config_file(struct maca_err *err)
{
	return xdg_file("XDG_CONFIG_HOME", ".config", "maca.ini", err);
}

char *paths_export_dir(struct maca_err *err)
{
	const char *docs = getenv("XDG_DOCUMENTS_DIR");
	const char *home = getenv("HOME");
	char *dir = NULL;
	if (docs && docs[0] == '/')
		dir = str_fmt("%s/maca", docs);
	else if (home && *home)
		dir = str_fmt("%s/Documents/maca", home);
	else {
		err_set(err, MACA_EUSER,
			"neither XDG_DOCUMENTS_DIR nor HOME is set; set export_dir in the "
			"configuration");
		return NULL;
	}
	if (!dir)
		err_set(err, MACA_ENOMEM, "out of memory");
	return dir;
}

char *paths_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	if (home && *home && path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
		return str_fmt("%s%s", home, path + 1);
	return strdup(path);
}

char *paths_db_lock(const char *db_path)
{
	return str_fmt("%s.lock", db_path);
}

bool paths_is_database_file(const char *path)
{
	static const char *const beside[] = {"", "-wal", "-shm", "-journal", ".lock"};
	size_t len = strlen(path);
	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		size_t n = strlen(beside[i]);
		if (len <= n || strcmp(path + len - n, beside[i]) != 0)
			continue;
		char *lock = str_fmt("%.*s.lock", (int)(len - n), path);
		struct stat sb;
		bool yes = lock && lstat(lock, &sb) == 0;
		/* A lock file is the database's only with the database beside it. */
		if (yes && i == 4) {
			lock[strlen(lock) - 5] = '\0';
			yes = lstat(lock, &sb) == 0;
		}
		free(lock);
		if (yes)
			return true;
	}
	return false;
}

char *paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int add_dir(struct named_list *out, char *dir, struct maca_err *err)
{
	if (!dir)
		return err_set(err, MACA_ENOMEM, "out of memory");
	if (is_dir(dir) && !named_find(out, dir) && !named_add(out, dir, dir)) {
		free(dir);
		return err_set(err, MACA_ENOMEM, "out of memory");
	}
	free(dir);
	return MACA_OK;
}

/* The directory holding the running program, resolved through symlinks; NULL if unknown. */
static char *exe_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	return paths_dirname(exe);
}

/* The source tree serves only a program running from the very build directory it was built
 * in (maca itself, or a test program in tests/). An installed maca runs from PREFIX/bin, not
 * from there, so it finds only what was installed beside it and a missing share directory
 * shows at once instead of being hidden while the source tree happens to exist. (A build
 * directory that is itself some PREFIX/bin would defeat this; nobody builds there.) */
static bool running_uninstalled(const char *dir)
{
	size_t n = strlen(MACA_BUILD_DIR);
	return dir && strncmp(dir, MACA_BUILD_DIR, n) == 0 &&
	       (dir[n] == '\0' || strcmp(dir + n, "/tests") == 0);
}

int paths_search_dirs(const char *sub, struct named_list *out, struct maca_err *err)
{
	struct maca_err ignored = {0};
	char *cfg = xdg_dir("XDG_CONFIG_HOME", ".config", &ignored);
	err_clear(&ignored);
	if (cfg) {
		int rc = add_dir(out, str_fmt("%s/%s", cfg, sub), err);
		free(cfg);
		if (rc)
			return rc;
	}
	const char *share = getenv("MACA_SHARE_DIR");
	if (share && share[0] == '/' && add_dir(out, str_fmt("%s/%s", share, sub), err))
		return err->status;
	/* An installed maca finds its share directory relative to itself, whatever the prefix. */
	char *bin = exe_dir();
	int rc = MACA_OK;
	if (bin)
		rc = add_dir(out, str_fmt("%s/" MACA_SHARE_FROM_BIN "/%s", bin, sub), err);
	if (!rc && running_uninstalled(bin))
		rc = add_dir(out, str_fmt("%s/%s", MACA_SOURCE_DIR, sub), err);
	free(bin);
	return rc;
}

int paths_make_private_dir(const char *dir, struct maca_err *err)
{
	if (is_dir(dir))
		return MACA_OK;
	char *parent = paths_dirname(dir);
	if (!parent)
		return err_set(err, MACA_ENOMEM, "out of memory");
	int rc = MACA_OK;
	if (strcmp(parent, dir) != 0 && !is_dir(parent)) {
		/* Missing parents are private too: they were made only to hold maca's data. */
		rc = paths_make_private_dir(parent, err);
	}
	free(parent);
	if (rc)
		return rc;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(err, MACA_EIO, "cannot create directory %s: %s", dir,
			       strerror(errno));
	return MACA_OK;
}
