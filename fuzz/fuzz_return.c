/* libFuzzer target for the pack and return parser: any bytes in, a clean refusal or a valid
 * document out, never a crash, a leak or undefined behaviour. A parsed document is also
 * shown, since `maca show` prints hostile files. Corpus: fuzz/corpus/return/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "return_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct return_doc *doc = NULL;
	struct maca_err err = {0};
	if (return_parse(data, size, &doc, &err) == 0) {
		free(return_show(doc));
		return_doc_free(doc);
	}
	err_clear(&err);
	return 0;
}
