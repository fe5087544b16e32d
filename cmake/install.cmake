# What `cmake --install` puts where, laid out as Debian expects under any prefix:
# bin/maca, share/maca/{audit-templates,forms,publish}, share/man/man{1,5}/*.gz,
# share/bash-completion/completions/maca and share/doc/maca/copyright.

install(TARGETS maca RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY audit-templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/maca/audit-templates
  FILES_MATCHING PATTERN "*.ini")
install(DIRECTORY forms/ DESTINATION ${CMAKE_INSTALL_DATADIR}/maca/forms
  FILES_MATCHING PATTERN "*.ini")
# The stylesheet and Word reference document maca builds into itself (both maca's own work,
# under its licence), for a partnership to start its own from ([publish] in maca.ini).
install(FILES src/core/publish/resources/briefing.css "${MACA_REFERENCE_DOCX}"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/maca/publish)

# Every page in man/ is installed, so a page added there needs no change here. Debian
# compresses man pages with gzip -9n (no name or time stamp, so the build is reproducible).
find_program(GZIP gzip REQUIRED)
file(GLOB MACA_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.1
  ${PROJECT_SOURCE_DIR}/man/*.5)
set(MACA_MAN_GZ "")
foreach(page ${MACA_MAN_PAGES})
  get_filename_component(name "${page}" NAME)
  string(REGEX REPLACE "^.*\\.([0-9])$" "\\1" section "${name}")
  set(gz "${PROJECT_BINARY_DIR}/man/${name}.gz")
  add_custom_command(OUTPUT "${gz}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${PROJECT_BINARY_DIR}/man"
    COMMAND ${GZIP} -9n -c "${page}" > "${gz}"
    DEPENDS "${page}" VERBATIM)
  list(APPEND MACA_MAN_GZ "${gz}")
  install(FILES "${gz}" DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
add_custom_target(maca_man ALL DEPENDS ${MACA_MAN_GZ})

install(FILES "${MACA_COMPLETION}" DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# The copyright file: maca's licence, then the word list built into it (cmake/wordlist.cmake),
# whose licence asks for attribution.
file(READ "${PROJECT_SOURCE_DIR}/LICENSE" MACA_LICENSE_TEXT)
file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/copyright" CONTENT "${MACA_LICENSE_TEXT}
The word list from which maca generates passphrases is built into it: the EFF's large word
list for passphrases (https://www.eff.org/dice), Copyright 2016 Electronic Frontier
Foundation, licensed under the Creative Commons Attribution 3.0 licence
(https://creativecommons.org/licenses/by/3.0/), taken unchanged from Debian's diceware
package.
" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/copyright" DESTINATION ${CMAKE_INSTALL_DOCDIR})
