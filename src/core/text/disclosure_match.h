/* The disclosure check's matchers, one file each, called by the driver (disclosure.c); they
 * read the text (disclosure_text.h) and propose candidates (disclosure_cands.h). Private to
 * src/core/text. */
#ifndef MACA_DISCLOSURE_MATCH_H
#define MACA_DISCLOSURE_MATCH_H

#include "disclosure_cands.h"
#include "disclosure_text.h"

/* The matchers: each adds what it finds in the whole text. */
void match_codes(const struct dtext *t, struct cands *cs);  /* NHS, NI, phone, postcode, car */
void match_email(const struct dtext *t, struct cands *cs);  /* @accounts; web addresses skipped */
void match_dates(const struct dtext *t, struct cands *cs);  /* disclosure_date.c */
void match_people(const struct dtext *t, struct cands *cs); /* disclosure_names.c */
void match_places(const struct dtext *t, struct cands *cs); /* disclosure_places.c */
void match_ages(const struct dtext *t, struct cands *cs);   /* disclosure_ages.c */

#endif
