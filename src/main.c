#include <locale.h>
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	int rc = cli_main(argc, argv, stdout, stderr);
	if (fflush(stdout) != 0) {
		perror("maca: writing output");
		return CLI_FAIL;
	}
	return rc;
}
