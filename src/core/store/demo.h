/* A synthetic demo audit, so that a first-time user sees every screen with content. */
#ifndef MACA_DEMO_H
#define MACA_DEMO_H

#include <stdint.h>

#include "err.h"
#include "store.h"
#include "template.h"

/* Creates a new audit from the shipped domestic-abuse template, filled with invented content:
 * six cases ("Child A" to "Child F"), answers from children's social care, police and health,
 * section notes, agreed grades for two cases (one marked moderated), good practice, and
 * learning points with actions. Its title starts "SYNTHETIC DEMO — " and its background says
 * the content is invented. Nothing in it is about a real child, family or practitioner, and
 * it holds no identifiers (no NHS numbers, dates of birth, postcodes, phone numbers or e-mail
 * addresses). The same every time, apart from the audit's UUID.
 *
 * Refuses (MACA_EUSER) any template other than domestic-abuse. Writes with the store's origin
 * set to author "maca demo", source "demo", so that the history shows where the content came
 * from, and restores the caller's origin afterwards.
 *
 * Uses only the public store API, one transaction per item; if a step fails, the half-made
 * audit is deleted again and the step's error is returned. */
int demo_create(struct store *st, const struct template *tpl, int64_t *audit_id,
		struct maca_err *err);

#endif
