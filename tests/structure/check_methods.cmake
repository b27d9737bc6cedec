# What users and reviewers read points inside the repository, and cites the methods correctly. Run as
# `cmake -DSOURCE_DIR=... -DCHECK=outside|citations|translations -P check_methods.cmake`; fails listing
# every violation.
#
#   outside     no tracked file outside tests/ names the former clinical-rules document, the shared folder
#               beside the project or the workspace path (the regular expression below): the clinical
#               methods are docs/methods.md, and nothing names a place outside the project.
#   citations   every "docs/methods.md N.M" (also "`docs/methods.md` N.M" and a range "N.M-N.M") and every
#               "(methods N.M)" of the command line's help, in any tracked file, names a numbered heading
#               of docs/methods.md ("## 1. mSASSS", "### 1.3 Totals ...").
#   translations  every translation docs/methods.<language>.md has the numbered headings of
#                 docs/methods.md, the same numbers in the same order (so "docs/methods.md 1.3" is its 1.3
#                 too), and names the commit of docs/methods.md that it translates (40 hexadecimal digits).
#
# The files are those git tracks under SOURCE_DIR (all files but build trees when it is not a checkout).
# tests/structure/ is left out: it holds these checks and, in broken*, trees that break them on purpose
# (checked on their own). A line with a ";" is reported in pieces (CMake lists).
cmake_minimum_required(VERSION 3.25)

# Sets <out> to the files under SOURCE_DIR, relative to it.
function(list_files out)
    find_package(Git QUIET)
    set(files "")
    if(GIT_FOUND)
        execute_process(COMMAND ${GIT_EXECUTABLE} ls-files WORKING_DIRECTORY "${SOURCE_DIR}"
                        OUTPUT_VARIABLE listed RESULT_VARIABLE status ERROR_QUIET)
        if(status EQUAL 0)
            string(REPLACE "\n" ";" files "${listed}")
        endif()
    endif()
    if(NOT files)
        file(GLOB_RECURSE globbed RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*")
        foreach(name IN LISTS globbed)
            if(NOT name MATCHES "^(build[^/]*|\\.git)/")
                list(APPEND files "${name}")
            endif()
        endforeach()
    endif()
    list(FILTER files EXCLUDE REGEX "^tests/structure/")  # these checks, and trees that break them
    set(${out} "${files}" PARENT_SCOPE)
endfunction()

# Sets <out> to the section numbers of the numbered headings of <document> ("1", "1.3", ...), a path
# relative to SOURCE_DIR.
function(method_sections out document)
    set(sections "")
    if(EXISTS "${SOURCE_DIR}/${document}")
        file(STRINGS "${SOURCE_DIR}/${document}" headings REGEX "^#+ [0-9]")
        foreach(heading IN LISTS headings)
            if(heading MATCHES "^#+ ([0-9]+(\\.[0-9]+)*)\\.? ")
                list(APPEND sections "${CMAKE_MATCH_1}")
            endif()
        endforeach()
    endif()
    set(${out} "${sections}" PARENT_SCOPE)
endfunction()

list_files(files)
set(violations "")
if(CHECK STREQUAL "outside")
    foreach(name IN LISTS files)
        if(name MATCHES "^tests/" OR IS_DIRECTORY "${SOURCE_DIR}/${name}" OR NOT EXISTS "${SOURCE_DIR}/${name}")
            continue()
        endif()
        file(STRINGS "${SOURCE_DIR}/${name}" lines REGEX "clinical-rules|\\.\\./shared|/work/")
        foreach(line IN LISTS lines)
            string(STRIP "${line}" line)
            list(APPEND violations "${name}: points outside the project: ${line}")
        endforeach()
    endforeach()
elseif(CHECK STREQUAL "citations")
    method_sections(sections docs/methods.md)
    set(citation "(docs/methods\\.md`? |\\(methods )[0-9]+(\\.[0-9]+)?(-[0-9]+(\\.[0-9]+)?)?")
    foreach(name IN LISTS files)
        if(IS_DIRECTORY "${SOURCE_DIR}/${name}" OR NOT EXISTS "${SOURCE_DIR}/${name}")
            continue()
        endif()
        file(STRINGS "${SOURCE_DIR}/${name}" lines REGEX "docs/methods\\.md`? [0-9]|\\(methods [0-9]")
        foreach(line IN LISTS lines)
            string(REGEX MATCHALL "${citation}" cited "${line}")
            foreach(one IN LISTS cited)
                string(REGEX MATCH "[0-9].*$" numbers "${one}")
                string(REPLACE "-" ";" numbers "${numbers}")
                foreach(number IN LISTS numbers)
                    if(NOT number IN_LIST sections)
                        list(APPEND violations "${name}: \"${one}\" names no heading of docs/methods.md")
                    endif()
                endforeach()
            endforeach()
        endforeach()
    endforeach()
    if(NOT sections)
        list(APPEND violations "docs/methods.md: missing, or without numbered headings")
    endif()
elseif(CHECK STREQUAL "translations")
    method_sections(sections docs/methods.md)
    list(JOIN sections ", " original)
    foreach(name IN LISTS files)
        if(NOT name MATCHES "^docs/methods\\.[^/]+\\.md$" OR NOT EXISTS "${SOURCE_DIR}/${name}")
            continue()
        endif()
        method_sections(translated "${name}")
        if(NOT translated STREQUAL sections)
            list(JOIN translated ", " numbers)
            list(APPEND violations
                 "${name}: numbered sections ${numbers} differ from docs/methods.md's ${original}")
        endif()
        string(REPEAT "[0-9a-f]" 40 commit)  # CMake's regular expressions have no {40}
        file(STRINGS "${SOURCE_DIR}/${name}" commits REGEX "${commit}")
        if(NOT commits)
            list(APPEND violations "${name}: names no commit of docs/methods.md that it translates")
        endif()
    endforeach()
else()
    message(FATAL_ERROR "CHECK must be outside, citations or translations, not \"${CHECK}\"")
endif()

if(violations)
    list(REMOVE_DUPLICATES violations)
    list(JOIN violations "\n  " text)
    message(FATAL_ERROR "References that readers cannot follow:\n  ${text}")
endif()
list(LENGTH files count)
message(STATUS "check_methods ${CHECK}: ${count} files, no violation")
