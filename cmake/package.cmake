# `cpack -G DEB` in a build directory makes maca_VERSION_ARCH.deb, installable with
# `apt-get install ./maca_*.deb`. Build it from a Release build: a sanitizer build would
# depend on libasan.

set(CPACK_PACKAGE_NAME maca)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The maca authors")
set(CPACK_PACKAGE_CONTACT "The maca authors <maca@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "multi-agency case audits for children's safeguarding partnerships")
# CPack writes the summary as the synopsis line and this as the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "maca runs a multi-agency case audit in a local safeguarding children
partnership: audit templates and forms as INI files, each agency's
grading of its own practice, moderation on the audit day, the learning
and actions, and a briefing of the learning. It has a full-screen
terminal interface and scriptable commands; the data stays in one
SQLite database on the local disk, readable by its owner only.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
# dpkg-shlibdeps (dpkg-dev, pulled in by build-essential) works the library packages out
# from the binary itself: libc6, libncursesw6, libtinfo6, libsqlite3-0, libiniparser1,
# libsodium23, with the minimum versions the symbols need.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pandoc, weasyprint | wkhtmltopdf, fonts-liberation2, cmark-gfm")
# Files under /usr must belong to root, whoever builds the package.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
