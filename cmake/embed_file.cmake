# Turns a file into a C array, so that the build embeds it and the program reads no file:
#   cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed_file.cmake
# gives `const unsigned char symbol[]` (with a NUL after the bytes, so a text file can be
# used as a string) and `const size_t symbol_len`, the number of bytes without it.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR len "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
get_filename_component(source "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from ${source} by cmake/embed_file.cmake: do not edit. */\n"
  "#include <stddef.h>\n\n"
  "extern const unsigned char ${NAME}[];\nextern const size_t ${NAME}_len;\n"
  "const unsigned char ${NAME}[] = {\n${bytes}0x00};\n"
  "const size_t ${NAME}_len = ${len};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
