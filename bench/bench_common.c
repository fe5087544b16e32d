/* What the measurements and the bare baselines share: clocks, percentiles, timestamps, the
 * sequence of saves both run and where the return both import lies. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"
#include "sbuf.h"

double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

double bench_cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bench_percentile(double *v, size_t n, double p)
{
	if (n == 0)
		return 0.0;
	qsort(v, n, sizeof *v, compare_double);
	size_t i = (size_t)(p * (double)n + 0.999999);
	return v[i == 0 ? 0 : (i > n ? n - 1 : i - 1)];
}

void bench_timestamp(char out[32])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

#define SAVE_QUESTIONS 8

void bench_save_target(const int64_t *cases, size_t ncases, int i, bool bare,
		       struct bench_save *out)
{
	int q = 1 + i % SAVE_QUESTIONS;
	out->case_id = cases[(size_t)i % ncases];
	snprintf(out->question, sizeof out->question, "q%03d", q);
	out->value = q % 2 ? "inadequate" : "requires-improvement";
	snprintf(out->evidence, sizeof out->evidence, "Evidence written at save %d (%s).", i,
		 bare ? "bare" : "maca");
}

int bench_save_period(size_t ncases)
{
	/* The least common multiple of the cases and the questions. */
	size_t a = ncases, b = SAVE_QUESTIONS;
	while (b) {
		size_t t = a % b;
		a = b;
		b = t;
	}
	return (int)(ncases / a * SAVE_QUESTIONS);
}

char *bench_return_path(const char *db_path, bool sealed)
{
	return str_fmt("%s.return%s", db_path, sealed ? ".sealed" : "");
}
