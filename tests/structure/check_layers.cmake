# The include graph of src/: each library includes only the layers below it, and only storage reaches
# a database. Run as `cmake -DSOURCE_DIR=... -P check_layers.cmake`; fails listing every violation.
#
#   core                      pure C++: no other layer, no wx, no database
#   files                     output files: core only
#   i18n                      languages (gettext catalogs) and translatable texts: core only
#   imaging                   image files of films: core only; the only user of DCMTK
#   storage                   the database: core, files, imaging; the only user of SQLiteCpp, sqlite3,
#                             libpq and of storage/sql/ (the statement layer)
#   interchange               file formats: core (and storage's interface)
#   demo, report, export      over storage's interface, side by side: not each other; report and
#                             export speak other languages through i18n, never through each other
#   ui, app                   the front ends
cmake_minimum_required(VERSION 3.25)
set(layers core files i18n imaging storage interchange demo report export ui app)
set(allowed_core core)
set(allowed_files core files)
set(allowed_i18n core i18n)
set(allowed_imaging core imaging)
set(allowed_storage core files imaging storage)
set(allowed_interchange core storage interchange)
set(allowed_demo core storage interchange demo)
set(allowed_report core files i18n storage report)
set(allowed_export core files i18n storage interchange export)
set(allowed_ui ${layers})
set(allowed_app ${layers})
set(without_wx core files i18n imaging storage interchange demo report export)  # app: only its GUI main has wx

set(violations "")
foreach(layer IN LISTS layers)
    file(GLOB_RECURSE sources "${SOURCE_DIR}/src/${layer}/*.h" "${SOURCE_DIR}/src/${layer}/*.cpp")
    foreach(source IN LISTS sources)
        file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include")
        file(RELATIVE_PATH name "${SOURCE_DIR}" "${source}")
        foreach(line IN LISTS includes)
            if(line MATCHES "#[ \t]*include[ \t]*\"([a-z_]+)/")
                set(target "${CMAKE_MATCH_1}")
                if(target IN_LIST layers AND NOT target IN_LIST allowed_${layer})
                    list(APPEND violations "${name}: ${layer} must not include ${target} (${line})")
                endif()
            endif()
            if(NOT layer STREQUAL "storage" AND line MATCHES "SQLiteCpp|sqlite3\\.h|libpq|pqxx|\"storage/sql/")
                list(APPEND violations "${name}: only storage reaches a database (${line})")
            endif()
            if(NOT layer STREQUAL "imaging" AND line MATCHES "<dcmtk/")
                list(APPEND violations "${name}: only imaging reads DICOM through DCMTK (${line})")
            endif()
            if(layer IN_LIST without_wx AND line MATCHES "<wx/")
                list(APPEND violations "${name}: ${layer} has no wx (${line})")
            endif()
        endforeach()
    endforeach()
endforeach()

if(violations)
    list(JOIN violations "\n  " text)
    message(FATAL_ERROR "The include graph breaks the layers:\n  ${text}")
endif()
message(STATUS "Include graph: every layer includes only what lies below it")
