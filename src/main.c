#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Past a file size limit (ulimit -f) a write should fail and be reported, not kill maca
	 * with the terminal left raw. */
	signal(SIGXFSZ, SIG_IGN);
	int rc = cli_main(argc, argv, stdout, stderr);
	if (fflush(stdout) != 0) {
		perror("maca: writing output");
		return CLI_FAIL;
	}
	return rc;
}
