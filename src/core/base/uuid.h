/* Random (version 4) UUIDs: an audit's identity across machines. */
#ifndef MACA_UUID_H
#define MACA_UUID_H

#include <stdbool.h>

#define UUID_STR_LEN 37 /* 36 characters and the NUL */

/* Writes a lower-case UUID such as "0f8c…-…"; false if no randomness was available. */
bool uuid_generate(char out[UUID_STR_LEN]);
bool uuid_valid(const char *s);

#endif
