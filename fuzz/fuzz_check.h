/* The fuzz targets' assertion: unlike assert(), it stays whatever the build type (NDEBUG), and
 * says which property failed before aborting, which libFuzzer reports as a crash. */
#ifndef MACA_FUZZ_CHECK_H
#define MACA_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__,        \
				#cond);                                                            \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
