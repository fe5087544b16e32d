/* How strong a passphrase must be to seal a file with, and passphrases maca generates.
 *
 * Sealed files travel by e-mail; whoever holds a copy can guess passphrases offline, at
 * about two guesses a second per computer (Argon2id at maca's limits, sealed.h). So sealing
 * refuses a passphrase unless zxcvbn (zxcvbn-c, Debian's libzxcvbn) estimates that finding
 * it takes at least 2^PASSPHRASE_MIN_BITS guesses. zxcvbn counts guesses the way attackers
 * order them: common passwords, English words, names and surnames, keyboard patterns,
 * sequences, repeats, dates and years, and words from the audit itself (`avoid`), with
 * letters swapped for look-alike digits; what none of those explains it counts as random
 * characters. Opening a file never checks strength: a file already sealed must open.
 *
 * Generated passphrases are PASSPHRASE_GENERATED_WORDS words drawn uniformly (libsodium's
 * randombytes_uniform) from the EFF's large word list of 7,776 words, so log2(7776) = 12.9
 * bits each, 77.5 bits for six. */
#ifndef MACA_PASSPHRASE_POLICY_H
#define MACA_PASSPHRASE_POLICY_H

#include <stddef.h>

#include "err.h"

/* At two guesses a second, 2^50 guesses take about 18 million years on one computer, and
 * still thousands of years on a thousand. */
#define PASSPHRASE_MIN_BITS 50
#define PASSPHRASE_GENERATED_WORDS 6
#define PASSPHRASE_WORDLIST_SIZE 7776

/* The EFF's large word list (generated into the build tree by cmake/wordlist.cmake). */
extern const char *const passphrase_words[PASSPHRASE_WORDLIST_SIZE];

/* zxcvbn's estimate, in bits (log2 of the guesses needed). pass is NUL-terminated; avoid is
 * NULL or a NULL-terminated list of texts whose words (of three letters or more) count as
 * guessable: the audit's title, the agency's name and the like. */
double passphrase_estimate_bits(const char *pass, const char *const *avoid);

/* MACA_OK when the estimate reaches PASSPHRASE_MIN_BITS; otherwise MACA_EUSER with a
 * message saying so: "the passphrase is too weak: ..." with the estimate, how long one
 * computer would take to guess it, and what made it guessable (the caller adds what to do). */
int passphrase_check_strength(const char *pass, const char *const *avoid, struct maca_err *err);

/* A new passphrase of PASSPHRASE_GENERATED_WORDS random words separated by spaces, in
 * guarded memory (sodium_malloc): free it with sodium_free, which wipes it. */
int passphrase_generate(char **out, size_t *len, struct maca_err *err);

/* The entropy of a generated passphrase, in bits (exact: the words are drawn uniformly). */
double passphrase_generated_bits(void);

#endif
