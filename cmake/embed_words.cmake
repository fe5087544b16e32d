# Turns a word list (one a line; '#' starts a comment line) into a C array of sorted, unique,
# lower-case strings, so that the build embeds the data and the program reads no file.
#   cmake -DIN=list.txt -DOUT=list.c -DNAME=symbol [-DDICTIONARY=ON] -P embed_words.cmake
# With DICTIONARY, only plain lower-case words are kept (no proper nouns, no possessives).
file(STRINGS "${IN}" words ENCODING UTF-8)
list(FILTER words EXCLUDE REGEX "^#")
list(TRANSFORM words STRIP)
if(DICTIONARY)
  list(FILTER words INCLUDE REGEX "^[a-z][a-z-]*$")
else()
  list(TRANSFORM words TOLOWER)
  list(FILTER words INCLUDE REGEX "^[a-z][a-z'-]*$")
endif()
list(REMOVE_DUPLICATES words)
list(SORT words COMPARE STRING)
list(LENGTH words count)
list(JOIN words "\",\n\"" body)
get_filename_component(source "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from ${source} by cmake/embed_words.cmake: do not edit. */\n"
  "#include <stddef.h>\n\n"
  "extern const char *const ${NAME}[];\nextern const size_t ${NAME}_count;\n"
  "const char *const ${NAME}[] = {\n\"${body}\",\n};\n"
  "const size_t ${NAME}_count = ${count};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
